using System.Buffers.Binary;
using System.IO.Compression;
using Simulator.Core;

namespace Simulator.Rendering.Vulkan;

/// <summary>
/// Writes 8-bit PNGs (filter 0 on every row, zlib via System.IO.Compression) for frames, depth and segmentation.
/// Files are written to a temporary name and renamed, so a crash never leaves a half-written PNG.
/// </summary>
public static class PngWriter
{
    /// <summary>Colours of <see cref="SemanticClass"/> 0..9 for segmentation images (RGB).</summary>
    public static readonly byte[] SegmentationPalette =
    [
        135, 190, 235, // sky
        90, 90, 90, // road
        250, 250, 250, // lane marking
        220, 40, 40, // vehicle
        250, 170, 30, // pedestrian
        255, 120, 0, // cone
        120, 120, 200, // barrier
        240, 220, 0, // sign
        70, 150, 60, // terrain
        180, 60, 180, // kerb
    ];

    public static void WriteRgba(string path, int width, int height, ReadOnlySpan<byte> rgba) =>
        Write(path, width, height, rgba, 4);

    public static void WriteRgb(string path, int width, int height, ReadOnlySpan<byte> rgb) =>
        Write(path, width, height, rgb, 3);

    public static void WriteGray(string path, int width, int height, ReadOnlySpan<byte> gray) =>
        Write(path, width, height, gray, 1);

    /// <summary>Depth in metres as a colour ramp (near = warm, far = dark blue), clamped to [near, far].</summary>
    public static void WriteDepth(string path, int width, int height, ReadOnlySpan<float> depth, float near, float far)
    {
        var rgb = new byte[width * height * 3];
        float range = Math.Max(far - near, 1e-6f);
        for (int i = 0; i < width * height; i++)
        {
            float t = Math.Clamp((depth[i] - near) / range, 0f, 1f);
            float s = MathF.Sqrt(t); // more contrast close to the camera
            rgb[i * 3 + 0] = (byte)(255 * Math.Clamp(1.5f - 2f * s, 0f, 1f));
            rgb[i * 3 + 1] = (byte)(255 * Math.Clamp(1f - MathF.Abs(2f * s - 0.6f), 0f, 1f));
            rgb[i * 3 + 2] = (byte)(255 * Math.Clamp(0.3f + s, 0f, 1f) * (1f - 0.6f * t));
        }
        WriteRgb(path, width, height, rgb);
    }

    /// <summary>Semantic classes through <see cref="SegmentationPalette"/> (unknown classes are magenta).</summary>
    public static void WriteSegmentation(string path, int width, int height, ReadOnlySpan<byte> classes)
    {
        var rgb = new byte[width * height * 3];
        for (int i = 0; i < width * height; i++)
        {
            int c = classes[i];
            bool known = c * 3 + 2 < SegmentationPalette.Length;
            rgb[i * 3 + 0] = known ? SegmentationPalette[c * 3 + 0] : (byte)255;
            rgb[i * 3 + 1] = known ? SegmentationPalette[c * 3 + 1] : (byte)0;
            rgb[i * 3 + 2] = known ? SegmentationPalette[c * 3 + 2] : (byte)255;
        }
        WriteRgb(path, width, height, rgb);
    }

    /// <summary>Encodes to a stream (no file); <paramref name="channels"/> 1, 3 or 4.</summary>
    public static void Encode(Stream output, int width, int height, ReadOnlySpan<byte> pixels, int channels)
    {
        ArgumentNullException.ThrowIfNull(output);
        byte colorType = channels switch
        {
            1 => 0,
            3 => 2,
            4 => 6,
            _ => throw new ArgumentOutOfRangeException(nameof(channels), channels, "use 1, 3 or 4 channels"),
        };
        if (width <= 0 || height <= 0 || pixels.Length < (long)width * height * channels)
        {
            throw new ArgumentException($"{width}x{height}x{channels} does not match {pixels.Length} bytes", nameof(pixels));
        }
        output.Write([137, 80, 78, 71, 13, 10, 26, 10]);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8; // bit depth
        header[9] = colorType;
        WriteChunk(output, "IHDR"u8, header);
        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            int stride = width * channels;
            for (int y = 0; y < height; y++)
            {
                z.WriteByte(0); // filter type 0 (none)
                z.Write(pixels.Slice(y * stride, stride));
            }
        }
        WriteChunk(output, "IDAT"u8, compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        WriteChunk(output, "IEND"u8, []);
    }

    private static void Write(string path, int width, int height, ReadOnlySpan<byte> pixels, int channels)
    {
        byte[] encoded;
        using (var buffer = new MemoryStream())
        {
            Encode(buffer, width, height, pixels, channels);
            encoded = buffer.ToArray();
        }
        SafeFile.WriteAllBytes(path, encoded, createFolder: true);
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> buf = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(buf, data.Length);
        output.Write(buf);
        output.Write(type);
        output.Write(data);
        var hash = new System.IO.Hashing.Crc32();
        hash.Append(type);
        hash.Append(data);
        uint crc = hash.GetCurrentHashAsUInt32();
        BinaryPrimitives.WriteUInt32BigEndian(buf, crc);
        output.Write(buf);
    }
}
