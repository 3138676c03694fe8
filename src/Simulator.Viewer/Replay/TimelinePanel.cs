using Simulator.Recording;
using SkiaSharp;

namespace Simulator.Viewer.Replay;

/// <summary>
/// The replay's timeline, drawn along the bottom of the window: play state and speed, time and step against the
/// recording's length, the divergence status, and a bar with the episode's events at their times (collisions red,
/// laps green, off-road orange, with the time off the road shaded), the part played and a playhead. Clicking or
/// dragging on the bar seeks (through <see cref="ViewerControl.RequestSeekTo"/>).
/// </summary>
public sealed class TimelinePanel : IViewerPanel, IViewerPointerTarget, IDisposable
{
    public static readonly SKColor CollisionColor = new(235, 64, 52);
    public static readonly SKColor LapColor = new(70, 215, 100);
    public static readonly SKColor OffRoadColor = new(255, 150, 30);
    public static readonly SKColor PlayedColor = new(70, 160, 235);
    public static readonly SKColor TrackColor = new(90, 90, 100);
    public static readonly SKColor PlayheadColor = SKColors.White;

    private const float Padding = 12, BarHeight = 10, BarTop = 30;
    private static readonly System.Globalization.CultureInfo Inv = System.Globalization.CultureInfo.InvariantCulture;
    private readonly ReplayStatus _status;
    private readonly ViewerControl _control;
    private readonly SKFont _font = new(ViewerFonts.Mono, 14);
    private readonly SKFont _small = new(ViewerFonts.Mono, 12);
    private readonly SKPaint _back = new() { Color = new SKColor(0, 0, 0, 190), IsAntialias = true };
    private readonly SKPaint _text = new() { Color = SKColors.White, IsAntialias = true };
    private readonly SKPaint _dim = new() { Color = new SKColor(185, 185, 195), IsAntialias = true };
    private readonly SKPaint _good = new() { Color = new SKColor(110, 220, 120), IsAntialias = true };
    private readonly SKPaint _bad = new() { Color = new SKColor(255, 90, 80), IsAntialias = true };
    private readonly SKPaint _fill = new() { IsAntialias = true };
    private readonly SKPoint[] _glyph = new SKPoint[3];
    private bool _dragging;
    private long _lastSeek = -1;

    private readonly ViewerState? _view;

    /// <param name="status">The replay (length, events, step, divergence).</param>
    /// <param name="control">Where clicks send seeks; its pause and time scale are shown.</param>
    /// <param name="view">The window's state (<see cref="ViewerHost.State"/>): the playhead then follows the frame on
    /// screen, as the HUD does, rather than the newest step; null: <see cref="ReplayStatus.Step"/>.</param>
    public TimelinePanel(ReplayStatus status, ViewerControl control, ViewerState? view = null)
    {
        _status = status ?? throw new ArgumentNullException(nameof(status));
        _control = control ?? throw new ArgumentNullException(nameof(control));
        _view = view;
    }

    /// <summary>Where the viewer puts the timeline in a window of <paramref name="width"/> × <paramref name="height"/>:
    /// along the bottom, left of the map (whose side is 260 px at most, 40 % of the window's smaller side).</summary>
    public static SKRect DefaultArea(int width, int height)
    {
        float side = Math.Min(260f, Math.Min(width, height) * 0.4f);
        return new SKRect(10, height - 72, Math.Max(220, width - side - 20), height - 10);
    }

    /// <summary>The bar (track) inside <paramref name="area"/>: what clicks seek along and markers sit on.</summary>
    public static SKRect Bar(SKRect area) => new(area.Left + Padding, area.Top + BarTop, area.Right - Padding, area.Top + BarTop + BarHeight);

    /// <summary>The x of <paramref name="step"/> on <paramref name="bar"/>.</summary>
    public float X(SKRect bar, long step) =>
        bar.Left + bar.Width * (_status.StepCount == 0 ? 0 : (float)Math.Clamp((double)step / _status.StepCount, 0, 1));

    /// <summary>The step at <paramref name="x"/> on <paramref name="bar"/> (clamped to the recording).</summary>
    public long StepAt(SKRect bar, float x) =>
        (long)Math.Round(Math.Clamp((x - bar.Left) / Math.Max(1, bar.Width), 0, 1) * _status.StepCount);

    public void Draw(SKCanvas canvas, SKRect area)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        canvas.Save();
        canvas.ClipRect(area); // a narrow window cuts the texts, never draws them over the map
        canvas.DrawRoundRect(area, 6, 6, _back);
        long step = _view?.Frame is { Filled: true } shown ? shown.RunSteps : _status.Step;
        bool paused = _control.Paused;
        double scale = _control.TimeScale;
        float x = area.Left + Padding, y = area.Top + 20;

