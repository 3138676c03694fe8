using SkiaSharp;

namespace Simulator.Viewer;

/// <summary>The heads-up text: speed, steering and throttle, reward terms, lap, lap time and progress, episode and
/// step, simulation and draw rates, pause and time scale.</summary>
public sealed class HudPanel : IViewerPanel, IDisposable
{
    private static readonly System.Globalization.CultureInfo Inv = System.Globalization.CultureInfo.InvariantCulture;
    private readonly ViewerState _state;
    private readonly SKFont _font = new(ViewerFonts.Mono, 15);
    private readonly SKPaint _text = new() { Color = SKColors.White, IsAntialias = true };
    private readonly SKPaint _back = new() { Color = new SKColor(0, 0, 0, 150) };
    private readonly SKPaint _barBack = new() { Color = new SKColor(255, 255, 255, 60) };
    private readonly SKPaint _bar = new() { Color = new SKColor(80, 200, 255) };
    private readonly SKPaint _warn = new() { Color = new SKColor(255, 200, 60), IsAntialias = true };
    private readonly SKPaint _replay = new() { Color = new SKColor(120, 200, 255), IsAntialias = true };
    private readonly SKPaint _good = new() { Color = new SKColor(110, 220, 120), IsAntialias = true };
    private readonly SKPaint _bad = new() { Color = new SKColor(255, 90, 80), IsAntialias = true };

    public HudPanel(ViewerState state) => _state = state;

    public void Draw(SKCanvas canvas, SKRect area)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        canvas.DrawRect(area, _back);
        float x = area.Left + 10, y = area.Top + 20, line = 19;
        ViewerFrame? f = _state.Frame;
        if (f is null)
        {
            canvas.DrawText("waiting for the first step...", x, y, SKTextAlign.Left, _font, _text);
            return;
        }
        ref readonly var info = ref f.Info;
        var r = info.Reward;
        canvas.DrawText(string.Create(Inv, $"speed    {info.Speed * 3.6,6:0.0} km/h"), x, y, SKTextAlign.Left, _font, _text);
        y += line;
        canvas.DrawText(string.Create(Inv, $"steer    {f.Action.Steer,6:+0.00;-0.00;0.00}"), x, y, SKTextAlign.Left, _font, _text);
        Bar(canvas, x + 150, y - 11, 110, 0.5f + 0.5f * f.Action.Steer, centered: true);
        y += line;
        canvas.DrawText(string.Create(Inv, $"throttle {f.Action.Throttle,6:0.00}  brake {f.Action.Brake:0.00}"), x, y, SKTextAlign.Left, _font, _text);
        y += line;
        canvas.DrawText(string.Create(Inv, $"reward   {f.StepReward,7:+0.000;-0.000;0.000}  total {r.Total:+0.000;-0.000;0.000}"), x, y, SKTextAlign.Left, _font, _text);
        y += line;
        canvas.DrawText(string.Create(Inv, $" prog {r.Progress:+0.00;-0.00;0.00} spd {r.Speed:+0.00;-0.00;0.00} ctr {r.Centering:+0.00;-0.00;0.00}"), x, y, SKTextAlign.Left, _font, _text);
        y += line;
        canvas.DrawText(string.Create(Inv, $" off {r.OffRoad:+0.00;-0.00;0.00} col {r.Collision:+0.00;-0.00;0.00} smooth {r.Smoothness:+0.00;-0.00;0.00} yield {r.Yield:+0.00;-0.00;0.00}"), x, y, SKTextAlign.Left, _font, _text);
        y += line;
        string best = info.BestLapTime > 0 ? string.Create(Inv, $"{info.BestLapTime:0.00}s") : "-";
        canvas.DrawText(string.Create(Inv, $"lap {info.Laps + 1}  time {info.EpisodeTime:0.0}s  best {best}"), x, y, SKTextAlign.Left, _font, _text);
        y += line;
        canvas.DrawText(string.Create(Inv, $"progress {info.LapProgress * 100,5:0.0}%"), x, y, SKTextAlign.Left, _font, _text);
        Bar(canvas, x + 150, y - 11, 110, (float)info.LapProgress, centered: false);
        y += line;
        string scale = _state.TimeScale == 0 ? "unlimited" : string.Create(Inv, $"{_state.TimeScale:0.##}x");
        if (_state.Replay is { } replay)
        {
            canvas.DrawText(string.Create(Inv, $"REPLAY  step {f.RunSteps}/{replay.StepCount}  {scale}"), x, y, SKTextAlign.Left, _font, _replay);
            y += line;
            if (replay.Divergence is { } d)
            {
                canvas.DrawText(string.Create(Inv, $"\u2717 diverged at step {d.Step}"), x, y, SKTextAlign.Left, _font, _bad);
            }
            else
            {
                canvas.DrawText("\u2713 matches the recording", x, y, SKTextAlign.Left, _font, _good);
            }
            y += line;
        }
        else
        {
            canvas.DrawText(string.Create(Inv, $"episode {f.Snapshot.Episode}  step {f.Snapshot.Step}  env {_state.WatchedEnv + 1}/{_state.EnvCount}"), x, y, SKTextAlign.Left, _font, _text);
            y += line;
            canvas.DrawText(string.Create(Inv, $"sim {f.StepsPerSecond,6:0} steps/s  {scale}"), x, y, SKTextAlign.Left, _font, _text);
            y += line;
        }
        canvas.DrawText(string.Create(Inv, $"draw {_state.DrawRate,5:0.0} fps  cam {_state.Camera}{(_state.Manual ? "  manual" : "")}"), x, y, SKTextAlign.Left, _font, _text);
        y += line;
        if (_state.Paused)
        {
            canvas.DrawText(_state.Replay is null ? "PAUSED  (space resume, . step)" : "PAUSED  (space play, . step, , back)", x, y, SKTextAlign.Left, _font, _warn);
            y += line;
        }
        if (_state.Notice is { } notice)
        {
            canvas.DrawText(notice, x, y, SKTextAlign.Left, _font, _warn);
        }
    }

    private void Bar(SKCanvas canvas, float x, float y, float width, float fraction, bool centered)
    {
        fraction = Math.Clamp(fraction, 0f, 1f);
        canvas.DrawRect(x, y, width, 10, _barBack);
        if (centered)
        {
            float mid = x + width / 2, at = x + width * fraction;
            canvas.DrawRect(Math.Min(mid, at), y, Math.Abs(at - mid), 10, _bar);
        }
        else
        {
            canvas.DrawRect(x, y, width * fraction, 10, _bar);
        }
    }

    public void Dispose()
    {
        _font.Dispose();
        _text.Dispose();
        _back.Dispose();
        _barBack.Dispose();
        _bar.Dispose();
        _warn.Dispose();
        _replay.Dispose();
        _good.Dispose();
        _bad.Dispose();
    }
}
