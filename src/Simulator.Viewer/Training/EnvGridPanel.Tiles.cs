using System.Globalization;
using SkiaSharp;

namespace Simulator.Viewer.Training;

public sealed partial class EnvGridPanel
{
    private static readonly SKSamplingOptions s_sampling = new(SKFilterMode.Nearest, SKMipmapMode.None);

    // Converts the published frames (RGB8) into RGBA bitmaps reused across publishes, and formats the labels once.
    private void Take(EnvTileSet set)
    {
        _count = Math.Min(set.Count, MaxTiles);
        for (int i = 0; i < _count; i++)
        {
            EnvTile tile = set.Tiles[i];
            if (tile.Width > 0 && tile.Height > 0)
            {
                _aspect = tile.Width / (float)tile.Height;
                SKBitmap bitmap = FrameBitmap(i, tile.Width, tile.Height);
                CopyRgb(tile.Rgb, bitmap);
                // An immutable copy per publish, so drawing frames between publishes wraps nothing new.
                _images[i]?.Dispose();
                _images[i] = SKImage.FromBitmap(bitmap);
            }
            else
            {
                _images[i]?.Dispose();
                _images[i] = null;
            }
            var c = CultureInfo.InvariantCulture;
            _titles[i] = string.Create(c, $"env {tile.EnvIndex} · ep {tile.Episode} · step {tile.Step}");
            _lap[i] = tile.LapProgress;
            _details[i] = double.IsFinite(tile.LapProgress)
                ? string.Create(c, $"return {tile.ReturnSoFar:0.0;-0.0;0.0} · lap {tile.LapProgress * 100:0}% · laps {tile.Laps}")
                : string.Create(c, $"return {tile.ReturnSoFar:0.0;-0.0;0.0}");
            _blobSize[i] = 0;
        }
    }

    private SKBitmap FrameBitmap(int i, int width, int height)
    {
        SKBitmap? bitmap = _frames[i];
        if (bitmap is null || bitmap.Width != width || bitmap.Height != height)
        {
            bitmap?.Dispose();
            bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
            _frames[i] = bitmap;
        }
        return bitmap;
    }

    private static unsafe void CopyRgb(ReadOnlySpan<byte> rgb, SKBitmap bitmap)
    {
        int pixels = bitmap.Width * bitmap.Height;
        var rgba = new Span<byte>((void*)bitmap.GetPixels(), pixels * 4);
        for (int p = 0; p < pixels; p++)
        {
            rgba[4 * p] = rgb[3 * p];
            rgba[4 * p + 1] = rgb[3 * p + 1];
            rgba[4 * p + 2] = rgb[3 * p + 2];
            rgba[4 * p + 3] = 255;
        }
        bitmap.NotifyPixelsChanged();
    }

    private void DrawTile(SKCanvas canvas, int i, SKRect cell, float textH, float fontSize)
    {
        const float pad = 2;
        float maxW = cell.Width - 2 * pad, maxH = cell.Height - 2 * pad - textH;
        float w = Math.Max(1, Math.Min(maxW, maxH * _aspect)), h = w / _aspect;
        var image = SKRect.Create(cell.Left + (cell.Width - w) / 2, cell.Top + pad, w, h);
        _imageRects[i] = image;
        if (_images[i] is { } frame)
        {
            canvas.DrawImage(frame, image, s_sampling);
        }
        else
        {
            canvas.DrawRect(image, _noFrame);
        }
        canvas.DrawRect(image, _frameBorder);
        float bar = image.Bottom + 2;
        if (double.IsFinite(_lap[i]))
        {
            canvas.DrawRect(SKRect.Create(image.Left, bar, image.Width, 3), _lapBack);
            canvas.DrawRect(SKRect.Create(image.Left, bar, image.Width * (float)Math.Clamp(_lap[i], 0, 1), 3), _lapFill);
        }
        float line = fontSize * 1.25f;
        if (_blobSize[i] != fontSize)
        {
            // Text blobs are shaped once per label and size: drawing a string would shape (and allocate) every frame.
            _titleBlobs[i]?.Dispose();
            _detailBlobs[i]?.Dispose();
            _titleBlobs[i] = SKTextBlob.Create(_titles[i], _font);
            _detailBlobs[i] = SKTextBlob.Create(_details[i], _font);
            _blobSize[i] = fontSize;
        }
        if (_titleBlobs[i] is { } title)
        {
            canvas.DrawText(title, image.Left, bar + 3 + line * 0.85f, _text);
        }
        if (_detailBlobs[i] is { } detail)
        {
            canvas.DrawText(detail, image.Left, bar + 3 + line * 1.85f, _text);
        }
    }

    public void Dispose()
    {
        foreach (SKBitmap? b in _frames)
        {
            b?.Dispose();
        }
        foreach (SKImage? image in _images)
        {
            image?.Dispose();
        }
        foreach (SKTextBlob? blob in _titleBlobs)
        {
            blob?.Dispose();
        }
        foreach (SKTextBlob? blob in _detailBlobs)
        {
            blob?.Dispose();
        }
        _image?.Dispose();
        _surface?.Dispose();
        _font.Dispose();
        _text.Dispose();
        _dim.Dispose();
        _frameBorder.Dispose();
        _lapBack.Dispose();
        _lapFill.Dispose();
        _noFrame.Dispose();
    }
}
