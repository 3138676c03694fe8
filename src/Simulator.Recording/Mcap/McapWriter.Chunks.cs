using System.IO.Hashing;

namespace Simulator.Recording.Mcap;

public sealed partial class McapWriter
{
    /// <summary>Writes the open chunk (if it holds messages), its message indexes, and remembers its chunk index.</summary>
    private void CloseChunk() => CloseChunk(_options.Compression);

    private void CloseChunk(McapCompression chunkCompression)
    {
        if (_open.IsEmpty)
        {
            return;
        }
        _open.Seal(chunkCompression);
        EmitChunk(_open);
        _open.Clear();
    }

    /// <summary>Writes a sealed chunk, its message indexes and its chunk index (for the summary), and counts its messages.</summary>
    private void EmitChunk(McapChunkBuilder chunk)
    {
        ReadOnlySpan<byte> records = chunk.Payload;
        string compression = McapOpcode.CompressionName(chunk.SealedWith!.Value);
        long chunkOffset = _position;
        _record.Clear();
        int at = _record.BeginRecord(McapOpcode.Chunk);
        _record.U64(chunk.Start);
        _record.U64(chunk.End);
        _record.U64((ulong)chunk.Length);
        _record.U32(chunk.Crc);
        _record.String(compression);
        _record.U64((ulong)records.Length);
        _record.PatchU64(at, (ulong)(_record.Length - at - 8 + records.Length));
        Emit(_record.Span);
        Emit(records);
        long chunkLength = _position - chunkOffset;

        // Message indexes, then the chunk index that points at each of them.
        long indexStart = _position;
        _record.Clear();
        foreach (var channel in chunk.Channels)
        {
            ChannelState state = _channels[channel.Id - 1];
            state.IndexOffset = indexStart + _record.Length;
            state.MessageCount += (ulong)channel.Count;
            int index = _record.BeginRecord(McapOpcode.MessageIndex);
            _record.U16(channel.Id);
            _record.U32((uint)(channel.Count * 16));
            for (int i = 0; i < channel.Count; i++)
            {
                _record.U64(channel.Pairs[2 * i]);
                _record.U64(channel.Pairs[(2 * i) + 1]);
            }
            _record.EndRecord(index);
        }
        Emit(_record.Span);

        int chunkIndex = _chunkIndexes.BeginRecord(McapOpcode.ChunkIndex);
        _chunkIndexes.U64(chunk.Start);
        _chunkIndexes.U64(chunk.End);
        _chunkIndexes.U64((ulong)chunkOffset);
        _chunkIndexes.U64((ulong)chunkLength);
        _chunkIndexes.U32((uint)(chunk.Channels.Count * 10));
        foreach (var channel in chunk.Channels)
        {
            _chunkIndexes.U16(channel.Id);
            _chunkIndexes.U64((ulong)_channels[channel.Id - 1].IndexOffset);
        }
        _chunkIndexes.U64((ulong)_record.Length);
        _chunkIndexes.String(compression);
        _chunkIndexes.U64((ulong)records.Length);
        _chunkIndexes.U64((ulong)chunk.Length);
        _chunkIndexes.EndRecord(chunkIndex);

        _messageCount += (ulong)chunk.MessageCount;
        _messageStart = Math.Min(_messageStart, chunk.Start);
        _messageEnd = Math.Max(_messageEnd, chunk.End);
        _chunkCount++;
    }

    /// <summary>Data end, summary, summary offsets, footer and the closing magic.</summary>
    private void WriteEnd()
    {
        _record.Clear();
        int dataEnd = _record.BeginRecord(McapOpcode.DataEnd);
        _record.U32(0); // data_section_crc 0: "not available", as the specification allows
        _record.EndRecord(dataEnd);
        Emit(_record.Span);

        long summaryStart = _position;
        var summary = new McapBuffer(_summarySchemas.Length + _summaryChannels.Length + _chunkIndexes.Length
            + _attachmentIndexes.Length + _metadataIndexes.Length + 512);
        var groups = new List<(byte Opcode, long Start, long Length)>(6);
        void Group(byte opcode, McapBuffer records)
        {
            if (records.Length > 0)
            {
                groups.Add((opcode, summaryStart + summary.Length, records.Length));
                summary.Bytes(records.Span);
            }
        }
        Group(McapOpcode.Schema, _summarySchemas);
        Group(McapOpcode.Channel, _summaryChannels);

        var statistics = new McapBuffer(128);
        int stats = statistics.BeginRecord(McapOpcode.Statistics);
        statistics.U64(_messageCount);
        statistics.U16((ushort)_schemaCount);
        statistics.U32((uint)_channels.Count);
        statistics.U32(_attachmentCount);
        statistics.U32(_metadataCount);
        statistics.U32(_chunkCount);
        statistics.U64(_messageCount == 0 ? 0 : _messageStart);
        statistics.U64(_messageEnd);
        int countsAt = statistics.Reserve(4);
        foreach (var channel in _channels)
        {
            if (channel.MessageCount > 0)
            {
                statistics.U16(channel.Id);
                statistics.U64(channel.MessageCount);
            }
        }
        statistics.PatchU32(countsAt, (uint)(statistics.Length - countsAt - 4));
        statistics.EndRecord(stats);
        Group(McapOpcode.Statistics, statistics);
        Group(McapOpcode.ChunkIndex, _chunkIndexes);
        Group(McapOpcode.AttachmentIndex, _attachmentIndexes);
        Group(McapOpcode.MetadataIndex, _metadataIndexes);

        long summaryOffsetStart = summaryStart + summary.Length;
        foreach (var (opcode, start, length) in groups)
        {
            int offset = summary.BeginRecord(McapOpcode.SummaryOffset);
            summary.U8(opcode);
            summary.U64((ulong)start);
            summary.U64((ulong)length);
            summary.EndRecord(offset);
        }
        summary.U8(McapOpcode.Footer);
        summary.U64(McapOpcode.FooterContentSize);
        summary.U64((ulong)summaryStart);
        summary.U64((ulong)summaryOffsetStart);
        summary.U32(Crc32.HashToUInt32(summary.Span));
        summary.Bytes(McapOpcode.Magic);
        Emit(summary.Span);
    }

    /// <summary>Per channel: its message count and where its message index of the chunk being written is.</summary>
    private sealed class ChannelState(ushort id)
    {
        public ushort Id { get; } = id;
        public long IndexOffset { get; set; }
        public ulong MessageCount { get; set; }
    }
}