        // Play state glyph: a triangle while playing, two bars while paused.
        if (paused)
        {
            canvas.DrawRect(new SKRect(x, y - 11, x + 4, y + 1), _text);
            canvas.DrawRect(new SKRect(x + 7, y - 11, x + 11, y + 1), _text);
        }
        else
        {
            _glyph[0] = new SKPoint(x, y - 12);
            _glyph[1] = new SKPoint(x + 11, y - 5.5f);
            _glyph[2] = new SKPoint(x, y + 1);
            canvas.DrawVertices(SKVertexMode.Triangles, _glyph, null, _text);
        }
        x += 18;
        string speed = scale == 0 ? "max" : string.Create(Inv, $"{scale:0.##}x");
        string state = paused ? (step >= _status.StepCount ? "end" : "paused") : "playing";
        canvas.DrawText(string.Create(Inv, $"{state} {speed}"), x, y, SKTextAlign.Left, _font, paused ? _dim : _text);
        x += _font.MeasureText("playing 0.25x") + 14;
        canvas.DrawText(string.Create(Inv, $"{Clock(step * _status.StepSeconds)} / {Clock(_status.Duration)}"), x, y, SKTextAlign.Left, _font, _text);
        x += _font.MeasureText("00:00.0 / 00:00.0") + 14;
        float right = area.Right - Padding;
        string steps = string.Create(Inv, $"step {step}/{_status.StepCount}");
        if (x + _font.MeasureText(steps) + 14 + _font.MeasureText("\u2713") <= right)
        {
            canvas.DrawText(steps, x, y, SKTextAlign.Left, _font, _dim);
            x += _font.MeasureText(steps) + 14;
        }

        // The divergence status at the right; in short form where the long one would run into the step count.
        ReplayDivergence? diverged = _status.Divergence;
        string check = diverged is { } d ? string.Create(Inv, $"\u2717 diverged at step {d.Step}") : "\u2713 matches the recording";
        if (right - _font.MeasureText(check) < x)
        {
            check = diverged is { } d2 ? string.Create(Inv, $"\u2717 {d2.Step}") : "\u2713";
        }
        canvas.DrawText(check, right, y, SKTextAlign.Right, _font, diverged is null ? _good : _bad);

        SKRect bar = Bar(area);
        _fill.Color = TrackColor;
        canvas.DrawRoundRect(bar, 3, 3, _fill);
        DrawOffRoadSpans(canvas, bar);
        float head = X(bar, step);
        _fill.Color = PlayedColor;
        canvas.DrawRoundRect(new SKRect(bar.Left, bar.Top + 2, Math.Max(bar.Left, head), bar.Bottom - 2), 2, 2, _fill);
        DrawMarkers(canvas, bar);
        if (_status.Divergence is { } div)
        {
            float dx = X(bar, div.Step);
            _fill.Color = _bad.Color;
            canvas.DrawRect(new SKRect(dx - 1, bar.Top - 6, dx + 1, bar.Bottom + 6), _fill);
        }
        _fill.Color = PlayheadColor;
        canvas.DrawRect(new SKRect(head - 1, bar.Top - 5, head + 1, bar.Bottom + 5), _fill);
        canvas.DrawCircle(head, bar.MidY, 6, _fill);

        canvas.DrawText(", . step   [ ] 5 s   J L 30 s   Home End   click/drag to seek", bar.Left, area.Bottom - 7,
            SKTextAlign.Left, _small, _dim);
        canvas.Restore();
    }

    private void DrawMarkers(SKCanvas canvas, SKRect bar)
    {
        IReadOnlyList<RecordedEvent> events = _status.Events;
        for (int i = 0; i < events.Count; i++)
        {
            RecordedEvent e = events[i];
            SKColor? color = e.Kind switch
            {
                "collision" => CollisionColor,
                "lap" => LapColor,
                "off-road" => OffRoadColor,
                _ => null,
            };
            if (color is { } c)
            {
                float ex = X(bar, e.Step);
                _fill.Color = c;
                canvas.DrawRect(new SKRect(ex - 1.5f, bar.Top - 4, ex + 1.5f, bar.Bottom + 4), _fill);
            }
        }
    }

    /// <summary>Shades the time off the road: from each off-road event to the next on-road (or the end).</summary>
    private void DrawOffRoadSpans(SKCanvas canvas, SKRect bar)
    {
        IReadOnlyList<RecordedEvent> events = _status.Events;
        long start = -1;
        _fill.Color = OffRoadColor.WithAlpha(110);
        for (int i = 0; i < events.Count; i++)
        {
            RecordedEvent e = events[i];
            if (e.Kind == "off-road" && start < 0)
            {
                start = e.Step;
            }
            else if (e.Kind == "on-road" && start >= 0)
            {
                canvas.DrawRect(new SKRect(X(bar, start), bar.Top, X(bar, e.Step), bar.Bottom), _fill);
                start = -1;
            }
        }
        if (start >= 0)
        {
            canvas.DrawRect(new SKRect(X(bar, start), bar.Top, X(bar, _status.StepCount), bar.Bottom), _fill);
        }
    }

    public void Pointer(in PointerState pointer, bool pressed, SKRect area)
    {
        SKRect bar = Bar(area);
        if (pressed && pointer.X >= bar.Left - 6 && pointer.X <= bar.Right + 6 && pointer.Y >= bar.Top - 10 && pointer.Y <= bar.Bottom + 10)
        {
            _dragging = true;
            _lastSeek = -1;
        }
        if (!pointer.LeftDown)
        {
            _dragging = false;
            return;
        }
        if (_dragging)
        {
            long step = StepAt(bar, pointer.X);
            if (step != _lastSeek)
            {
                _control.RequestSeekTo(step);
                _lastSeek = step;
            }
        }
    }

    /// <summary>m:ss.s (minutes as many as needed).</summary>
    private static string Clock(double seconds)
    {
        seconds = Math.Max(0, seconds);
        int minutes = (int)(seconds / 60);
        return string.Create(Inv, $"{minutes:00}:{seconds - minutes * 60:00.0}");
    }

    public void Dispose()
    {
        _font.Dispose();
        _small.Dispose();
        _back.Dispose();
        _text.Dispose();
        _dim.Dispose();
        _good.Dispose();
        _bad.Dispose();
        _fill.Dispose();
    }
}
