using System.Globalization;

namespace Simulator.Recording.Mcap;

/// <summary>
/// Streaming MCAP reader: opening reads the header and the summary (or scans a file without one and reports it in
/// <see cref="Recovery"/>); messages are read chunk by chunk, so a file of any size never has to fit in memory.
/// Foreign, truncated or corrupted input gives <see cref="McapFormatException"/> or a partial recovery, never a crash
/// or a hang.
/// </summary>
/// <remarks>
/// Messages written outside chunks (allowed by the specification) are found by the scan and listed in
/// <see cref="Chunks"/> as uncompressed pseudo-chunks: runs of consecutive message records (at most 4 MiB each).
/// </remarks>
public sealed partial class McapReader : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly string _name;
    private readonly long _length;
    private readonly Dictionary<ushort, McapSchema> _schemas = [];
    private readonly Dictionary<ushort, McapChannel> _channels = [];
    private readonly List<McapChunkInfo> _chunks = [];
    private readonly List<bool> _looseChunks = [];
    private readonly List<McapMetadata> _metadata = [];
    private readonly List<long> _attachmentOffsets = [];
    private Dictionary<ushort, ulong>? _messageCounts;
    private List<McapAttachment>? _attachments;
    private McapBuffer? _spareRaw = new(4096);
    private McapBuffer? _spareData = new(4096);
    private long _dataStart;
    private bool _disposed;

    public McapReader(Stream seekableStream, bool leaveOpen = false)
        : this(seekableStream, leaveOpen, "MCAP stream")
    {
    }

    private McapReader(Stream stream, bool leaveOpen, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek || !stream.CanRead)
        {
            throw new ArgumentException("the MCAP reader needs a readable, seekable stream", nameof(stream));
        }
        _stream = stream;
        _leaveOpen = leaveOpen;
        _name = name;
        _length = stream.Length;
        try
        {
            Load();
        }
        catch
        {
            if (!leaveOpen)
            {
                stream.Dispose();
            }
            throw;
        }
    }

    public static McapReader Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 12);
        return new McapReader(file, leaveOpen: false, $"'{path}'");
    }

    public string Profile { get; private set; } = "";
    public string Library { get; private set; } = "";
    public IReadOnlyDictionary<ushort, McapSchema> Schemas => _schemas;
    public IReadOnlyDictionary<ushort, McapChannel> Channels => _channels;
    /// <summary>Chunks in file order.</summary>
    public IReadOnlyList<McapChunkInfo> Chunks => _chunks;
    public IReadOnlyList<McapMetadata> Metadata => _metadata;
    /// <summary>Attachments (their data is read when this is first used).</summary>
    public IReadOnlyList<McapAttachment> Attachments => _attachments ??= LoadAttachments();
    /// <summary>Message count per channel id (from the statistics, or counted by the scan).</summary>
    public IReadOnlyDictionary<ushort, ulong> MessageCounts => _messageCounts ??= CountMessages();
    public ulong MessageStartTime { get; private set; }
    public ulong MessageEndTime { get; private set; }
    /// <summary>Null for a complete file; otherwise how much of a damaged or truncated file was recovered.</summary>
    public McapRecovery? Recovery { get; private set; }

    /// <summary>Messages with startTime &lt;= log time &lt; endTime of the chosen channels, chunk by chunk in file order.</summary>
    public IEnumerable<McapMessage> ReadMessages(ulong startTime = 0, ulong endTime = ulong.MaxValue, Func<McapChannel, bool>? channels = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Enumerate(0, _chunks.Count, startTime, endTime, channels);
    }

    /// <summary>The messages of one chunk (index into <see cref="Chunks"/>), in file order.</summary>
    public IEnumerable<McapMessage> ReadChunk(int chunkIndex, Func<McapChannel, bool>? channels = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(chunkIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(chunkIndex, _chunks.Count);
        return Enumerate(chunkIndex, chunkIndex + 1, 0, ulong.MaxValue, channels);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private IEnumerable<McapMessage> Enumerate(int first, int last, ulong startTime, ulong endTime, Func<McapChannel, bool>? channels)
    {
        var raw = Interlocked.Exchange(ref _spareRaw, null) ?? new McapBuffer(4096);
        var data = Interlocked.Exchange(ref _spareData, null) ?? new McapBuffer(4096);
        var chosen = channels == null ? null : new Dictionary<ushort, bool>();
        try
        {
            for (int i = first; i < last; i++)
            {
                var info = _chunks[i];
                if (info.MessageEndTime < startTime || info.MessageStartTime >= endTime)
                {
                    continue;
                }
                ObjectDisposedException.ThrowIf(_disposed, this);
                var records = LoadRecords(i, raw, data);
                int position = 0;
                while (NextMessage(records, ref position, info.Offset, out var message))
                {
                    if (message.LogTime < startTime || message.LogTime >= endTime)
                    {
                        continue;
                    }
                    if (chosen != null)
                    {
                        if (!chosen.TryGetValue(message.Channel.Id, out bool wanted))
                        {
                            wanted = channels!(message.Channel);
                            chosen[message.Channel.Id] = wanted;
                        }
                        if (!wanted)
                        {
                            continue;
                        }
                    }
                    yield return message;
                }
            }
        }
        finally
        {
            _spareRaw = raw;
            _spareData = data;
        }
    }

    private Dictionary<ushort, ulong> CountMessages()
    {
        var counts = new Dictionary<ushort, ulong>();
        foreach (var message in ReadMessages())
        {
            counts[message.Channel.Id] = counts.GetValueOrDefault(message.Channel.Id) + 1;
        }
        return counts;
    }

    private static string Bytes(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
