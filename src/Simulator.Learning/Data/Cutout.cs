using Simulator.Core;

namespace Simulator.Learning.Data;

/// <summary>
/// Cutout (DeVries and Taylor 2017) of byte images [C, H, W] in place: per image, rectangles of the given fraction of
/// its sides, centred uniformly on the image (clipped at its edges), filled with a random grey in every channel, so
/// the encoder cannot rely on any one region.
/// </summary>
public static class Cutout
{
    public static void Apply(Span<byte> images, int count, int channels, int height, int width, int holes, double size, Rng rng)
    {
        int plane = height * width;
        int image = channels * plane;
        if (images.Length < count * image)
        {
            throw new ArgumentException("buffer is smaller than count images");
        }
        int rectH = Math.Max(1, (int)Math.Round(size * height));
        int rectW = Math.Max(1, (int)Math.Round(size * width));
        for (int i = 0; i < count; i++)
        {
            for (int k = 0; k < holes; k++)
            {
                int cy = rng.Range(0, height), cx = rng.Range(0, width);
                byte fill = (byte)rng.Range(0, 256);
                int y0 = Math.Max(0, cy - rectH / 2), y1 = Math.Min(height, cy - rectH / 2 + rectH);
                int x0 = Math.Max(0, cx - rectW / 2), x1 = Math.Min(width, cx - rectW / 2 + rectW);
                for (int ch = 0; ch < channels; ch++)
                {
                    int basePlane = i * image + ch * plane;
                    for (int y = y0; y < y1; y++)
                    {
                        images.Slice(basePlane + y * width + x0, x1 - x0).Fill(fill);
                    }
                }
            }
        }
    }
}
