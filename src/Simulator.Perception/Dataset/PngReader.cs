using System.Buffers.Binary;
using System.IO.Compression;
using Simulator.Core;

namespace Simulator.Perception.Dataset;

/// <summary>
/// Decodes 8-bit, non-interlaced greyscale, RGB and RGBA PNG files (what <see cref="Rendering.Vulkan.PngWriter"/>
/// writes, and what most tools write for datasets), with all five row filters. Anything else (palette, 16-bit,
/// interlaced) is refused with a clear message naming the file.
/// </summary>
public static class PngReader
{
    private static readonly byte[] s_signature = [137, 80, 78, 71, 13, 10, 26, 10];

    /// <summary>Width, height, channels (1, 3 or 4) and the pixels, rows top first.</summary>
    public static (int Width, int Height, int Channels, byte[] Pixels) Read(string path)
    {
        SafeFile.RequireReadableFile(path, "PNG");
        return Decode(File.ReadAllBytes(path), path);
    }

    public static (int Width, int Height, int Channels, byte[] Pixels) Decode(ReadOnlySpan<byte> png, string name)
    {
        if (png.Length < 8 || !png[..8].SequenceEqual(s_signature))
        {
            throw Bad(name, "not a PNG file");
        }
        int pos = 8, width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        bool ended = false;
        while (!ended)
        {
            if (pos + 12 > png.Length)
            {
                throw Bad(name, "the file ends inside a chunk");
            }
            int len = BinaryPrimitives.ReadInt32BigEndian(png[pos..]);
            if (len < 0 || pos + 12 + (long)len > png.Length)
            {
                throw Bad(name, "a chunk runs past the end of the file");
            }
            ReadOnlySpan<byte> type = png.Slice(pos + 4, 4);
            ReadOnlySpan<byte> data = png.Slice(pos + 8, len);
            if (type.SequenceEqual("IHDR"u8))
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                if (data[8] != 8 || data[12] != 0)
                {
                    throw Bad(name, $"bit depth {data[8]}, interlace {data[12]}: only 8-bit non-interlaced images are read");
                }
                channels = data[9] switch
                {
                    0 => 1,
                    2 => 3,
                    6 => 4,
                    _ => throw Bad(name, $"colour type {data[9]}: only greyscale, RGB and RGBA are read"),
                };
            }
            else if (type.SequenceEqual("IDAT"u8))
            {
                idat.Write(data);
            }
            else if (type.SequenceEqual("IEND"u8))
            {
                ended = true;
            }
            pos += 12 + len;
        }
        if (channels == 0 || width <= 0 || height <= 0)
        {
            throw Bad(name, "no image header");
        }
        int stride = width * channels;
        var raw = new byte[(long)height * (stride + 1)];
        idat.Position = 0;
        using (var z = new ZLibStream(idat, CompressionMode.Decompress))
        {
            int read = 0;
            while (read < raw.Length)
            {
                int n = z.Read(raw, read, raw.Length - read);
                if (n == 0)
                {
                    throw Bad(name, $"image data ends after {read} of {raw.Length} bytes");
                }
                read += n;
            }
        }
        var pixels = new byte[(long)height * stride];
        Unfilter(raw, pixels, width, height, channels, name);
        return (width, height, channels, pixels);
    }

    private static void Unfilter(byte[] raw, byte[] pixels, int width, int height, int bpp, string name)
    {
        int stride = width * bpp;
        for (int y = 0; y < height; y++)
        {
            int filter = raw[y * (stride + 1)];
            var src = raw.AsSpan(y * (stride + 1) + 1, stride);
            var dst = pixels.AsSpan(y * stride, stride);
            var prev = y > 0 ? pixels.AsSpan((y - 1) * stride, stride) : Span<byte>.Empty;
            for (int i = 0; i < stride; i++)
            {
                int a = i >= bpp ? dst[i - bpp] : 0;
                int b = y > 0 ? prev[i] : 0;
                int c = i >= bpp && y > 0 ? prev[i - bpp] : 0;
                int predictor = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) >> 1,
                    4 => Paeth(a, b, c),
                    _ => throw Bad(name, $"row {y} has unknown filter {filter}"),
                };
                dst[i] = (byte)(src[i] + predictor);
            }
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static SimInputException Bad(string name, string problem) =>
        new($"{name}: {problem}", file: name, hint: "write 8-bit greyscale, RGB or RGBA PNG files");
}
