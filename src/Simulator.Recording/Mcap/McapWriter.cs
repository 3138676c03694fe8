using System.IO.Hashing;

namespace Simulator.Recording.Mcap;

/// <summary>
/// Streaming MCAP writer (chunked, indexed): messages go into the open chunk, which is compressed and written when it
/// reaches <see cref="McapWriterOptions.ChunkSize"/> or on <see cref="FlushChunk"/>; <see cref="Dispose"/> writes the
/// data end, the summary (schemas, channels, chunk indexes, attachment and metadata indexes, statistics), the summary
/// offsets and the footer. A file cut off at any point reads back up to its last complete chunk.
/// </summary>
/// <remarks>
/// Schema and channel records go into the data section the moment they are added, so they precede every chunk that
/// uses them and a linear scan of a cut-off file knows them. Index records for the summary are kept as bytes as they
/// arise; the steady-state message path only copies into reused buffers.
/// </remarks>
public sealed partial class McapWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly McapWriterOptions _options;
    private readonly McapBuffer _record = new(1024);
    private readonly McapChunkBuilder _open;
    private readonly McapBuffer _summarySchemas = new();
    private readonly McapBuffer _summaryChannels = new();
    private readonly McapBuffer _chunkIndexes = new(4096);
    private readonly McapBuffer _attachmentIndexes = new();
    private readonly McapBuffer _metadataIndexes = new();
    private readonly List<ChannelState> _channels = [];
    private int _schemaCount;
    private long _position;
    private bool _disposed;
    private ulong _messageCount;
    private ulong _messageStart = ulong.MaxValue;
    private ulong _messageEnd;
    private uint _chunkCount;
    private uint _attachmentCount;
    private uint _metadataCount;

    public McapWriter(Stream stream, McapWriterOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite)
        {
            throw new ArgumentException("the MCAP writer needs a writable stream", nameof(stream));
        }
        _options = options ?? new McapWriterOptions();
        if (_options.ChunkSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.ChunkSize, "ChunkSize must be at least 1 byte");
        }
        if (!Enum.IsDefined(_options.Compression))
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.Compression, "unknown compression");
        }
        if (_options.Compression == McapCompression.Zstd && _options.ZstdLevel is < 1 or > 19)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.ZstdLevel, "ZstdLevel must be 1-19");
        }
        _stream = stream;
        _leaveOpen = leaveOpen;
        _open = new McapChunkBuilder(_options.Compression == McapCompression.Zstd ? _options.ZstdLevel : 3);
        _record.Bytes(McapOpcode.Magic);
        int at = _record.BeginRecord(McapOpcode.Header);
        _record.String(_options.Profile ?? "");
        _record.String(_options.Library ?? "");
        _record.EndRecord(at);
        Emit(_record.Span);
    }

    /// <summary>Creates a new file (never replaces one: an existing path is an error).</summary>
    public static McapWriter Create(string path, McapWriterOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 16);
        try
        {
            return new McapWriter(file, options);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Bytes written to the stream so far.</summary>
    public long BytesWritten => _position;

    public ushort AddSchema(string name, string encoding, ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(encoding);
        if (_schemaCount == ushort.MaxValue)
        {
            throw new InvalidOperationException("an MCAP file holds at most 65,535 schemas");
        }
        ushort id = (ushort)(++_schemaCount);
        _record.Clear();
        int at = _record.BeginRecord(McapOpcode.Schema);
        _record.U16(id);
        _record.String(name);
        _record.String(encoding);
        _record.U32((uint)data.Length);
        _record.Bytes(data);
        _record.EndRecord(at);
        _summarySchemas.Bytes(_record.Span);
        Emit(_record.Span);
        return id;
    }

    /// <summary>Adds a channel; schemaId 0 means no schema.</summary>
    public ushort AddChannel(ushort schemaId, string topic, string messageEncoding, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentException.ThrowIfNullOrEmpty(messageEncoding);
        if (schemaId > _schemaCount)
        {
            throw new ArgumentOutOfRangeException(nameof(schemaId), schemaId, $"no schema {schemaId} was added (schemas 1-{_schemaCount} exist; 0 means no schema)");
        }
        if (_channels.Count == ushort.MaxValue)
        {
            throw new InvalidOperationException("an MCAP file holds at most 65,535 channels");
        }
        ushort id = (ushort)(_channels.Count + 1);
        _record.Clear();
        int at = _record.BeginRecord(McapOpcode.Channel);
        _record.U16(id);
        _record.U16(schemaId);
        _record.String(topic);
        _record.String(messageEncoding);
        _record.StringMap(metadata ?? new Dictionary<string, string>());
        _record.EndRecord(at);
        _summaryChannels.Bytes(_record.Span);
        Emit(_record.Span);
        _channels.Add(new ChannelState(id));
        return id;
    }

    public void WriteMessage(ushort channelId, uint sequence, ulong logTime, ulong publishTime, ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        CheckChannel(channelId);
        _open.Add(channelId, sequence, logTime, publishTime, data);
        if (_open.Length >= _options.ChunkSize)
        {
            CloseChunk();
            Sync();
        }
    }

    /// <summary>
    /// Writes a chunk built apart from this writer (see <see cref="McapChunkBuilder"/>; sealed with the options'
    /// compression if it is still open) with its message indexes, then flushes (fsync per options). The open chunk of
    /// <see cref="WriteMessage"/> is left as it is. An empty chunk writes nothing. The builder is not cleared.
    /// </summary>
    public void WriteChunk(McapChunkBuilder chunk)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(chunk);
        if (ReferenceEquals(chunk, _open))
        {
            throw new ArgumentException("the writer's own open chunk is written by FlushChunk", nameof(chunk));
        }
        if (chunk.IsEmpty)
        {
            return;
        }
        foreach (var c in chunk.Channels)
        {
            CheckChannel(c.Id);
        }
        if (chunk.SealedWith is null)
        {
            chunk.Seal(_options.Compression);
        }
        EmitChunk(chunk);
        Sync();
    }

    private void CheckChannel(ushort channelId)
    {
        if (channelId == 0 || channelId > _channels.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(channelId), channelId, $"no channel {channelId} was added (channels 1-{_channels.Count} exist)");
        }
    }

    public void WriteAttachment(string name, string mediaType, ulong logTime, ulong createTime, ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(mediaType);
        _record.Clear();
        int at = _record.BeginRecord(McapOpcode.Attachment);
        _record.U64(logTime);
        _record.U64(createTime);
        _record.String(name);
        _record.String(mediaType);
        _record.U64((ulong)data.Length);
        _record.Bytes(data);
        _record.U32(Crc32.HashToUInt32(_record.Span[(at + 8)..]));
        _record.EndRecord(at);
        long offset = _position;
        Emit(_record.Span);
        int index = _attachmentIndexes.BeginRecord(McapOpcode.AttachmentIndex);
        _attachmentIndexes.U64((ulong)offset);
        _attachmentIndexes.U64((ulong)_record.Length);
        _attachmentIndexes.U64(logTime);
        _attachmentIndexes.U64(createTime);
        _attachmentIndexes.U64((ulong)data.Length);
        _attachmentIndexes.String(name);
        _attachmentIndexes.String(mediaType);
        _attachmentIndexes.EndRecord(index);
        _attachmentCount++;
    }

    public void WriteMetadata(string name, IReadOnlyDictionary<string, string> values)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(values);
        _record.Clear();
        int at = _record.BeginRecord(McapOpcode.Metadata);
        _record.String(name);
        _record.StringMap(values);
        _record.EndRecord(at);
        long offset = _position;
        Emit(_record.Span);
        int index = _metadataIndexes.BeginRecord(McapOpcode.MetadataIndex);
        _metadataIndexes.U64((ulong)offset);
        _metadataIndexes.U64((ulong)_record.Length);
        _metadataIndexes.String(name);
        _metadataIndexes.EndRecord(index);
        _metadataCount++;
    }

    /// <summary>Closes the open chunk (if any), writes it with its message indexes and flushes (fsync per options).</summary>
    public void FlushChunk() => FlushChunk(_options.Compression);

    /// <summary>
    /// Like <see cref="FlushChunk()"/>, compressing this chunk with <paramref name="compression"/> instead of the
    /// options' (the specification lets every chunk name its own): e.g. a fast codec for small chunks that must go out
    /// often, and zstd for big ones.
    /// </summary>
    public void FlushChunk(McapCompression compression)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!Enum.IsDefined(compression))
        {
            throw new ArgumentOutOfRangeException(nameof(compression), compression, "unknown compression");
        }
        CloseChunk(compression);
        Sync();
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        try
        {
            CloseChunk();
            WriteEnd();
            Sync();
        }
        finally
        {
            _open.Dispose();
            if (!_leaveOpen)
            {
                _stream.Dispose();
            }
        }
    }

    private void Emit(ReadOnlySpan<byte> bytes)
    {
        _stream.Write(bytes);
        _position += bytes.Length;
    }

    private void Sync()
    {
        if (_options.SyncChunks && _stream is FileStream file)
        {
            file.Flush(flushToDisk: true);
        }
        else
        {
            _stream.Flush();
        }
    }
}
