using System.Buffers.Binary;
using System.IO.Hashing;

namespace Simulator.Recording.Mcap;

public sealed partial class McapReader
{
    private const int FooterAndMagic = McapOpcode.RecordHeaderSize + McapOpcode.FooterContentSize + 8;

    /// <summary>Magic and header, then the summary when it is there and intact, else a scan of the data section.</summary>
    private void Load()
    {
        Span<byte> magic = stackalloc byte[8];
        int got = (int)Math.Min(_length, 8);
        if (_length == 0)
        {
            throw new McapFormatException($"{_name} is not an MCAP file (it is empty)");
        }
        if (!ReadAt(0, magic[..got]) || got < 8 || !magic.SequenceEqual(McapOpcode.Magic))
        {
            bool prefix = magic[..got].SequenceEqual(McapOpcode.Magic[..got]);
            throw new McapFormatException(prefix
                ? $"{_name} is not an MCAP file (it is only {got} bytes long, cut off inside the magic)"
                : $"{_name} is not an MCAP file (it starts with {Convert.ToHexString(magic[..got])}, not the MCAP magic {Convert.ToHexString(McapOpcode.Magic)})");
        }
        if (!ReadRecordHeader(8, out byte opcode, out ulong length) || length > ContentRoom(8))
        {
            _dataStart = 8;
            Recovery = new McapRecovery(_length, 8, 0, $"no header: the file ends after {Bytes(_length)} bytes, inside its header record (cut off while writing)");
            return;
        }
        if (opcode != McapOpcode.Header)
        {
            throw new McapFormatException($"{_name} is not a valid MCAP file: its first record has opcode 0x{opcode:X2}, not a header");
        }
        var header = new McapBuffer(64);
        try
        {
            ReadContent(8, length, header);
            var reader = new McapSpanReader(header.Span);
            Profile = reader.String("profile");
            Library = reader.String("library");
        }
        catch (McapFormatException e)
        {
            throw new McapFormatException($"{_name}: the header record is damaged: {e.Message}", e);
        }
        _dataStart = 8 + McapOpcode.RecordHeaderSize + (long)length;

        string why = TryReadSummary();
        if (why.Length == 0)
        {
            return;
        }
        Reset();
        Scan(why);
    }

    private void Reset()
    {
        _schemas.Clear();
        _channels.Clear();
        _chunks.Clear();
        _looseChunks.Clear();
        _metadata.Clear();
        _attachmentOffsets.Clear();
        _messageCounts = null;
        MessageStartTime = 0;
        MessageEndTime = 0;
    }

    /// <summary>Reads footer and summary; returns "" on success, else why the data section has to be scanned ("no summary" for a summary-less file).</summary>
    private string TryReadSummary()
    {
        long footerAt = _length - FooterAndMagic;
        Span<byte> tail = stackalloc byte[FooterAndMagic];
        if (footerAt < _dataStart || !ReadAt(footerAt, tail) || !tail[^8..].SequenceEqual(McapOpcode.Magic)
            || tail[0] != McapOpcode.Footer || BinaryPrimitives.ReadUInt64LittleEndian(tail[1..]) != McapOpcode.FooterContentSize)
        {
            return "no summary (no footer)";
        }
        ulong summaryStart = BinaryPrimitives.ReadUInt64LittleEndian(tail[9..]);
        ulong summaryOffsetStart = BinaryPrimitives.ReadUInt64LittleEndian(tail[17..]);
        uint summaryCrc = BinaryPrimitives.ReadUInt32LittleEndian(tail[25..]);
        if (summaryStart == 0)
        {
            return "no summary";
        }
        if (summaryStart < (ulong)_dataStart || summaryStart > (ulong)footerAt
            || (summaryOffsetStart != 0 && (summaryOffsetStart < summaryStart || summaryOffsetStart > (ulong)footerAt)))
        {
            return $"the footer's summary offsets ({summaryStart:N0}, {summaryOffsetStart:N0}) lie outside the file";
        }
        long start = (long)summaryStart;
        long end = summaryOffsetStart == 0 ? footerAt : (long)summaryOffsetStart;
        if (footerAt - start > Array.MaxLength)
        {
            return $"the summary of {Bytes(footerAt - start)} bytes is too large to read";
        }
        var summary = new McapBuffer(256);
        int size = (int)(footerAt - start);
        var span = summary.GetSpan(size)[..size];
        if (!ReadAt(start, span))
        {
            return "the summary could not be read";
        }
        summary.Advance(size);
        if (summaryCrc != 0)
        {
            var crc = new Crc32();
            crc.Append(summary.Span);
            crc.Append(tail[..(McapOpcode.RecordHeaderSize + 16)]);
            if (crc.GetCurrentHashAsUInt32() != summaryCrc)
            {
                return "the summary fails its CRC check";
            }
        }
        try
        {
            bool hasStatistics = ReadSummaryRecords(summary.Span[..(int)(end - start)], out ulong messageCount);
            _chunks.Sort((a, b) => a.Offset.CompareTo(b.Offset));
            _looseChunks.AddRange(Enumerable.Repeat(false, _chunks.Count));
            if (hasStatistics && messageCount > 0 && _chunks.Count == 0)
            {
                // Messages outside chunks have no index: the scan finds them.
                Reset();
                Scan("");
                return "";
            }
            if (!hasStatistics && _chunks.Count > 0)
            {
                MessageStartTime = _chunks.Min(c => c.MessageStartTime);
                MessageEndTime = _chunks.Max(c => c.MessageEndTime);
            }
            return "";
        }
        catch (McapFormatException e)
        {
            return $"the summary is damaged ({e.Message})";
        }
    }

