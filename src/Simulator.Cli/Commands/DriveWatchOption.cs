using System.CommandLine;
using System.CommandLine.Invocation;
using Simulator.Core;

namespace Simulator.Cli.Commands;

/// <summary>
/// Adds `--watch` and `--manual` to `sim drive`: the episodes run in real time in a viewer window (the autopilot or
/// the model drives), or you drive with the keyboard or a gamepad. Kept beside DriveCommand like DriveModelOption.
/// </summary>
internal static class DriveWatchOption
{
    public static Command Attach(Command drive)
    {
        var perception = DriveCommand.PerceptionOf(drive);
        var watch = new Option<bool>("--watch") { Description = "Show the episodes in a viewer window, in real time (keys: see `sim watch --help`)" };
        var manual = new Option<bool>("--manual") { Description = "Drive yourself in a viewer window: W/S or arrows throttle/brake, A/D steer, or a gamepad" };
        var viewer = ViewerOptionSet.Create();
        drive.Options.Add(watch);
        drive.Options.Add(manual);
        viewer.AddTo(drive);
        var headless = drive.Action as SynchronousCommandLineAction
            ?? throw new InvalidOperationException("sim drive is expected to have a synchronous action");
        drive.SetAction(parse =>
        {
            bool isManual = parse.GetValue(manual);
            if (!parse.GetValue(watch) && !isManual)
            {
                return headless.Invoke(parse);
            }
            string? model = parse.GetValue<string?>("--model");
            if (isManual && model is not null)
            {
                throw new SimInputException("--manual and --model both want to drive", hint: "give one of them");
            }
            using var live = LiveTelemetry.Start(parse);
            using var perceiving = perception.Start(parse);
            using var recording = RecordOption.Start(parse, model, perception: perceiving is not null);
            var session = new WatchSession
            {
                ScenePath = CommonOptions.ResolveScene(parse.GetValue<string>("--scene")!),
                Driver = isManual ? WatchDriver.Manual : model is null ? WatchDriver.Autopilot : WatchDriver.Model,
                ModelPath = model,
                Seed = parse.GetValue<ulong>("--seed"),
                Viewer = viewer.Options(parse),
                TimeScale = viewer.TimeScale(parse),
                Episodes = parse.GetValue<int>("--episodes"),
                FinalScreenshot = viewer.Screenshot(parse),
                Live = live,
                Recording = recording,
                Perception = perceiving,
            };
            var output = new Output(parse);
            var run = session.Run();
            RecordOption.Finish(parse, recording);
            if (session.CameraEpisodes.Count > 0)
            {
                // The same episode report as without the window (a camera model's episodes equal `sim drive --model`'s).
                DriveCommand.Report(output, session.CameraEpisodes, parse.GetValue<bool>("--json"));
            }
            if (!parse.GetValue<bool>("--json"))
            {
                WatchCommand.Report(output, run);
            }
            LiveTelemetry.Report(parse, live);
            PerceptionOptionSet.Report(parse, perceiving);
            return 0;
        });
        return drive;
    }
}
