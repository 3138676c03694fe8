using System.Diagnostics;
using SkiaSharp;

namespace Simulator.Viewer.Training;

/// <summary>
/// Draws panels into an offscreen Skia surface at a fixed rate on a thread of its own, as the viewer window would:
/// for benchmarks that measure what watching costs a training run, without a window.
/// </summary>
public sealed class OffscreenPanelLoop : IDisposable
{
    private readonly (IViewerPanel Panel, SKRect Area)[] _panels;
    private readonly SKSurface _surface;
    private readonly Thread _thread;
    private readonly double _hz;
    private volatile bool _stop;
    private long _frames;

    /// <summary>Starts drawing <paramref name="panels"/> into a <paramref name="width"/> × <paramref name="height"/> surface <paramref name="hz"/> times a second.</summary>
    public OffscreenPanelLoop(IReadOnlyList<(IViewerPanel Panel, SKRect Area)> panels, int width, int height, double hz = 30)
    {
        ArgumentNullException.ThrowIfNull(panels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hz);
        _panels = [.. panels];
        _hz = hz;
        _surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"Skia could not make a {width}×{height} surface");
        _thread = new Thread(Run) { IsBackground = true, Name = "offscreen panels" };
        _thread.Start();
    }

    /// <summary>Frames drawn so far.</summary>
    public long Frames => Interlocked.Read(ref _frames);

    /// <summary>Seconds spent drawing (not waiting for the next frame).</summary>
    public double DrawSeconds { get; private set; }

    private void Run()
    {
        long period = (long)(Stopwatch.Frequency / _hz);
        long next = Stopwatch.GetTimestamp();
        long drawing = 0;
        while (!_stop)
        {
            long start = Stopwatch.GetTimestamp();
            SKCanvas canvas = _surface.Canvas;
            canvas.Clear(new SKColor(70, 90, 110));
            foreach (var (panel, area) in _panels)
            {
                panel.Draw(canvas, area);
            }
            canvas.Flush();
            drawing += Stopwatch.GetTimestamp() - start;
            Interlocked.Increment(ref _frames);
            next += period;
            long wait = next - Stopwatch.GetTimestamp();
            if (wait > 0)
            {
                Thread.Sleep(TimeSpan.FromSeconds(wait / (double)Stopwatch.Frequency));
            }
            else
            {
                next = Stopwatch.GetTimestamp(); // behind: draw the next frame now, do not catch up in a burst
            }
        }
        DrawSeconds = drawing / (double)Stopwatch.Frequency;
    }

    /// <summary>Stops the thread and waits for it (the panels stay the caller's).</summary>
    public void Dispose()
    {
        if (_stop)
        {
            return;
        }
        _stop = true;
        _thread.Join();
        _surface.Dispose();
    }
}
