using Simulator.Core;
using SkiaSharp;

namespace Simulator.Cli.Datasets;

/// <summary>JPEG through Skia: RGBA8 frames in, RGB8 frames out.</summary>
internal static class Jpeg
{
    public const int Quality = 92;

    public static byte[] Encode(ReadOnlySpan<byte> rgba, int width, int height)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var image = SKImage.FromPixelCopy(info, rgba) ?? throw new SimRuntimeException("Skia could not take a frame");
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, Quality) ?? throw new SimRuntimeException("Skia could not encode JPEG");
        return data.ToArray();
    }

    /// <summary>Decodes an image file to RGB8 (H×W×3); an unreadable file is a <see cref="SimInputException"/>.</summary>
    public static (int Width, int Height, byte[] Rgb) DecodeRgb(string path)
    {
        if (!File.Exists(path))
        {
            throw new SimInputException($"image '{path}' does not exist", file: path);
        }
        using var codec = SKCodec.Create(path) ?? throw new SimInputException("not an image Skia can read", file: path);
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        SKCodecResult result = codec.GetPixels(info, bitmap.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            throw new SimInputException($"cannot decode the image ({result})", file: path);
        }
        ReadOnlySpan<byte> rgba = bitmap.GetPixelSpan();
        var rgb = new byte[info.Width * info.Height * 3];
        for (int p = 0, n = info.Width * info.Height; p < n; p++)
        {
            rgb[3 * p] = rgba[4 * p];
            rgb[3 * p + 1] = rgba[4 * p + 1];
            rgb[3 * p + 2] = rgba[4 * p + 2];
        }
        return (info.Width, info.Height, rgb);
    }
}
