using System.Diagnostics;
using ScottPlot;
using SkiaSharp;

namespace Simulator.Viewer.Training;

/// <summary>
/// Live plots of a training run over env steps: episode return, clean-lap rate, losses (policy and entropy on the
/// left axis, value on the right) and env steps/s, in a 2×2 grid (a column when the area is tall and narrow). The
/// plots are rendered with ScottPlot into a cached image only when new metrics arrived (at most every
/// <see cref="MinRenderInterval"/>) or the area changed; other frames draw the cached image, which allocates nothing.
/// </summary>
public sealed partial class TrainingPlotsPanel : IViewerPanel, IDisposable
{
    private readonly LatestValue<MetricsHistory> _metrics;
    private readonly PlotSeries[] _series;
    private readonly Plot[] _plots;
    private readonly SKPaint _imagePaint = new();
    private SKSurface? _surface;
    private SKImage? _image;
    private SKSizeI _imageSize;
    private long _renderedVersion = -1;
    private long _renderedAt;
    private bool _stale = true;

    public TrainingPlotsPanel(TrainingFeed feed)
        : this(feed?.Metrics ?? throw new ArgumentNullException(nameof(feed)))
    {
    }

    public TrainingPlotsPanel(LatestValue<MetricsHistory> metrics)
    {
        _metrics = metrics;
        int capacity = metrics.Front.Capacity;
        _series =
        [
            new PlotSeries(0, "return", s_return, p => p.MeanReturn, capacity),
            new PlotSeries(1, "clean laps", s_cleanLap, p => p.CleanLapRate, capacity),
            new PlotSeries(2, "policy", s_policy, p => p.PolicyLoss, capacity),
            new PlotSeries(2, "entropy", s_entropy, p => p.Entropy, capacity),
            new PlotSeries(2, "value (R)", s_value, p => p.ValueLoss, capacity, rightAxis: true),
            new PlotSeries(3, "steps/s", s_rate, p => p.StepsPerSecond, capacity),
        ];
        _plots = [CreatePlot("episode return"), CreatePlot("clean-lap rate"), CreatePlot("losses"), CreatePlot("env steps/s")];
        foreach (PlotSeries s in _series)
        {
            s.AddTo(_plots[s.PlotIndex]);
        }
        _plots[1].Axes.SetLimitsY(-0.02, 1.02);
    }

    /// <summary>
    /// Least time between two renders for new data (a new size renders at once): ScottPlot takes milliseconds per
    /// render, and a fast run publishes metrics many times a second. Zero renders on every new publish.
    /// </summary>
    public TimeSpan MinRenderInterval { get; init; } = TimeSpan.FromSeconds(0.25);

    /// <summary>Times the plots were rendered (re-rendering happens only on new data or a new size).</summary>
    public int Renders { get; private set; }

    public void Draw(SKCanvas canvas, SKRect area)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        var size = new SKSizeI((int)area.Width, (int)area.Height);
        if (size.Width < 8 || size.Height < 8)
        {
            return;
        }
        long now = Stopwatch.GetTimestamp();
        bool due = Stopwatch.GetElapsedTime(_renderedAt, now) >= MinRenderInterval;
        if (due && _metrics.TryTakeNewest() && _metrics.Front.Version != _renderedVersion)
        {
            _stale = true;
        }
        if (_stale || size != _imageSize || _image is null)
        {
            Render(size);
            _renderedAt = now;
        }
        canvas.DrawImage(_image, area.Left, area.Top, SKSamplingOptions.Default, _imagePaint);
    }

    private void Render(SKSizeI size)
    {
        MetricsHistory history = _metrics.Front;
        Span<bool> hasData = stackalloc bool[4];
        hasData.Clear();
        foreach (PlotSeries s in _series)
        {
            hasData[s.PlotIndex] |= s.Fill(history.Points) > 0;
        }
        if (_surface is null || size != _imageSize)
        {
            _surface?.Dispose();
            _surface = SKSurface.Create(new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul))
                ?? throw new InvalidOperationException($"Skia could not make a {size.Width}×{size.Height} surface");
            _imageSize = size;
        }
        SKCanvas c = _surface.Canvas;
        c.Clear(s_background);
        bool column = size.Height > 2 * size.Width;
        int cols = column ? 1 : 2, rows = column ? 4 : 2;
        float w = size.Width / (float)cols, h = size.Height / (float)rows;
        for (int i = 0; i < _plots.Length; i++)
        {
            float left = i % cols * w, top = i / cols * h;
            AutoScale(i);
            _plots[i].Render(c, new PixelRect(left, left + w, top + h, top));
            if (!hasData[i] && history.Count > 0)
            {
                // E.g. no episode has finished yet, or the envs report no laps.
                DrawNote(c, "no data yet", left + w / 2, top + h / 2, 12);
            }
        }
        if (history.Count == 0)
        {
            DrawWaiting(c, size);
        }
        c.Flush();
        _image?.Dispose();
        _image = _surface.Snapshot();
        _renderedVersion = history.Version;
        _stale = false;
        Renders++;
    }

    private void AutoScale(int plot)
    {
        if (plot == 1)
        {
            _plots[1].Axes.AutoScaleX();
            return;
        }
        _plots[plot].Axes.AutoScale();
    }

    private static void DrawWaiting(SKCanvas c, SKSizeI size) =>
        DrawNote(c, "waiting for the first training iteration…", size.Width / 2f, size.Height / 2f, Math.Clamp(size.Height / 20f, 10, 18));

    private static void DrawNote(SKCanvas c, string text, float x, float y, float size)
    {
        using var font = new SKFont(PanelFonts.Typeface, size);
        using var paint = new SKPaint { Color = s_text, IsAntialias = true };
        c.DrawText(text, x, y, SKTextAlign.Center, font, paint);
    }

    public void Dispose()
    {
        _image?.Dispose();
        _surface?.Dispose();
        _imagePaint.Dispose();
        foreach (Plot p in _plots)
        {
            p.Dispose();
        }
    }
}
