using System.IO.Hashing;
using ZstdSharp;

namespace Simulator.Recording.Mcap;

/// <summary>
/// One chunk being built: message records, per channel the (log time, offset) pairs of its message index, and the
/// time range. It can be filled and compressed (<see cref="Seal"/>) on any thread, away from the file, and handed to
/// <see cref="McapWriter.WriteChunk"/> (which is not thread-safe) to be written: the slow part of a chunk, compressing
/// it, then never holds up whoever else writes to the same file. Reused: <see cref="Clear"/> keeps its buffers.
/// </summary>
public sealed class McapChunkBuilder : IDisposable
{
    private readonly int _zstdLevel;
    private Compressor? _zstd;
    private ChannelIndex?[] _byChannel = new ChannelIndex?[16];

    public McapChunkBuilder(int zstdLevel = 3)
    {
        if (zstdLevel is < 1 or > 19)
        {
            throw new ArgumentOutOfRangeException(nameof(zstdLevel), zstdLevel, "the zstd level must be 1-19");
        }
        _zstdLevel = zstdLevel;
    }

    internal McapBuffer Records { get; } = new(1 << 12);
    internal McapBuffer Compressed { get; } = new(1 << 12);
    internal List<ChannelIndex> Channels { get; } = [];
    internal ulong Start { get; private set; } = ulong.MaxValue;
    internal ulong End { get; private set; }
    internal uint Crc { get; private set; }

    /// <summary>The compression <see cref="Seal"/> used; null while the chunk is open.</summary>
    public McapCompression? SealedWith { get; private set; }

    public int MessageCount { get; private set; }

    /// <summary>Bytes of the uncompressed message records.</summary>
    public int Length => Records.Length;

    public bool IsEmpty => MessageCount == 0;

    /// <summary>Appends a message record (channel ids are checked by <see cref="McapWriter.WriteChunk"/>).</summary>
    public void Add(ushort channelId, uint sequence, ulong logTime, ulong publishTime, ReadOnlySpan<byte> data)
    {
        if (SealedWith is not null)
        {
            throw new InvalidOperationException("the chunk is sealed; Clear it before adding messages");
        }
        ArgumentOutOfRangeException.ThrowIfZero(channelId);
        if (channelId >= _byChannel.Length)
        {
            Array.Resize(ref _byChannel, Math.Max(channelId + 1, _byChannel.Length * 2));
        }
        ChannelIndex channel = _byChannel[channelId] ??= new ChannelIndex(channelId);
        if (channel.Count == 0)
        {
            Channels.Add(channel);
        }
        channel.Add(logTime, (ulong)Records.Length);
        Records.U8(McapOpcode.Message);
        Records.U64((ulong)(McapOpcode.MessageFixedSize + data.Length));
        Records.U16(channelId);
        Records.U32(sequence);
        Records.U64(logTime);
        Records.U64(publishTime);
        Records.Bytes(data);
        Start = Math.Min(Start, logTime);
        End = Math.Max(End, logTime);
        MessageCount++;
    }

    /// <summary>Computes the CRC of the records and compresses them: the chunk is then ready to be written and takes no more messages.</summary>
    public void Seal(McapCompression compression)
    {
        if (!Enum.IsDefined(compression))
        {
            throw new ArgumentOutOfRangeException(nameof(compression), compression, "unknown compression");
        }
        if (SealedWith is not null)
        {
            throw new InvalidOperationException("the chunk is already sealed");
        }
        Crc = Crc32.HashToUInt32(Records.Span);
        Compressed.Clear();
        if (compression != McapCompression.None)
        {
            if (compression == McapCompression.Zstd)
            {
                _zstd ??= new Compressor(_zstdLevel);
            }
            McapCodec.Compress(compression, _zstd, Records.Span, Compressed);
        }
        SealedWith = compression;
    }

    /// <summary>The chunk's records as written: compressed, or the records themselves without compression.</summary>
    internal ReadOnlySpan<byte> Payload => SealedWith == McapCompression.None ? Records.Span : Compressed.Span;

    /// <summary>Empties the chunk for reuse (buffers are kept).</summary>
    public void Clear()
    {
        foreach (ChannelIndex c in Channels)
        {
            c.Count = 0;
        }
        Channels.Clear();
        Records.Clear();
        Compressed.Clear();
        Start = ulong.MaxValue;
        End = 0;
        MessageCount = 0;
        Crc = 0;
        SealedWith = null;
    }

    public void Dispose() => _zstd?.Dispose();

    /// <summary>A channel's (log time, offset) pairs in this chunk.</summary>
    internal sealed class ChannelIndex(ushort id)
    {
        public ushort Id { get; } = id;
        public ulong[] Pairs { get; private set; } = new ulong[32];
        public int Count { get; set; }

        public void Add(ulong logTime, ulong offset)
        {
            if (2 * (Count + 1) > Pairs.Length)
            {
                var grown = Pairs;
                Array.Resize(ref grown, grown.Length * 2);
                Pairs = grown;
            }
            Pairs[2 * Count] = logTime;
            Pairs[(2 * Count) + 1] = offset;
            Count++;
        }
    }
}
