using System.CommandLine;
using Simulator.Viewer;

namespace Simulator.Cli.Commands;

/// <summary>
/// The viewer options of `sim train --watch`: the same names, ranges and meanings as `sim watch`'s
/// (<see cref="ViewerOptionSet"/>) minus the time scale (training runs as fast as it can, the window never paces it),
/// with a lower default frame rate and render scale so the window leaves the cores to the trainer.
/// </summary>
internal sealed class TrainViewerOptions
{
    /// <summary>Default frame cap of the training window (frames per second): measured on 2 shared cores, 15 frames/s at
    /// render scale 0.75 cost training about a quarter of its env steps/s, 10 at 0.5 about an eighth.</summary>
    public const double DefaultFps = 10;

    /// <summary>Default fraction of the window's size the 3D view is rendered at (scaled up while composing).</summary>
    public const double DefaultRenderScale = 0.5;

    private const int MinSide = 64, MaxSide = 8192;
    private Option<long?> _frames = null!;
    private Option<double> _fps = null!;
    private Option<string?> _size = null!;
    private Option<bool> _vsync = null!;
    private Option<string?> _screenshot = null!;
    private Option<string?> _screenshotFolder = null!;
    private Option<double> _renderScale = null!;

    public static TrainViewerOptions Create() => new()
    {
        _frames = CommonOptions.OptionalLong("--frames", "With --watch: close the window after this many frames (training goes on)", 1, 10_000_000),
        _fps = CommonOptions.Number("--viewer-fps", "With --watch: most frames the window draws per second; 0 = uncapped", DefaultFps, 0, 1000),
        _size = CommonOptions.Size("--size", "With --watch: window size in pixels", "1280x720", MinSide, MaxSide),
        _vsync = new Option<bool>("--vsync") { Description = "With --watch: present in step with the display (FIFO)" },
        _screenshot = CommonOptions.OutputFile("--screenshot", "With --watch: write a PNG of the window to this path (the last frame with --frames, else the last frame before training ends)"),
        _screenshotFolder = CommonOptions.OutputFolder("--screenshot-folder", "With --watch: folder for F12 screenshots (default: the current folder)"),
        _renderScale = CommonOptions.Number("--render-scale", "With --watch: render the 3D view at this fraction of the window size (0.25 to 1); 0 = auto (0.75 on a CPU renderer, 1 on a GPU)", DefaultRenderScale, 0, 1),
    };

    public void AddTo(Command cmd)
    {
        cmd.Options.Add(_frames);
        cmd.Options.Add(_fps);
        cmd.Options.Add(_size);
        cmd.Options.Add(_vsync);
        cmd.Options.Add(_screenshot);
        cmd.Options.Add(_screenshotFolder);
        cmd.Options.Add(_renderScale);
    }

    public ViewerOptions Options(ParseResult parse)
    {
        var (w, h) = CommonOptions.ParseSize(parse.GetValue(_size) ?? "1280x720", "--size", MinSide, MaxSide);
        return new ViewerOptions
        {
            Title = "sim train",
            Width = w,
            Height = h,
            Fps = parse.GetValue(_fps),
            VSync = parse.GetValue(_vsync),
            MaxFrames = parse.GetValue(_frames) ?? 0,
            ScreenshotFolder = parse.GetValue(_screenshotFolder) ?? ".",
            RenderScale = parse.GetValue(_renderScale),
            FinalScreenshot = parse.GetValue(_frames) is null ? null : parse.GetValue(_screenshot),
        };
    }

    /// <summary>The --screenshot path (taken at the end of training when --frames is not given).</summary>
    public string? Screenshot(ParseResult parse) => parse.GetValue(_screenshot);
}
