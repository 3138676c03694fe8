namespace Simulator.Recording.Mcap;

public sealed partial class McapReader
{
    /// <summary>Loose messages (outside chunks) are grouped into pseudo-chunks of at most this many bytes.</summary>
    private const int LooseRunLimit = 4 << 20;

    /// <summary>
    /// Reads the data section record by record from the start: every chunk is decompressed and CRC-checked, and the
    /// scan stops at the first record that is cut off or damaged, keeping everything before it. <paramref name="why"/>
    /// says why the summary was not used ("" when the summary asked for a scan).
    /// </summary>
    private void Scan(string why)
    {
        var raw = _spareRaw ?? new McapBuffer(4096);
        var data = _spareData ?? new McapBuffer(4096);
        var counts = new Dictionary<ushort, ulong>();
        var run = new LooseRun();
        ulong first = ulong.MaxValue;
        ulong last = 0;
        long position = _dataStart;
        string? stop = null;
        bool ended = false;
        int realChunks = 0;
        while (!ended)
        {
            if (position == _length)
            {
                stop = $"the file ends after {Bytes(_length)} bytes, at a record boundary but before its data end record (cut off while writing)";
                break;
            }
            if (!ReadRecordHeader(position, out byte opcode, out ulong length) || length > ContentRoom(position))
            {
                stop = $"the file ends after {Bytes(_length)} bytes, inside the record at byte {Bytes(position)} (cut off while writing)";
                break;
            }
            long next = position + McapOpcode.RecordHeaderSize + (long)length;
            try
            {
                switch (opcode)
                {
                    case McapOpcode.Chunk:
                        CloseRun(ref run);
                        var records = LoadChunk(position, raw, data, out var info);
                        int at = 0;
                        while (NextMessage(records, ref at, position, out var message))
                        {
                            counts[message.Channel.Id] = counts.GetValueOrDefault(message.Channel.Id) + 1;
                            first = Math.Min(first, message.LogTime);
                            last = Math.Max(last, message.LogTime);
                        }
                        _chunks.Add(info);
                        _looseChunks.Add(false);
                        realChunks++;
                        break;
                    case McapOpcode.Message:
                        ReadContent(position, length, raw);
                        var reader = new McapSpanReader(raw.Span);
                        ushort channelId = reader.U16("message channel_id");
                        reader.U32("message sequence");
                        ulong logTime = reader.U64("message log_time");
                        if (!_channels.ContainsKey(channelId))
                        {
                            throw new McapFormatException($"the message is on channel {channelId}, which the file has not defined");
                        }
                        if (run.Length > 0 && (next - run.Start > LooseRunLimit))
                        {
                            CloseRun(ref run);
                        }
                        run.Add(position, next, logTime);
                        counts[channelId] = counts.GetValueOrDefault(channelId) + 1;
                        first = Math.Min(first, logTime);
                        last = Math.Max(last, logTime);
                        break;
                    case McapOpcode.Schema:
                        ReadContent(position, length, raw);
                        Learn(ParseSchema(raw.Span));
                        break;
                    case McapOpcode.Channel:
                        ReadContent(position, length, raw);
                        Learn(ParseChannel(raw.Span));
                        break;
                    case McapOpcode.Attachment:
                        CloseRun(ref run);
                        VerifyAttachment(position, length, raw);
                        _attachmentOffsets.Add(position);
                        break;
                    case McapOpcode.Metadata:
                        CloseRun(ref run);
                        ReadContent(position, length, raw);
                        _metadata.Add(ParseMetadata(raw.Span));
                        break;
                    case McapOpcode.DataEnd:
                        ended = true;
                        break;
                    case 0 or McapOpcode.Header or McapOpcode.Footer:
                        throw new McapFormatException($"opcode 0x{opcode:X2} does not belong in the data section");
                    default:
                        // Indexes (rebuilt from the scan), summary records and unknown opcodes: skipped, as the specification asks.
                        break;
                }
            }
            catch (McapFormatException e)
            {
                stop = $"the record at byte {Bytes(position)} (opcode 0x{opcode:X2}) is damaged: {e.Message}";
                break;
            }
            position = next;
        }
        CloseRun(ref run);
        _spareRaw = raw;
        _spareData = data;
        _messageCounts = counts;
        MessageStartTime = first == ulong.MaxValue ? 0 : first;
        MessageEndTime = last;
        if (stop == null && (why is "" or "no summary"))
        {
            Recovery = null;
            return;
        }
        if (why.Length == 0)
        {
            why = "the data section is damaged";
        }
        string reason = stop == null
            ? $"{why}; the data section was scanned to its end"
            : $"{why}: {stop}; read up to byte {Bytes(position)}";
        Recovery = new McapRecovery(_length, position, realChunks, reason);
    }

    /// <summary>Checks an attachment's CRC; a large one is read in blocks, so memory stays bounded by the chunk buffers.</summary>
    private void VerifyAttachment(long position, ulong length, McapBuffer raw)
    {
        const int Block = 1 << 20;
        if (length <= 4 * Block)
        {
            ReadContent(position, length, raw);
            ParseAttachment(raw.Span, keepData: false);
            return;
        }
        long content = position + McapOpcode.RecordHeaderSize;
        raw.Clear();
        var head = raw.GetSpan(Block)[..Block];
        if (!ReadAt(content, head))
        {
            throw new McapFormatException("the attachment is cut off");
        }
        var reader = new McapSpanReader(head);
        reader.Skip(16, "attachment times");
        string name = reader.String("attachment name");
        reader.String("attachment media_type");
        ulong dataLength = reader.U64("attachment data");
        int fields = reader.Position;
        if (dataLength != length - (ulong)fields - 4)
        {
            throw new McapFormatException($"attachment '{name}' declares {dataLength:N0} bytes of data in a record of {length:N0} bytes");
        }
        var crc = new System.IO.Hashing.Crc32();
        crc.Append(head[..fields]);
        long at = content + fields;
        long end = at + (long)dataLength;
        while (at < end)
        {
            int count = (int)Math.Min(Block, end - at);
            if (!ReadAt(at, head[..count]))
            {
                throw new McapFormatException($"attachment '{name}' is cut off");
            }
            crc.Append(head[..count]);
            at += count;
        }
        Span<byte> stored = stackalloc byte[4];
        if (!ReadAt(end, stored))
        {
            throw new McapFormatException($"attachment '{name}' is cut off");
        }
        uint expected = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(stored);
        if (expected != 0 && crc.GetCurrentHashAsUInt32() != expected)
        {
            throw new McapFormatException($"attachment '{name}' fails its CRC check");
        }
    }

    private void CloseRun(ref LooseRun run)
    {
        if (run.Length > 0)
        {
            _chunks.Add(new McapChunkInfo(run.First, run.Last, run.Start, run.Length, McapCompression.None, run.Length, run.Length));
            _looseChunks.Add(true);
        }
        run = new LooseRun();
    }

    /// <summary>Consecutive message records outside chunks (schema and channel records between them are read along).</summary>
    private struct LooseRun
    {
        public LooseRun()
        {
        }

        public long Start { get; private set; }
        public long End { get; private set; }
        public ulong First { get; private set; } = ulong.MaxValue;
        public ulong Last { get; private set; }
        public readonly long Length => End - Start;

        public void Add(long start, long end, ulong logTime)
        {
            if (End == Start)
            {
                Start = start;
            }
            End = end;
            First = Math.Min(First, logTime);
            Last = Math.Max(Last, logTime);
        }
    }
}
