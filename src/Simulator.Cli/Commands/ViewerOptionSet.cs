using System.CommandLine;
using Simulator.Viewer;

namespace Simulator.Cli.Commands;

/// <summary>
/// The viewer's options, with the same names, ranges and meanings on `sim watch`, `sim drive --watch` and
/// `sim train --watch`. Training differs only where it must: no time scale (training runs as fast as it can, the
/// window never paces it), and a lower default frame rate and render scale so the window leaves the cores to the
/// trainer.
/// </summary>
internal sealed class ViewerOptionSet
{
    /// <summary>Default frame cap of the training window (frames per second): measured on 2 shared cores, 15 frames/s at
    /// render scale 0.75 cost training about a quarter of its env steps/s, 10 at 0.5 about a tenth.</summary>
    public const double TrainingFps = 10;

    /// <summary>Default fraction of the window's size the training window's 3D view is rendered at.</summary>
    public const double TrainingRenderScale = 0.5;

    private const int MinSide = 64, MaxSide = 8192;
    private bool _training;
    private Option<long?> _frames = null!;
    private Option<double> _fps = null!;
    private Option<string?> _size = null!;
    private Option<bool> _vsync = null!;
    private Option<double>? _timeScale;
    private Option<bool>? _unlimited;
    private Option<string?> _screenshot = null!;
    private Option<string?> _screenshotFolder = null!;
    private Option<double> _renderScale = null!;

    /// <summary>The options of `sim watch` and `sim drive --watch`.</summary>
    public static ViewerOptionSet Create() => Make(training: false);

    /// <summary>The options of `sim train --watch`.</summary>
    public static ViewerOptionSet ForTraining() => Make(training: true);

    /// <summary>The options of `sim replay`'s viewer: as `sim watch`'s, with --frames (the replay's PNG export there)
    /// named --viewer-frames, and no --time-scale/--unlimited (the replay has --speed).</summary>
    public static ViewerOptionSet ForReplay()
    {
        var set = Make(training: false, framesName: "--viewer-frames");
        set._timeScale = null;
        set._unlimited = null;
        set._screenshot = CommonOptions.OutputFile("--screenshot", "Write a PNG of the last frame drawn (with --viewer-frames) to this path");
        return set;
    }

    private static ViewerOptionSet Make(bool training, string framesName = "--frames")
    {
        string with = training ? "With --watch: " : "";
        return new ViewerOptionSet
        {
            _training = training,
            _frames = CommonOptions.OptionalLong(framesName, training ? "With --watch: close the window after this many frames (training goes on)" : "Draw this many frames, print the draw rate and exit", 1, 10_000_000),
            _fps = CommonOptions.Number("--viewer-fps", with + "Most frames the window draws per second; 0 = uncapped", training ? TrainingFps : ViewerOptions.DefaultFps, 0, 1000),
            _size = CommonOptions.Size("--size", with + "Window size in pixels", "1280x720", MinSide, MaxSide),
            _vsync = new Option<bool>("--vsync") { Description = with + "Present in step with the display (FIFO)" },
            _timeScale = training ? null : CommonOptions.Number("--time-scale", "Simulated seconds per second at the start (keys - and = change it)", 1, 0.25, 8),
            _unlimited = training ? null : new Option<bool>("--unlimited") { Description = "Simulate as fast as possible (time scale unlimited)" },
            _screenshot = CommonOptions.OutputFile("--screenshot", training
                ? "With --watch: write a PNG of the window to this path (the last frame with --frames, else the last frame before training ends)"
                : "Write a PNG of the last frame drawn (with --frames) to this path"),
            _screenshotFolder = CommonOptions.OutputFolder("--screenshot-folder", with + "Folder for F12 screenshots (default: the current folder)"),
            _renderScale = CommonOptions.Number("--render-scale", with + "Render the 3D view at this fraction of the window size and scale it up; 0 = auto (0.75 on a CPU renderer, 1 on a GPU); below 0.25 counts as 0.25",
                training ? TrainingRenderScale : 0, 0, 1),
        };
    }

    public void AddTo(Command cmd)
    {
        cmd.Options.Add(_frames);
        cmd.Options.Add(_fps);
        cmd.Options.Add(_size);
        cmd.Options.Add(_vsync);
        if (_timeScale != null && _unlimited != null)
        {
            cmd.Options.Add(_timeScale);
            cmd.Options.Add(_unlimited);
        }
        cmd.Options.Add(_screenshot);
        cmd.Options.Add(_screenshotFolder);
        cmd.Options.Add(_renderScale);
    }

    public ViewerOptions Options(ParseResult parse)
    {
        var (w, h) = CommonOptions.ParseSize(parse.GetValue(_size) ?? "1280x720", "--size", MinSide, MaxSide);
        return new ViewerOptions
        {
            Title = _training ? "sim train" : "sim",
            Width = w,
            Height = h,
            Fps = parse.GetValue(_fps),
            VSync = parse.GetValue(_vsync),
            MaxFrames = parse.GetValue(_frames) ?? 0,
            ScreenshotFolder = parse.GetValue(_screenshotFolder) ?? ".",
            RenderScale = parse.GetValue(_renderScale),
            // Training takes its --screenshot at the end of the run unless the window closes after --frames.
            FinalScreenshot = _training && parse.GetValue(_frames) is not null ? parse.GetValue(_screenshot) : null,
        };
    }

    /// <summary>Simulated seconds per wall second at the start (0 = unlimited); training has no time scale.</summary>
    public double TimeScale(ParseResult parse) => _unlimited is null || _timeScale is null ? 0 : parse.GetValue(_unlimited) ? 0 : parse.GetValue(_timeScale);

    /// <summary>The --screenshot path.</summary>
    public string? Screenshot(ParseResult parse) => parse.GetValue(_screenshot);
}
