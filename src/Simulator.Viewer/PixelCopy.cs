using System.Runtime.Intrinsics;

namespace Simulator.Viewer;

/// <summary>Pixel conversions of the compose step (vectorised; no allocation).</summary>
internal static class PixelCopy
{
    private static readonly Vector128<byte> s_swapRB = Vector128.Create((byte)2, 1, 0, 3, 6, 5, 4, 7, 10, 9, 8, 11, 14, 13, 12, 15);

    /// <summary>Copies RGBA8 into <paramref name="target"/>, swapping red and blue when <paramref name="bgra"/>.</summary>
    public static void Copy(ReadOnlySpan<byte> rgba, Span<byte> target, bool bgra)
    {
        if (!bgra)
        {
            rgba.CopyTo(target);
            return;
        }
        int i = 0;
        for (; i + 16 <= rgba.Length; i += 16)
        {
            Vector128.Shuffle(Vector128.Create(rgba.Slice(i, 16)), s_swapRB).CopyTo(target.Slice(i, 16));
        }
        for (; i + 4 <= rgba.Length; i += 4)
        {
            target[i] = rgba[i + 2];
            target[i + 1] = rgba[i + 1];
            target[i + 2] = rgba[i];
            target[i + 3] = rgba[i + 3];
        }
    }

    /// <summary>Linear depth (metres) as grey: near is bright, <paramref name="far"/> and beyond black.</summary>
    public static void Depth(ReadOnlySpan<float> depth, Span<byte> rgba, float far)
    {
        float scale = 255f / far;
        for (int p = 0; p < depth.Length; p++)
        {
            byte g = (byte)(255f - Math.Clamp(depth[p] * scale, 0f, 255f));
            int o = 4 * p;
            rgba[o] = g;
            rgba[o + 1] = g;
            rgba[o + 2] = g;
            rgba[o + 3] = 255;
        }
    }

    /// <summary>Semantic classes through an RGB palette (3 bytes per class).</summary>
    public static void Segmentation(ReadOnlySpan<byte> classes, Span<byte> rgba, ReadOnlySpan<byte> palette)
    {
        int count = palette.Length / 3;
        for (int p = 0; p < classes.Length; p++)
        {
            int c = classes[p] < count ? classes[p] : 0;
            int o = 4 * p;
            rgba[o] = palette[3 * c];
            rgba[o + 1] = palette[3 * c + 1];
            rgba[o + 2] = palette[3 * c + 2];
            rgba[o + 3] = 255;
        }
    }

    /// <summary>Scales an RGBA8 image (nearest neighbour) into <paramref name="target"/> (<paramref name="tw"/>×<paramref name="th"/>),
    /// swapping red and blue when <paramref name="bgra"/>; <paramref name="columns"/> caches the source column of each target column.</summary>
    public static void Scale(ReadOnlySpan<byte> rgba, int sw, int sh, Span<byte> target, int tw, int th, bool bgra, ref int[]? columns)
    {
        if (columns == null || columns.Length != tw || columns[^1] != (tw - 1) * sw / tw)
        {
            columns = new int[tw];
            for (int x = 0; x < tw; x++)
            {
                columns[x] = x * sw / tw;
            }
        }
        ReadOnlySpan<uint> source = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(rgba);
        Span<uint> dest = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(target);
        int previous = -1;
        for (int y = 0; y < th; y++)
        {
            int sy = y * sh / th;
            Span<uint> row = dest.Slice(y * tw, tw);
            if (sy == previous)
            {
                dest.Slice((y - 1) * tw, tw).CopyTo(row);
                continue;
            }
            previous = sy;
            ReadOnlySpan<uint> src = source.Slice(sy * sw, sw);
            for (int x = 0; x < tw; x++)
            {
                uint p = src[columns[x]];
                row[x] = bgra ? (p & 0xFF00FF00u) | ((p & 0xFFu) << 16) | ((p >> 16) & 0xFFu) : p;
            }
        }
    }
}
