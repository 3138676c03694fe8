namespace Simulator.Recording.Mcap;

// CONTRACT SKELETON (to be implemented by the MCAP helper; bodies are replaced, signatures kept).

/// <summary>
/// Streaming MCAP reader: opening reads the header and the summary (or scans a file without one and reports it in
/// <see cref="Recovery"/>); messages are read chunk by chunk, so a file of any size never has to fit in memory.
/// Foreign, truncated or corrupted input gives <see cref="McapFormatException"/> or a partial recovery, never a crash
/// or a hang.
/// </summary>
public sealed class McapReader : IDisposable
{
    public McapReader(Stream seekableStream, bool leaveOpen = false) => throw new NotImplementedException();

    public static McapReader Open(string path) => throw new NotImplementedException();

    public string Profile => throw new NotImplementedException();
    public string Library => throw new NotImplementedException();
    public IReadOnlyDictionary<ushort, McapSchema> Schemas => throw new NotImplementedException();
    public IReadOnlyDictionary<ushort, McapChannel> Channels => throw new NotImplementedException();
    /// <summary>Chunks in file order.</summary>
    public IReadOnlyList<McapChunkInfo> Chunks => throw new NotImplementedException();
    public IReadOnlyList<McapMetadata> Metadata => throw new NotImplementedException();
    /// <summary>Attachments (their data is read when this is first used).</summary>
    public IReadOnlyList<McapAttachment> Attachments => throw new NotImplementedException();
    /// <summary>Message count per channel id (from the statistics, or counted by the scan).</summary>
    public IReadOnlyDictionary<ushort, ulong> MessageCounts => throw new NotImplementedException();
    public ulong MessageStartTime => throw new NotImplementedException();
    public ulong MessageEndTime => throw new NotImplementedException();
    /// <summary>Null for a complete file; otherwise how much of a damaged or truncated file was recovered.</summary>
    public McapRecovery? Recovery => throw new NotImplementedException();

    /// <summary>Messages with startTime &lt;= log time &lt; endTime of the chosen channels, chunk by chunk in file order.</summary>
    public IEnumerable<McapMessage> ReadMessages(ulong startTime = 0, ulong endTime = ulong.MaxValue, Func<McapChannel, bool>? channels = null) => throw new NotImplementedException();

    /// <summary>The messages of one chunk (index into <see cref="Chunks"/>), in file order.</summary>
    public IEnumerable<McapMessage> ReadChunk(int chunkIndex, Func<McapChannel, bool>? channels = null) => throw new NotImplementedException();

    public void Dispose() => throw new NotImplementedException();
}
