using System.Diagnostics;
using Simulator.Core;
using Simulator.Rendering.Vulkan;
using Simulator.Windowing;
using SkiaSharp;

namespace Simulator.Viewer;

/// <summary>
/// The viewer window: a GLFW window with a Vulkan swapchain, drawn on its own thread at a capped rate. Each frame it
/// takes the latest world snapshots from a <see cref="FrameExchange"/> (never waiting for the simulation), renders
/// the 3D view and the agent-camera inset with the renderer, composes the HUD, map, inset and any extra panels with
/// Skia on the CPU, and presents the composed image (<see cref="PixelView"/>). Keys and the gamepad become
/// requests on a <see cref="ViewerControl"/>, which the simulation loop reads between steps. A slow viewer drops
/// frames; it never blocks a step. <see cref="Start"/> opens the window (a <see cref="WindowException"/> when there
/// is no display), <see cref="Dispose"/> closes it and releases every native object.
/// </summary>
public sealed partial class ViewerHost : IDisposable
{
    private readonly ViewerOptions _options;
    private readonly FrameExchange _exchange;
    private readonly ViewerControl _control;
    private readonly List<(IViewerPanel Panel, Func<int, int, SKRect> Area)> _panels = [];
    private readonly Lock _lock = new();
    private readonly ManualResetEventSlim _opened = new();
    private Thread? _thread;
    private Exception? _failure;
    private volatile bool _stop;
    private string? _screenshotRequest;
    private ViewerStats _stats;

    public ViewerHost(ViewerOptions options, FrameExchange exchange, ViewerControl control)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _exchange = exchange ?? throw new ArgumentNullException(nameof(exchange));
        _control = control ?? throw new ArgumentNullException(nameof(control));
        if (options.Width < 1 || options.Height < 1 || options.Fps < 0 || double.IsNaN(options.Fps))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "the window needs a positive size and a frame rate of 0 (uncapped) or more");
        }
    }

    /// <summary>What the built-in panels read (the watched frame, camera and inset modes, rates).</summary>
    public ViewerState State { get; } = new();

    /// <summary>True while the window is open and drawing.</summary>
    public bool IsRunning => _thread is { IsAlive: true };

    /// <summary>The exception that ended the window's thread, if any.</summary>
    public Exception? Failure => _failure;

    /// <summary>Frames drawn so far and the phase split (a consistent copy).</summary>
    public ViewerStats Stats
    {
        get
        {
            lock (_lock)
            {
                return _stats;
            }
        }
    }

    /// <summary>Validation messages the renderer reported (with <see cref="ViewerOptions.Validation"/>), read at close.</summary>
    public IReadOnlyList<string> ValidationMessages { get; private set; } = [];

    /// <summary>Vulkan objects still alive after the window's renderer was disposed (0 when nothing leaked).</summary>
    public long LeftoverVulkanObjects { get; private set; }

    /// <summary>Screenshots written so far (paths).</summary>
    public IReadOnlyList<string> Screenshots
    {
        get
        {
            lock (_lock)
            {
                return [.. _screenshots];
            }
        }
    }

    private readonly List<string> _screenshots = [];

    /// <summary>
    /// Adds a panel drawn over the 3D view after the built-in ones; <paramref name="area"/> maps the window's size
    /// (width, height) to the panel's rectangle in window pixels. Safe from any thread; takes effect next frame.
    /// </summary>
    public void AddPanel(IViewerPanel panel, Func<int, int, SKRect> area)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(area);
        lock (_lock)
        {
            _panels.Add((panel, area));
        }
    }

    /// <summary>Asks the window to change its size (applied on the window's thread; the swapchain follows).</summary>
    public void RequestSize(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        Interlocked.Exchange(ref _sizeRequest, ((long)width << 32) | (uint)height);
    }

    private long _sizeRequest;

    /// <summary>Asks for a PNG of the next displayed frame at <paramref name="path"/> (written through SafeFile).</summary>
    public void RequestScreenshot(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Volatile.Write(ref _screenshotRequest, path);
    }

    /// <summary>Opens the window on its own thread and returns once it shows (or throws what stopped it opening).</summary>
    public void Start()
    {
        if (_thread != null)
        {
            throw new InvalidOperationException("the viewer is already started");
        }
        _thread = new Thread(Run) { Name = "sim viewer", IsBackground = true };
        _thread.Start();
        _opened.Wait();
        if (_failure != null)
        {
            _thread.Join();
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(_failure).Throw();
        }
    }

    /// <summary>Waits until the window closes (closed by the user, Escape, or after <see cref="ViewerOptions.MaxFrames"/>).</summary>
    public bool WaitForClose(TimeSpan timeout) => _thread?.Join(timeout) ?? true;

    /// <summary>Asks the window to close; <see cref="Dispose"/> waits for it.</summary>
    public void Close() => _stop = true;

    public void Dispose()
    {
        _stop = true;
        _thread?.Join();
        _opened.Dispose();
    }

    private void Run()
    {
        try
        {
            GlfwWindow window;
            try
            {
                window = GlfwWindow.Create(new WindowOptions(_options.Title, _options.Width, _options.Height));
            }
            catch (Exception e)
            {
                _failure = e;
                _opened.Set();
                return;
            }
            using (window)
            {
                VulkanRenderer renderer;
                try
                {
                    renderer = VulkanRenderer.Create(new RendererOptions("auto", _options.Validation)
                    {
                        Presentation = new PresentationOptions(window.RequiredInstanceExtensions, window.CreateSurface),
                    });
                }
                catch (Exception e)
                {
                    _failure = e;
                    _opened.Set();
                    return;
                }
                VulkanContext context = renderer.Context;
                try
                {
                    using var session = new Session(this, window, renderer);
                    _opened.Set();
                    session.Loop();
                }
                catch (Exception e)
                {
                    _failure ??= e;
                }
                finally
                {
                    ValidationMessages = context.ValidationMessages;
                    renderer.Dispose();
                    LeftoverVulkanObjects = context.LiveObjects;
                }
            }
        }
        catch (Exception e)
        {
            _failure ??= e;
        }
        finally
        {
            _opened.Set();
            _control.RequestStop();
        }
    }

    private static double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;

    private void Record(long render, long compose, long present, long total, long wall, long taken)
    {
        lock (_lock)
        {
            _stats = new ViewerStats(_stats.Frames + 1, Seconds(wall), _stats.DrawSeconds + Seconds(total), _stats.RenderSeconds + Seconds(render),
                _stats.ComposeSeconds + Seconds(compose), _stats.PresentSeconds + Seconds(present), _stats.SnapshotsTaken + taken);
        }
    }

    private void AddScreenshot(string path)
    {
        lock (_lock)
        {
            _screenshots.Add(path);
        }
    }

    private (IViewerPanel Panel, Func<int, int, SKRect> Area)[] _panelSnapshot = [];

    /// <summary>The panels to draw: an array rebuilt only when a panel is added, so drawing allocates nothing.</summary>
    private (IViewerPanel Panel, Func<int, int, SKRect> Area)[] PanelsCopy()
    {
        lock (_lock)
        {
            if (_panelSnapshot.Length != _panels.Count)
            {
                _panelSnapshot = [.. _panels];
            }
            return _panelSnapshot;
        }
    }

    internal static string DefaultScreenshotPath(string folder, long frame) =>
        Path.Combine(folder, $"sim-screenshot-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{frame:D6}.png");
}
