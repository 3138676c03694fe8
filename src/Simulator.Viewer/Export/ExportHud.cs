using System.Globalization;
using SkiaSharp;

namespace Simulator.Viewer.Export;

/// <summary>A compact HUD for exported frames (bottom left): speed, steering, throttle and brake as bars, lap and
/// progress, episode time, step reward and return. Scales with the frame's height.</summary>
internal sealed class ExportHud : IDisposable
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;
    private readonly SKFont _font;
    private readonly SKPaint _text = new() { Color = SKColors.White, IsAntialias = true };
    private readonly SKPaint _back = new() { Color = new SKColor(0, 0, 0, 140) };
    private readonly SKPaint _barBack = new() { Color = new SKColor(255, 255, 255, 60) };
    private readonly SKPaint _steer = new() { Color = new SKColor(80, 200, 255) };
    private readonly SKPaint _throttle = new() { Color = new SKColor(90, 220, 110) };
    private readonly SKPaint _brake = new() { Color = new SKColor(240, 80, 70) };
    private readonly float _scale;

    public ExportHud(int height)
    {
        _scale = Math.Clamp(height / 540f, 0.5f, 3f);
        _font = new SKFont(ViewerFonts.Mono, 15 * _scale);
    }

    /// <summary>Height in pixels below which the HUD is left out (it would cover most of the frame).</summary>
    public const int MinHeight = 200;

    public void Draw(SKCanvas canvas, int height, in ExportFrameInfo f)
    {
        float line = 19 * _scale, pad = 8 * _scale, barWidth = 90 * _scale, barHeight = 9 * _scale;
        float boxWidth = 300 * _scale, boxHeight = 5 * line + 2 * pad;
        float left = 10 * _scale, top = height - 10 * _scale - boxHeight;
        canvas.DrawRect(left, top, boxWidth, boxHeight, _back);
        float x = left + pad, y = top + pad + line * 0.8f, barX = x + boxWidth - 2 * pad - barWidth;
        var info = f.Info;
        canvas.DrawText(string.Create(s_inv, $"{info.Speed * 3.6,5:0.0} km/h"), x, y, SKTextAlign.Left, _font, _text);
        y += line;
        canvas.DrawText(string.Create(s_inv, $"steer    {f.Action.Steer,6:+0.00;-0.00;0.00}"), x, y, SKTextAlign.Left, _font, _text);
        Bar(canvas, barX, y - barHeight, barWidth, barHeight, f.Action.Steer, centered: true, _steer);
        y += line;
        canvas.DrawText(string.Create(s_inv, $"throttle {f.Action.Throttle,5:0.00}"), x, y, SKTextAlign.Left, _font, _text);
        Bar(canvas, barX, y - barHeight, barWidth / 2 - 2, barHeight, f.Action.Throttle, centered: false, _throttle);
        Bar(canvas, barX + barWidth / 2 + 2, y - barHeight, barWidth / 2 - 2, barHeight, f.Action.Brake, centered: false, _brake);
        y += line;
        canvas.DrawText(string.Create(s_inv, $"lap {info.Laps + 1} {info.LapProgress * 100,5:0.0}%  t {info.EpisodeTime,6:0.00} s"), x, y, SKTextAlign.Left, _font, _text);
        y += line;
        canvas.DrawText(string.Create(s_inv, $"reward {f.StepReward,6:+0.000;-0.000;0.000}  return {f.Return:0.0}"), x, y, SKTextAlign.Left, _font, _text);
    }

    /// <summary>A bar of <paramref name="value"/>: from the middle for a signed value in [-1, 1] (positive to the
    /// left, as +steer turns left), from the left edge for a fraction in [0, 1].</summary>
    private void Bar(SKCanvas canvas, float x, float y, float width, float height, float value, bool centered, SKPaint paint)
    {
        canvas.DrawRect(x, y, width, height, _barBack);
        if (centered)
        {
            float mid = x + width / 2, at = mid - width / 2 * Math.Clamp(value, -1f, 1f);
            canvas.DrawRect(Math.Min(mid, at), y, Math.Abs(at - mid), height, paint);
        }
        else
        {
            canvas.DrawRect(x, y, width * Math.Clamp(value, 0f, 1f), height, paint);
        }
    }

    public void Dispose()
    {
        _font.Dispose();
        _text.Dispose();
        _back.Dispose();
        _barBack.Dispose();
        _steer.Dispose();
        _throttle.Dispose();
        _brake.Dispose();
    }
}
