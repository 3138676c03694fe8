using System.CommandLine;
using Simulator.Core;
using Simulator.Recording;

namespace Simulator.Cli.Commands;

/// <summary>Which camera a replay export renders from.</summary>
internal enum ExportCamera
{
    Chase,
    Agent,
    Top,
}

/// <summary>What `sim replay --export/--frames` was asked for (times in simulated seconds from the episode start).</summary>
internal sealed record ReplayExportRequest(string? VideoPath, string? FramesFolder, ExportCamera Camera, double? From, double? To, int Width, int Height);

/// <summary>`sim replay FILE`: re-simulate a recorded episode in the viewer, print it, verify it, export it or stream it.</summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "A recording (.mcap) written with --record" };
        var info = new Option<bool>("--info") { Description = "Print scene, steps, duration, return, laps and events, and exit" };
        var verify = new Option<bool>("--verify") { Description = "Re-simulate every step and check it against the recorded state hashes (exit 1 on the first divergence)" };
        var export = CommonOptions.OutputFile("--export", "Render the episode headless to a video: out.mp4 or out.gif (through ffmpeg)");
        var frames = CommonOptions.OutputFolder("--frames", "Render the episode headless to PNG frames in this folder");
        var camera = new Option<ExportCamera>("--camera") { Description = "Camera of --export/--frames", DefaultValueFactory = _ => ExportCamera.Chase };
        var from = CommonOptions.OptionalNumber("--from", "Start of --export/--frames in simulated seconds", 0, 1e7);
        var to = CommonOptions.OptionalNumber("--to", "End of --export/--frames in simulated seconds", 0, 1e7);
        var exportSize = CommonOptions.Size("--export-size", "Frame size of --export/--frames", "960x540", 16, 7680);
        var foxglove = LiveTelemetry.Option();
        var cmd = new Command("replay", "Replay a recorded episode by re-simulating it (bit-exact): viewer with a timeline, --info, --verify, --export, --frames, --foxglove")
        {
            file, info, verify, export, frames, camera, from, to, exportSize, foxglove,
        };
        ReplayWatch.AddOptions(cmd);
        cmd.Validators.Add(r =>
        {
            int modes = (r.GetValue(info) ? 1 : 0) + (r.GetValue(verify) ? 1 : 0) + (r.GetValue(export) is null && r.GetValue(frames) is null ? 0 : 1);
            if (modes > 1)
            {
                r.AddError("choose one of --info, --verify and --export/--frames");
            }
        });
        cmd.SetAction(parse =>
        {
            string path = parse.GetValue(file)!;
            SafeFile.RequireReadableFile(path, "FILE");
            var output = new Output(parse);
            using var recording = EpisodeRecording.Open(path);
            if (recording.RecoveryWarning is { } warning)
            {
                parse.InvocationConfiguration.Error.WriteLine($"sim: warning: {warning}");
            }
            if (parse.GetValue(info))
            {
                return ReplayInfo.Print(recording, output);
            }
            if (parse.GetValue(verify))
            {
                return ReplayInfo.Verify(recording, output);
            }
            if (parse.GetValue(export) is not null || parse.GetValue(frames) is not null)
            {
                var (w, h) = CommonOptions.ParseSize(parse.GetValue(exportSize)!, "--export-size", 16, 7680);
                var request = new ReplayExportRequest(parse.GetValue(export), parse.GetValue(frames), parse.GetValue(camera),
                    parse.GetValue(from), parse.GetValue(to), w, h);
                return ReplayExport.Run(recording, request, output);
            }
            using var live = LiveTelemetry.Start(parse);
            int rc = ReplayWatch.Run(parse, recording, live, output);
            LiveTelemetry.Report(parse, live);
            return rc;
        });
        return cmd;
    }
}
