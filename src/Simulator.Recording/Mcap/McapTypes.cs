namespace Simulator.Recording.Mcap;

/// <summary>Chunk compression of an MCAP file (the specification's "", "zstd", "lz4").</summary>
public enum McapCompression
{
    None,
    Zstd,
    Lz4,
}

/// <summary>Options of <see cref="McapWriter"/>.</summary>
public sealed record McapWriterOptions
{
    /// <summary>The header's profile ("" for none).</summary>
    public string Profile { get; init; } = "";
    /// <summary>The header's library string.</summary>
    public string Library { get; init; } = "simulator";
    public McapCompression Compression { get; init; } = McapCompression.Zstd;
    /// <summary>zstd level (1-19).</summary>
    public int ZstdLevel { get; init; } = 3;
    /// <summary>A chunk is closed when its uncompressed records reach this many bytes (or on <see cref="McapWriter.FlushChunk"/>).</summary>
    public int ChunkSize { get; init; } = 1 << 20;
    /// <summary>fsync a file after each closed chunk, so a crash loses at most the open chunk.</summary>
    public bool SyncChunks { get; init; } = true;
}

/// <summary>A schema record.</summary>
public sealed record McapSchema(ushort Id, string Name, string Encoding, ReadOnlyMemory<byte> Data);

/// <summary>A channel record.</summary>
public sealed record McapChannel(ushort Id, ushort SchemaId, string Topic, string MessageEncoding, IReadOnlyDictionary<string, string> Metadata);

/// <summary>
/// A message. <see cref="Data"/> may point into a buffer the reader reuses: it is valid until the enumeration moves
/// to the next chunk; copy it to keep it.
/// </summary>
public readonly record struct McapMessage(McapChannel Channel, uint Sequence, ulong LogTime, ulong PublishTime, ReadOnlyMemory<byte> Data);

/// <summary>An attachment record.</summary>
public sealed record McapAttachment(string Name, string MediaType, ulong LogTime, ulong CreateTime, ReadOnlyMemory<byte> Data);

/// <summary>A metadata record.</summary>
public sealed record McapMetadata(string Name, IReadOnlyDictionary<string, string> Values);

/// <summary>Where one chunk lies and what it covers (from the summary's chunk indexes, or from a scan).</summary>
public sealed record McapChunkInfo(ulong MessageStartTime, ulong MessageEndTime, long Offset, long Length, McapCompression Compression,
    long CompressedSize, long UncompressedSize);

/// <summary>
/// How a file without a usable summary (a crashed or truncated recording) was read: it was scanned from the start and
/// everything up to the last complete, intact chunk is available.
/// </summary>
public sealed record McapRecovery(long FileBytes, long ValidBytes, int ChunksRecovered, string Reason);

/// <summary>A file that is not MCAP, or is damaged where it cannot be recovered. The message names the file and offset.</summary>
public sealed class McapFormatException : Exception
{
    public McapFormatException(string message)
        : base(message)
    {
    }

    public McapFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public McapFormatException()
    {
    }
}
