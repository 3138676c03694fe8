using System.CommandLine;
using System.Globalization;
using Simulator.Core;
using Simulator.Viewer;

namespace Simulator.Cli.Commands;

/// <summary>`sim watch`: a viewer window on one env driven by the autopilot, a model or the keyboard/gamepad.</summary>
internal static class WatchCommand
{
    public static Command Create()
    {
        var scene = CommonOptions.Scene("two-lane-traffic");
        var autopilot = new Option<bool>("--autopilot") { Description = "The autopilot drives (the default)" };
        var model = CommonOptions.InputFile("--model", "A trained model drives (runs/<name>/checkpoints/best.pt, or the shipped camera model models/pixels-driver.pt)", aliases: "-m");
        var manual = new Option<bool>("--manual") { Description = "You drive: W/S or arrows throttle/brake, A/D steer, or a gamepad" };
        var seed = CommonOptions.Seed();
        var foxglove = LiveTelemetry.Option();
        var record = RecordOption.Create();
        var viewer = ViewerOptionSet.Create();
        var perception = PerceptionOptionSet.Create();
        var cmd = new Command("watch", "Watch a scene live in a window (3D view, HUD, map, agent-camera inset); keys:\n" + KeyBindings.Describe())
        {
            scene, autopilot, model, manual, seed, foxglove, record,
        };
        viewer.AddTo(cmd);
        perception.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            bool isManual = parse.GetValue(manual);
            string? modelPath = parse.GetValue(model);
            int drivers = (isManual ? 1 : 0) + (modelPath is null ? 0 : 1) + (parse.GetValue(autopilot) ? 1 : 0);
            if (drivers > 1)
            {
                throw new SimInputException("choose one driver: --autopilot, --model or --manual", hint: "give only one of them");
            }
            using var live = LiveTelemetry.Start(parse);
            using var perceiving = perception.Start(parse);
            using var recording = RecordOption.Start(parse, modelPath, perception: perceiving is not null);
            var session = new WatchSession
            {
                ScenePath = CommonOptions.ResolveScene(parse.GetValue(scene)!),
                Driver = isManual ? WatchDriver.Manual : modelPath is null ? WatchDriver.Autopilot : WatchDriver.Model,
                ModelPath = modelPath,
                Seed = parse.GetValue(seed),
                Viewer = viewer.Options(parse),
                TimeScale = viewer.TimeScale(parse),
                FinalScreenshot = viewer.Screenshot(parse),
                Live = live,
                Recording = recording,
                Perception = perceiving,
            };
            var result = session.Run();
            RecordOption.Finish(parse, recording);
            Report(new Output(parse), result);
            LiveTelemetry.Report(parse, live);
            PerceptionOptionSet.Report(parse, perceiving);
            return 0;
        });
        return cmd;
    }

    public static void Report(Output output, (LiveRunResult Run, ViewerStats Stats, IReadOnlyList<string> Screenshots) r)
    {
        output.Line(string.Create(CultureInfo.InvariantCulture, $"viewer: {r.Stats}"));
        output.Line(string.Create(CultureInfo.InvariantCulture, $"simulation: {r.Run.Steps} steps, {r.Run.Episodes} episodes started"));
        foreach (string shot in r.Screenshots)
        {
            output.Line($"screenshot: {shot}");
        }
    }
}
