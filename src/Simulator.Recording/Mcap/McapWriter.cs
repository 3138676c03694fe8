namespace Simulator.Recording.Mcap;

// CONTRACT SKELETON (to be implemented by the MCAP helper; bodies are replaced, signatures kept).

/// <summary>
/// Streaming MCAP writer (chunked, indexed): messages go into the open chunk, which is compressed and written when it
/// reaches <see cref="McapWriterOptions.ChunkSize"/> or on <see cref="FlushChunk"/>; <see cref="Dispose"/> writes the
/// data end, the summary (schemas, channels, chunk indexes, attachment and metadata indexes, statistics), the summary
/// offsets and the footer. A file cut off at any point reads back up to its last complete chunk.
/// </summary>
public sealed class McapWriter : IDisposable
{
    public McapWriter(Stream stream, McapWriterOptions? options = null, bool leaveOpen = false) => throw new NotImplementedException();

    /// <summary>Creates a new file (never replaces one: an existing path is an error).</summary>
    public static McapWriter Create(string path, McapWriterOptions? options = null) => throw new NotImplementedException();

    /// <summary>Bytes written to the stream so far.</summary>
    public long BytesWritten => throw new NotImplementedException();

    public ushort AddSchema(string name, string encoding, ReadOnlySpan<byte> data) => throw new NotImplementedException();

    /// <summary>Adds a channel; schemaId 0 means no schema.</summary>
    public ushort AddChannel(ushort schemaId, string topic, string messageEncoding, IReadOnlyDictionary<string, string>? metadata = null) => throw new NotImplementedException();

    public void WriteMessage(ushort channelId, uint sequence, ulong logTime, ulong publishTime, ReadOnlySpan<byte> data) => throw new NotImplementedException();

    public void WriteAttachment(string name, string mediaType, ulong logTime, ulong createTime, ReadOnlySpan<byte> data) => throw new NotImplementedException();

    public void WriteMetadata(string name, IReadOnlyDictionary<string, string> values) => throw new NotImplementedException();

    /// <summary>Closes the open chunk (if any), writes it with its message indexes and flushes (fsync per options).</summary>
    public void FlushChunk() => throw new NotImplementedException();

    public void Dispose() => throw new NotImplementedException();
}
