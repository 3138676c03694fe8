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
        var viewer = ViewerOptionSet.Create();
        var cmd = new Command("watch", "Watch a scene live in a window (3D view, HUD, map, agent-camera inset); keys:\n" + KeyBindings.Describe())
        {
            scene, autopilot, model, manual, seed, foxglove,
        };
        viewer.AddTo(cmd);
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
            };
            Report(new Output(parse), session.Run());
            LiveTelemetry.Report(parse, live);
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

/// <summary>The viewer's options, shared by `sim watch` and `sim drive --watch`.</summary>
internal sealed class ViewerOptionSet
{
    private const int MinSide = 64, MaxSide = 8192;
    private Option<long?> _frames = null!;
    private Option<double> _fps = null!;
    private Option<string?> _size = null!;
    private Option<bool> _vsync = null!;
    private Option<double> _timeScale = null!;
    private Option<bool> _unlimited = null!;
    private Option<string?> _screenshot = null!;
    private Option<string?> _screenshotFolder = null!;
    private Option<double> _renderScale = null!;

    public static ViewerOptionSet Create() => new()
    {
        _frames = CommonOptions.OptionalLong("--frames", "Draw this many frames, print the draw rate and exit", 1, 10_000_000),
        _fps = CommonOptions.Number("--viewer-fps", "Most frames the window draws per second; 0 = uncapped", ViewerOptions.DefaultFps, 0, 1000),
        _size = CommonOptions.Size("--size", "Window size in pixels", "1280x720", MinSide, MaxSide),
        _vsync = new Option<bool>("--vsync") { Description = "Present in step with the display (FIFO)" },
        _timeScale = CommonOptions.Number("--time-scale", "Simulated seconds per second at the start (keys - and = change it)", 1, 0.25, 8),
        _unlimited = new Option<bool>("--unlimited") { Description = "Simulate as fast as possible (time scale unlimited)" },
        _screenshot = CommonOptions.OutputFile("--screenshot", "Write a PNG of the last frame drawn (with --frames) to this path"),
        _screenshotFolder = CommonOptions.OutputFolder("--screenshot-folder", "Folder for F12 screenshots (default: the current folder)"),
        _renderScale = CommonOptions.Number("--render-scale", "Render the 3D view at this fraction of the window size and scale it up; 0 = auto (0.75 on a CPU renderer, 1 on a GPU); below 0.25 counts as 0.25", 0, 0, 1),
    };

    public void AddTo(Command cmd)
    {
        cmd.Options.Add(_frames);
        cmd.Options.Add(_fps);
        cmd.Options.Add(_size);
        cmd.Options.Add(_vsync);
        cmd.Options.Add(_timeScale);
        cmd.Options.Add(_unlimited);
        cmd.Options.Add(_screenshot);
        cmd.Options.Add(_screenshotFolder);
        cmd.Options.Add(_renderScale);
    }

    public ViewerOptions Options(ParseResult parse)
    {
        var (w, h) = CommonOptions.ParseSize(parse.GetValue(_size) ?? "1280x720", "--size", MinSide, MaxSide);
        return new ViewerOptions
        {
            Width = w,
            Height = h,
            Fps = parse.GetValue(_fps),
            VSync = parse.GetValue(_vsync),
            MaxFrames = parse.GetValue(_frames) ?? 0,
            ScreenshotFolder = parse.GetValue(_screenshotFolder) ?? ".",
            RenderScale = parse.GetValue(_renderScale),
        };
    }

    public double TimeScale(ParseResult parse) => parse.GetValue(_unlimited) ? 0 : parse.GetValue(_timeScale);

    public string? Screenshot(ParseResult parse) => parse.GetValue(_screenshot);
}
