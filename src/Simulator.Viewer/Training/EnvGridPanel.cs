using System.Diagnostics;
using SkiaSharp;

namespace Simulator.Viewer.Training;

/// <summary>
/// A grid of the watched envs' agent-camera frames, each with its env id, episode, step, return so far and lap
/// progress (text and a bar). The layout picks the column count that makes the frames largest in the area. The grid
/// is composed into a cached image only when the feed published new tiles (at most every
/// <see cref="MinComposeInterval"/>) or the area changed; other frames are one blit and allocate nothing.
/// </summary>
public sealed partial class EnvGridPanel : IViewerPanel, IDisposable
{
    private const int MaxTiles = 16;
    private readonly LatestValue<EnvTileSet> _envs;
    private readonly SKBitmap?[] _frames = new SKBitmap?[MaxTiles];
    private readonly SKImage?[] _images = new SKImage?[MaxTiles];
    private readonly string[] _titles = new string[MaxTiles];
    private readonly string[] _details = new string[MaxTiles];
    private readonly double[] _lap = new double[MaxTiles];
    private readonly SKTextBlob?[] _titleBlobs = new SKTextBlob?[MaxTiles];
    private readonly SKTextBlob?[] _detailBlobs = new SKTextBlob?[MaxTiles];
    private readonly float[] _blobSize = new float[MaxTiles];
    private readonly SKRect[] _imageRects = new SKRect[MaxTiles];
    private readonly SKFont _font;
    private readonly SKPaint _text = new() { Color = new SKColor(235, 235, 235), IsAntialias = true };
    private readonly SKPaint _dim = new() { Color = new SKColor(24, 26, 30, 224) };
    private readonly SKPaint _frameBorder = new() { Color = new SKColor(90, 90, 90), IsStroke = true, StrokeWidth = 1 };
    private readonly SKPaint _lapBack = new() { Color = new SKColor(70, 70, 70) };
    private readonly SKPaint _lapFill = new() { Color = new SKColor(255, 170, 40) };
    private readonly SKPaint _noFrame = new() { Color = new SKColor(45, 45, 50) };
    private SKSurface? _surface;
    private SKImage? _image;
    private SKRect _composedArea;
    private SKSizeI _surfaceSize;
    private long _composedAt;
    private int _count;
    private float _aspect = 1;

    public EnvGridPanel(TrainingFeed feed)
        : this(feed?.Envs ?? throw new ArgumentNullException(nameof(feed)))
    {
    }

    public EnvGridPanel(LatestValue<EnvTileSet> envs)
    {
        _envs = envs;
        _font = new SKFont(PanelFonts.Typeface, 12);
    }

    /// <summary>Where tile <paramref name="index"/>'s frame was drawn in the last <see cref="Draw"/> (window pixels).</summary>
    public SKRect ImageRect(int index) => _imageRects[index];

    /// <summary>Tiles drawn by the last <see cref="Draw"/>.</summary>
    public int TileCount => _count;

    public void Draw(SKCanvas canvas, SKRect area)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        var size = new SKSizeI((int)area.Width, (int)area.Height);
        if (size.Width < 8 || size.Height < 8)
        {
            return;
        }
        long now = Stopwatch.GetTimestamp();
        bool fresh = Stopwatch.GetElapsedTime(_composedAt, now) >= MinComposeInterval && _envs.TryTakeNewest();
        if (fresh)
        {
            Take(_envs.Front);
        }
        if (fresh || _image is null || area != _composedArea)
        {
            Compose(area, size);
            _composedAt = now;
        }
        canvas.DrawImage(_image, area.Left, area.Top, s_sampling, null);
    }

    /// <summary>Least time between two composes for new tiles (a new area composes at once); zero: every publish.</summary>
    public TimeSpan MinComposeInterval { get; init; } = TimeSpan.FromSeconds(0.1);

    /// <summary>Times the grid was composed (only on new tiles or a new area).</summary>
    public int Composes { get; private set; }

    // Draws the tiles once into a cached image, so a frame without new tiles is a single blit.
    private void Compose(SKRect area, SKSizeI size)
    {
        if (_surface is null || _surfaceSize != size)
        {
            _surfaceSize = size;
            _surface?.Dispose();
            _surface = SKSurface.Create(new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul))
                ?? throw new InvalidOperationException($"Skia could not make a {size.Width}×{size.Height} surface");
        }
        SKCanvas canvas = _surface.Canvas;
        canvas.Clear(SKColors.Transparent);
        canvas.Save();
        canvas.Translate(-area.Left, -area.Top);
        DrawTiles(canvas, area);
        canvas.Restore();
        canvas.Flush();
        _image?.Dispose();
        _image = _surface.Snapshot();
        _composedArea = area;
        Composes++;
    }

    private void DrawTiles(SKCanvas canvas, SKRect area)
    {
        canvas.DrawRect(area, _dim);
        if (_count == 0)
        {
            _font.Size = 13;
            canvas.DrawText("waiting for the watched envs…", area.MidX, area.MidY, SKTextAlign.Center, _font, _text);
            return;
        }
        float fontSize = Math.Clamp(area.Height / 40f, 9f, 14f);
        var (cols, rows) = Layout(area, _count, _aspect, TextHeight(fontSize));
        float cellW = area.Width / cols, cellH = area.Height / rows;
        // Labels shrink with the cell so they stay inside a small tile.
        fontSize = Math.Clamp(Math.Min(fontSize, cellW / 18f), 8f, 14f);
        _font.Size = fontSize;
        float textH = TextHeight(fontSize);
        for (int i = 0; i < _count; i++)
        {
            var cell = SKRect.Create(area.Left + i % cols * cellW, area.Top + i / cols * cellH, cellW, cellH);
            DrawTile(canvas, i, cell, textH, fontSize);
        }
    }

    private static float TextHeight(float fontSize) => 2 * fontSize * 1.25f + 6;

    /// <summary>The column and row counts that make a frame of <paramref name="aspect"/> (width / height) largest.</summary>
    internal static (int Cols, int Rows) Layout(SKRect area, int count, float aspect, float textHeight)
    {
        (int Cols, int Rows) best = (1, count);
        float bestWidth = -1;
        for (int cols = 1; cols <= count; cols++)
        {
            int rows = (count + cols - 1) / cols;
            float w = area.Width / cols - 4, h = area.Height / rows - 4 - textHeight;
            float imageWidth = Math.Min(w, h * aspect);
            if (imageWidth > bestWidth + 0.5f)
            {
                (best, bestWidth) = ((cols, rows), imageWidth);
            }
        }
        return best;
    }
}
