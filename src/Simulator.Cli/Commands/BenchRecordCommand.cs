using System.CommandLine;
using System.Globalization;
using Simulator.Driving.Runtime;
using Simulator.Driving.Scenes;
using Simulator.Recording.Diagnostics;

namespace Simulator.Cli.Commands;

/// <summary>`sim bench record`: the cost of recording (env steps/s with and without, in one run) and the file size per simulated hour.</summary>
internal static class BenchRecordCommand
{
    public static Command Create()
    {
        var scene = CommonOptions.Scene("two-lane-traffic");
        var vehicles = CommonOptions.Int("--vehicles", "Replace the scene's traffic with this many IDM cars (the size budget's case: one ego and 20 vehicles)", 20, 0, 500);
        var sceneTraffic = new Option<bool>("--scene-traffic") { Description = "Keep the scene's own traffic and episode limits instead of --vehicles" };
        var seconds = CommonOptions.Number("--seconds", "Measuring time per case and round (the two cases alternate)", 0.5, 0, 600, minExclusive: true);
        var rounds = CommonOptions.Positive("--rounds", "Rounds (each runs both cases once; the cost is the median of the rounds' ratios)", 20, 1000);
        var visualHz = CommonOptions.Number("--visual-hz", "Rate of the Foxglove channels /tf, /ego/state, /ego/reward in the recording (0: none; /scene/actors at most 1 Hz)", new Recording.RecorderOptions().VisualHz, 0, 60);
        var json = CommonOptions.Json();
        var cmd = new Command("record", "Env steps per second without and with recording (no camera frames) and the recording size per simulated hour")
        {
            scene, vehicles, sceneTraffic, seconds, rounds, visualHz, json,
        };
        cmd.SetAction(parse =>
        {
            var description = SceneLoader.LoadFile(CommonOptions.ResolveScene(parse.GetValue(scene)!));
            if (!parse.GetValue(sceneTraffic))
            {
                description = RecordBenchmark.WithTraffic(description, parse.GetValue(vehicles), 3600);
            }
            var compiled = SceneCompiler.Compile(description);
            string folder = Path.Combine(Path.GetTempPath(), $"sim-bench-record-{Environment.ProcessId}");
            Directory.CreateDirectory(folder);
            try
            {
                var r = RecordBenchmark.Run(compiled, parse.GetValue(seconds), parse.GetValue(rounds), folder,
                    new Recording.RecorderOptions { Source = "sim bench record", VisualHz = parse.GetValue(visualHz) });
                int hz = (int)Math.Round(1 / compiled.FixedDeltaTime);
                var output = new Output(parse);
                if (parse.GetValue(json))
                {
                    output.Json(new
                    {
                        scene = compiled.Name, r.Vehicles, r.StepsPerSecondPlain, r.StepsPerSecondRecorded, r.Ratio, r.CpuMicrosPlain, r.CpuMicrosRecorded,
                        r.RecordedSteps, r.RecordedBytes, bytesPerHour = r.BytesPerHour(hz), r.DroppedVisuals, r.Blocks, r.SimulationWrites,
                        waitedForWriterMs = r.WaitedForWriter.TotalMilliseconds, recordedMs = r.RecordedTime.TotalMilliseconds,
                        gcPausePlainMs = r.GcPausePlain.TotalMilliseconds, gcPauseRecordedMs = r.GcPauseRecorded.TotalMilliseconds,
                    });
                    return 0;
                }
                string I(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
                output.Line(I($"bench record: '{compiled.Name}', ego + {r.Vehicles - 1} vehicles, autopilot, {hz} Hz, {parse.GetValue(rounds)} alternating rounds of {parse.GetValue(seconds)} s per case (medians)"));
                output.Line(I($"  no recording: {r.StepsPerSecondPlain,12:N0} env steps/s, {r.CpuMicrosPlain,7:0.00} µs CPU per step (all threads)"));
                output.Line(I($"  recording:    {r.StepsPerSecondRecorded,12:N0} env steps/s, {r.CpuMicrosRecorded,7:0.00} µs CPU per step (all threads)"));
                output.Line(I($"  ratio:        {r.Ratio:0.000} of the steps/s without recording (median of the rounds' ratios; {(1 - r.Ratio) * 100:0.0} % cost)"));
                output.Line(I($"  size:         {r.RecordedBytes / 1e6:0.00} MB for {r.RecordedSteps / (double)hz / 60:0.0} simulated minutes = {r.BytesPerHour(hz) / 1e6:0.00} MB per simulated hour; {r.DroppedVisuals} visual messages dropped"));
                output.Line(I($"  writer:       {r.SimulationWrites:N0} of {r.Blocks:N0} step blocks written by the simulation thread itself because the writer thread was late;"));
                output.Line(I($"                the simulation waited for the writer {r.WaitedForWriter.TotalMilliseconds:0} ms of {r.RecordedTime.TotalMilliseconds:0} ms recording ({r.WaitedForWriter / r.RecordedTime * 100:0.00} %)"));
                output.Line(I($"  gc pauses:    {r.GcPausePlain.TotalMilliseconds:0.0} ms without recording, {r.GcPauseRecorded.TotalMilliseconds:0.0} ms with (all threads stopped)"));
                return 0;
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        });
        return cmd;
    }
}
