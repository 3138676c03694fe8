using SkiaSharp;
using Simulator.Telemetry.Messages;

namespace Simulator.Viewer;

/// <summary>The agent's own camera (RGB, depth or segmentation), from an RGBA bitmap the window fills each frame; with
/// perception on, the frame perception ran on instead, with its detections, lane lines and scores.</summary>
public sealed class InsetPanel : IViewerPanel, IDisposable
{
    private readonly ViewerState _state;
    private readonly SKFont _font = new(ViewerFonts.Sans, 13);
    private readonly SKPaint _text = new() { Color = SKColors.White, IsAntialias = true };
    private readonly SKPaint _frame = new() { Color = SKColors.White, Style = SKPaintStyle.Stroke, StrokeWidth = 2 };
    private readonly SKPaint _image = new();
    private readonly SKPaint _labelBack = new() { Color = new SKColor(0, 0, 0, 160) };
    private readonly SKPaint _overlay = new() { Style = SKPaintStyle.Stroke, StrokeWidth = 2, IsAntialias = true };
    private readonly SKFont _small = new(ViewerFonts.Sans, 11);
    private SKBitmap? _perceptionImage;

    public InsetPanel(ViewerState state, int width, int height)
    {
        _state = state;
        Bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
    }

    /// <summary>The inset image, RGBA8, written by the window's thread before drawing.</summary>
    public SKBitmap Bitmap { get; }

    /// <summary>False until the window has filled the bitmap at least once.</summary>
    public bool HasImage { get; internal set; }

    public void Draw(SKCanvas canvas, SKRect area)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ViewerFrame? frame = _state.Frame;
        if (frame is { HasPerception: true } && frame.Perception.HasImage)
        {
            // Perception on: the inset shows the frame perception ran on (its camera, at its aspect), with what it found.
            PerceptionOverlay p = frame.Perception;
            var image = new SKRect(area.Left, area.Top, area.Left + area.Height * p.ImageWidth / p.ImageHeight, area.Bottom);
            DrawPerceptionFrame(canvas, image, p);
            canvas.DrawRect(image, _frame);
            DrawPerception(canvas, image, p);
            Label(canvas, image, $"perception camera {p.ImageWidth}×{p.ImageHeight}");
            return;
        }
        if (!HasImage)
        {
            return;
        }
        canvas.DrawBitmap(Bitmap, area, new SKSamplingOptions(SKFilterMode.Linear), _image);
        canvas.DrawRect(area, _frame);
        string label = _state.Inset switch
        {
            InsetMode.Depth => "agent camera: depth",
            InsetMode.Segmentation => "agent camera: segmentation",
            _ => "agent camera: RGB",
        };
        Label(canvas, area, label);
    }

    private void Label(SKCanvas canvas, SKRect area, string label)
    {
        canvas.DrawRect(area.Left + 1, area.Bottom - 22, _font.MeasureText(label) + 12, 21, _labelBack);
        canvas.DrawText(label, area.Left + 6, area.Bottom - 7, SKTextAlign.Left, _font, _text);
    }

    private void DrawPerceptionFrame(SKCanvas canvas, SKRect area, PerceptionOverlay p)
    {
        if (_perceptionImage is null || _perceptionImage.Width != p.ImageWidth || _perceptionImage.Height != p.ImageHeight)
        {
            _perceptionImage?.Dispose();
            _perceptionImage = new SKBitmap(new SKImageInfo(p.ImageWidth, p.ImageHeight, SKColorType.Rgba8888, SKAlphaType.Opaque));
        }
        p.Image.CopyTo(_perceptionImage.GetPixelSpan());
        _perceptionImage.NotifyPixelsChanged();
        canvas.DrawBitmap(_perceptionImage, area, new SKSamplingOptions(SKFilterMode.Nearest), _image);
    }

    /// <summary>
    /// Detected boxes (class colours, with label and score), ground-truth boxes (thin white) and fitted lane lines
    /// (yellow) over the perception frame drawn in <paramref name="area"/>, and the running scores under it.
    /// </summary>
    private void DrawPerception(SKCanvas canvas, SKRect area, PerceptionOverlay o)
    {
        if (o.ImageWidth <= 0 || o.ImageHeight <= 0)
        {
            return;
        }
        float sx = area.Width / o.ImageWidth, sy = area.Height / o.ImageHeight;
        canvas.Save();
        canvas.ClipRect(area);
        foreach (OverlayLine line in o.Lines)
        {
            if (line.Points.Length < 2)
            {
                continue;
            }
            _overlay.Color = line.GroundTruth ? new SKColor(255, 255, 255, 140) : new SKColor(255, 217, 26);
            _overlay.StrokeWidth = line.GroundTruth ? 1 : 2;
            for (int i = 1; i < line.Points.Length; i++)
            {
                canvas.DrawLine(area.Left + line.Points[i - 1].X * sx, area.Top + line.Points[i - 1].Y * sy,
                    area.Left + line.Points[i].X * sx, area.Top + line.Points[i].Y * sy, _overlay);
            }
        }
        foreach (OverlayBox b in o.Boxes)
        {
            var rect = new SKRect(area.Left + b.X0 * sx, area.Top + b.Y0 * sy, area.Left + b.X1 * sx, area.Top + b.Y1 * sy);
            var (r, g, bl) = TelemetryEncoder.OverlayColor(b.Class);
            _overlay.Color = b.GroundTruth ? new SKColor(255, 255, 255, 160) : new SKColor((byte)(r * 255), (byte)(g * 255), (byte)(bl * 255));
            _overlay.StrokeWidth = b.GroundTruth ? 1 : 2;
            canvas.DrawRect(rect, _overlay);
            if (!b.GroundTruth)
            {
                canvas.DrawText($"{b.Label} {b.Score:0.00}", rect.Left + 2, Math.Max(area.Top + 10, rect.Top - 2), SKTextAlign.Left, _small, _text);
            }
        }
        canvas.Restore();
        PerceptionScores s = o.Scores;
        if (s.Frames > 0)
        {
            string scores = $"lane IoU {Show(s.LaneIoU)}  lateral {Show(s.LateralErrorMetres)} m  P {Show(s.Precision)}  R {Show(s.Recall)}  mAP50 {Show(s.MeanAp50)}  {Show(s.MillisecondsPerFrame)} ms/frame";
            canvas.DrawRect(area.Left, area.Bottom + 2, _small.MeasureText(scores) + 10, 17, _labelBack);
            canvas.DrawText(scores, area.Left + 5, area.Bottom + 15, SKTextAlign.Left, _small, _text);
        }

        static string Show(double v) => double.IsFinite(v) ? v.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "-";
    }

    public void Dispose()
    {
        _overlay.Dispose();
        _small.Dispose();
        _perceptionImage?.Dispose();

        Bitmap.Dispose();
        _font.Dispose();
        _text.Dispose();
        _frame.Dispose();
        _image.Dispose();
        _labelBack.Dispose();
    }
}
