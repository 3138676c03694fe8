using Simulator.Core;

namespace Simulator.Learning.Data;

/// <summary>
/// DrQ-style augmentation (Kostrikov et al. 2020): each image is shifted by a random offset in [−pad, pad] on both
/// axes, edge pixels repeated, so the encoder learns features that do not depend on exact pixel positions.
/// </summary>
public static class RandomShift
{
    /// <summary>Shifts each of the <paramref name="count"/> images [C, H, W] in <paramref name="source"/> into <paramref name="destination"/>.</summary>
    public static void Apply(ReadOnlySpan<byte> source, Span<byte> destination, int count, int channels, int height, int width, int pad, Rng rng)
    {
        int image = channels * height * width;
        if (source.Length < count * image || destination.Length < count * image)
        {
            throw new ArgumentException("buffers are smaller than count images");
        }
        for (int i = 0; i < count; i++)
        {
            int dx = rng.Range(-pad, pad + 1);
            int dy = rng.Range(-pad, pad + 1);
            Shift(source.Slice(i * image, image), destination.Slice(i * image, image), channels, height, width, dx, dy);
        }
    }

    /// <summary>destination(y, x) = source(clamp(y + dy), clamp(x + dx)) in every channel.</summary>
    public static void Shift(ReadOnlySpan<byte> source, Span<byte> destination, int channels, int height, int width, int dx, int dy)
    {
        int plane = height * width;
        for (int c = 0; c < channels; c++)
        {
            for (int y = 0; y < height; y++)
            {
                int sy = Math.Clamp(y + dy, 0, height - 1);
                int srcRow = c * plane + sy * width;
                int dstRow = c * plane + y * width;
                for (int x = 0; x < width; x++)
                {
                    destination[dstRow + x] = source[srcRow + Math.Clamp(x + dx, 0, width - 1)];
                }
            }
        }
    }
}
