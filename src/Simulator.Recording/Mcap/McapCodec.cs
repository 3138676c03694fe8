using K4os.Compression.LZ4;
using K4os.Compression.LZ4.Streams;
using ZstdSharp;

namespace Simulator.Recording.Mcap;

/// <summary>Chunk compression: zstd frames and LZ4 frames, as the specification names them.</summary>
internal static class McapCodec
{
    private const int ReadStep = 1 << 16;

    /// <summary>Appends the compressed <paramref name="source"/> to <paramref name="target"/>.</summary>
    public static void Compress(McapCompression compression, Compressor? zstd, ReadOnlySpan<byte> source, McapBuffer target)
    {
        switch (compression)
        {
            case McapCompression.Zstd:
                int bound = Compressor.GetCompressBound(source.Length);
                int written = zstd!.Wrap(source, target.GetSpan(bound));
                target.Advance(written);
                break;
            case McapCompression.Lz4:
                LZ4Frame.Encode(source, target, LZ4Level.L00_FAST);
                break;
            default:
                target.Bytes(source);
                break;
        }
    }

    /// <summary>
    /// Decompresses <paramref name="length"/> bytes of <paramref name="source"/> at <paramref name="offset"/> into
    /// <paramref name="target"/> (cleared first), which must come out at exactly <paramref name="declaredSize"/> bytes.
    /// The target grows with the data actually produced, never past the declared size, so a damaged size field costs no
    /// memory. Any decoder failure becomes <see cref="McapFormatException"/>.
    /// </summary>
    public static void Decompress(McapCompression compression, byte[] source, int offset, int length, int declaredSize, McapBuffer target)
    {
        target.Clear();
        target.Limit = int.MaxValue;
        using var input = new MemoryStream(source, offset, length, writable: false);
        try
        {
            using Stream decoder = compression == McapCompression.Zstd
                ? new DecompressionStream(input, leaveOpen: true)
                : LZ4Stream.Decode(input, leaveOpen: true);
            target.Limit = declaredSize;
            while (target.Length < declaredSize)
            {
                int want = Math.Min(ReadStep, declaredSize - target.Length);
                int read = decoder.Read(target.GetSpan(want)[..want]);
                if (read == 0)
                {
                    throw new McapFormatException($"the {McapOpcode.CompressionName(compression)} data ends after {target.Length:N0} of its declared {declaredSize:N0} bytes");
                }
                target.Advance(read);
            }
            Span<byte> extra = stackalloc byte[1];
            if (decoder.Read(extra) != 0)
            {
                throw new McapFormatException($"the {McapOpcode.CompressionName(compression)} data is larger than its declared {declaredSize:N0} bytes");
            }
        }
        catch (McapFormatException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new McapFormatException($"the {McapOpcode.CompressionName(compression)} data does not decompress ({e.GetType().Name}: {e.Message})", e);
        }
        finally
        {
            target.Limit = int.MaxValue;
        }
    }
}