    /// <summary>The records of the summary section; true when they include statistics.</summary>
    private bool ReadSummaryRecords(ReadOnlySpan<byte> summary, out ulong messageCount)
    {
        bool hasStatistics = false;
        messageCount = 0;
        var metadataRecord = new McapBuffer(256);
        var records = new McapSpanReader(summary);
        while (records.Remaining > 0)
        {
            byte opcode = records.U8("summary record opcode");
            var content = records.Bytes64("summary record");
            var reader = new McapSpanReader(content);
            switch (opcode)
            {
                case McapOpcode.Schema:
                    Learn(ParseSchema(content));
                    break;
                case McapOpcode.Channel:
                    Learn(ParseChannel(content));
                    break;
                case McapOpcode.Statistics:
                    hasStatistics = true;
                    messageCount = reader.U64("message_count");
                    reader.Skip(2 + 4 + 4 + 4 + 4, "statistics counts");
                    MessageStartTime = reader.U64("message_start_time");
                    MessageEndTime = reader.U64("message_end_time");
                    var counts = new McapSpanReader(reader.Bytes32("channel_message_counts"));
                    _messageCounts = [];
                    while (counts.Remaining > 0)
                    {
                        ushort channel = counts.U16("channel_message_counts");
                        _messageCounts[channel] = counts.U64("channel_message_counts");
                    }
                    break;
                case McapOpcode.ChunkIndex:
                    _chunks.Add(ParseChunkIndex(ref reader));
                    break;
                case McapOpcode.AttachmentIndex:
                    _attachmentOffsets.Add(CheckedOffset(reader.U64("attachment offset"), reader.U64("attachment length"), "attachment"));
                    break;
                case McapOpcode.MetadataIndex:
                    long offset = CheckedOffset(reader.U64("metadata offset"), reader.U64("metadata length"), "metadata");
                    if (!ReadRecordHeader(offset, out byte metadataOpcode, out ulong length) || metadataOpcode != McapOpcode.Metadata)
                    {
                        throw new McapFormatException($"no metadata record at byte {Bytes(offset)}");
                    }
                    ReadContent(offset, length, metadataRecord);
                    _metadata.Add(ParseMetadata(metadataRecord.Span));
                    break;
                default:
                    break;
            }
        }
        return hasStatistics;
    }

    private McapChunkInfo ParseChunkIndex(ref McapSpanReader reader)
    {
        ulong start = reader.U64("chunk message_start_time");
        ulong end = reader.U64("chunk message_end_time");
        ulong chunkOffset = reader.U64("chunk_start_offset");
        ulong chunkLength = reader.U64("chunk_length");
        long offset = CheckedOffset(chunkOffset, chunkLength, "chunk");
        reader.Bytes32("message_index_offsets");
        reader.U64("message_index_length");
        string compressionName = reader.String("chunk compression");
        ulong compressedSize = reader.U64("chunk compressed_size");
        ulong uncompressedSize = reader.U64("chunk uncompressed_size");
        if (!McapOpcode.TryParseCompression(compressionName, out var compression))
        {
            throw new McapFormatException($"the chunk at byte {Bytes(offset)} uses compression '{compressionName}', which is not supported (only zstd, lz4 and none)");
        }
        if (compressedSize > (ulong)_length || uncompressedSize > (ulong)Array.MaxLength)
        {
            throw new McapFormatException($"the chunk index of byte {Bytes(offset)} has impossible sizes");
        }
        return new McapChunkInfo(start, end, offset, (long)chunkLength, compression, (long)compressedSize, (long)uncompressedSize);
    }

    /// <summary>An offset and length from an index, checked to lie in the data section.</summary>
    private long CheckedOffset(ulong offset, ulong length, string what)
    {
        if (offset < (ulong)_dataStart || offset > (ulong)_length || length > (ulong)_length - offset || length < McapOpcode.RecordHeaderSize)
        {
            throw new McapFormatException($"a {what} index points outside the file (offset {offset:N0}, length {length:N0})");
        }
        return (long)offset;
    }
}
