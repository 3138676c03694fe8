using SkiaSharp;

namespace Simulator.Viewer;

/// <summary>The agent's own camera (RGB, depth or segmentation), from an RGBA bitmap the window fills each frame.</summary>
public sealed class InsetPanel : IViewerPanel, IDisposable
{
    private readonly ViewerState _state;
    private readonly SKFont _font = new(ViewerFonts.Sans, 13);
    private readonly SKPaint _text = new() { Color = SKColors.White, IsAntialias = true };
    private readonly SKPaint _frame = new() { Color = SKColors.White, Style = SKPaintStyle.Stroke, StrokeWidth = 2 };
    private readonly SKPaint _image = new();
    private readonly SKPaint _labelBack = new() { Color = new SKColor(0, 0, 0, 160) };

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
        canvas.DrawRect(area.Left + 1, area.Bottom - 22, _font.MeasureText(label) + 12, 21, _labelBack);
        canvas.DrawText(label, area.Left + 6, area.Bottom - 7, SKTextAlign.Left, _font, _text);
    }

    public void Dispose()
    {
        Bitmap.Dispose();
        _font.Dispose();
        _text.Dispose();
        _frame.Dispose();
        _image.Dispose();
        _labelBack.Dispose();
    }
}
