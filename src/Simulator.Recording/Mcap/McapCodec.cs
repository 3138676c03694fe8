using System.Buffers.Binary;
using System.IO.Hashing;
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
                EncodeLz4Frame(source, target);
                break;
            default:
                target.Bytes(source);
                break;
        }
    }

    private const int Lz4BlockMax = 4 << 20;

    /// <summary>
    /// One LZ4 frame (the format <c>lz4</c> chunks use): independent blocks of up to 4 MiB compressed with LZ4's block
    /// codec, the content size in the frame descriptor, no checksums (the chunk has its CRC). Written here rather than
    /// through the library's frame encoder, which allocates its state for every frame (every half-second block).
    /// </summary>
    private static void EncodeLz4Frame(ReadOnlySpan<byte> source, McapBuffer target)
    {
        const byte Flags = 0x40 | 0x20 | 0x08; // version 01, independent blocks, content size present
        const byte BlockDescriptor = 7 << 4;   // blocks of at most 4 MiB
        Span<byte> header = target.GetSpan(4 + 2 + 8 + 1)[..15];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0x184D2204);
        header[4] = Flags;
        header[5] = BlockDescriptor;
        BinaryPrimitives.WriteUInt64LittleEndian(header[6..], (ulong)source.Length);
        header[14] = (byte)(XxHash32.HashToUInt32(header[4..14]) >> 8);
        target.Advance(15);
        for (int at = 0; at < source.Length; at += Lz4BlockMax)
        {
            ReadOnlySpan<byte> block = source.Slice(at, Math.Min(Lz4BlockMax, source.Length - at));
            Span<byte> room = target.GetSpan(4 + LZ4Codec.MaximumOutputSize(block.Length));
            int size = LZ4Codec.Encode(block, room[4..], LZ4Level.L00_FAST);
            if (size <= 0 || size >= block.Length)
            {
                // Incompressible: stored as is, flagged by the size's high bit.
                block.CopyTo(room[4..]);
                BinaryPrimitives.WriteUInt32LittleEndian(room, (uint)block.Length | 0x80000000u);
                size = block.Length;
            }
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(room, (uint)size);
            }
            target.Advance(4 + size);
        }
        BinaryPrimitives.WriteUInt32LittleEndian(target.GetSpan(4), 0); // end mark
        target.Advance(4);
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
