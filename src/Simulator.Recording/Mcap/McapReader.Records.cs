using System.Buffers.Binary;
using System.IO.Hashing;

namespace Simulator.Recording.Mcap;

public sealed partial class McapReader
{
    /// <summary>Reads exactly <paramref name="target"/>.Length bytes at <paramref name="offset"/>; false where the file ends first.</summary>
    private bool ReadAt(long offset, Span<byte> target)
    {
        if (offset < 0 || offset > _length - target.Length)
        {
            return false;
        }
        _stream.Seek(offset, SeekOrigin.Begin);
        return _stream.ReadAtLeast(target, target.Length, throwOnEndOfStream: false) == target.Length;
    }

    /// <summary>The opcode and content length of the record at <paramref name="offset"/>; false where the file ends inside those 9 bytes.</summary>
    private bool ReadRecordHeader(long offset, out byte opcode, out ulong length)
    {
        Span<byte> header = stackalloc byte[McapOpcode.RecordHeaderSize];
        if (!ReadAt(offset, header))
        {
            opcode = 0;
            length = 0;
            return false;
        }
        opcode = header[0];
        length = BinaryPrimitives.ReadUInt64LittleEndian(header[1..]);
        return true;
    }

    /// <summary>Bytes left in the file after a record header at <paramref name="offset"/>.</summary>
    private ulong ContentRoom(long offset) => (ulong)Math.Max(0, _length - offset - McapOpcode.RecordHeaderSize);

    /// <summary>Reads a record's content (already checked to lie inside the file) into <paramref name="target"/>.</summary>
    private void ReadContent(long offset, ulong length, McapBuffer target)
    {
        if (length > ContentRoom(offset) || length > (ulong)Array.MaxLength)
        {
            throw new McapFormatException($"the record at byte {Bytes(offset)} claims {length:N0} bytes but the file has {ContentRoom(offset):N0} left");
        }
        target.Clear();
        var span = target.GetSpan((int)length)[..(int)length];
        if (!ReadAt(offset + McapOpcode.RecordHeaderSize, span))
        {
            throw new McapFormatException($"the record at byte {Bytes(offset)} is cut off");
        }
        target.Advance((int)length);
    }

    /// <summary>
    /// Reads the chunk record at <paramref name="offset"/>, decompresses it and checks its CRC; returns its records
    /// (in <paramref name="raw"/> for uncompressed chunks, else in <paramref name="data"/>).
    /// </summary>
    private ReadOnlyMemory<byte> LoadChunk(long offset, McapBuffer raw, McapBuffer data, out McapChunkInfo info)
    {
        try
        {
            if (!ReadRecordHeader(offset, out byte opcode, out ulong length))
            {
                throw new McapFormatException("the file ends inside it");
            }
            if (opcode != McapOpcode.Chunk)
            {
                throw new McapFormatException($"there is no chunk there (opcode 0x{opcode:X2})");
            }
            ReadContent(offset, length, raw);
            var reader = new McapSpanReader(raw.Span);
            ulong start = reader.U64("message_start_time");
            ulong end = reader.U64("message_end_time");
            ulong uncompressedSize = reader.U64("uncompressed_size");
            uint crc = reader.U32("uncompressed_crc");
            string compressionName = reader.String("compression");
            int recordsLength = reader.Length(reader.U64("records"), "records");
            int recordsStart = reader.Position;
            if (!McapOpcode.TryParseCompression(compressionName, out var compression))
            {
                throw new McapFormatException($"its compression '{compressionName}' is not supported (only zstd, lz4 and none)");
            }
            if (uncompressedSize > (ulong)Array.MaxLength)
            {
                throw new McapFormatException($"its uncompressed size of {uncompressedSize:N0} bytes is too large");
            }
            ReadOnlyMemory<byte> records;
            if (compression == McapCompression.None)
            {
                if ((ulong)recordsLength != uncompressedSize)
                {
                    throw new McapFormatException($"it is uncompressed but holds {recordsLength:N0} bytes, not its declared {uncompressedSize:N0}");
                }
                records = raw.Memory.Slice(recordsStart, recordsLength);
            }
            else
            {
                McapCodec.Decompress(compression, raw.Array, recordsStart, recordsLength, (int)uncompressedSize, data);
                records = data.Memory;
            }
            if (crc != 0)
            {
                uint actual = Crc32.HashToUInt32(records.Span);
                if (actual != crc)
                {
                    throw new McapFormatException($"its records fail the CRC check (0x{actual:X8}, recorded 0x{crc:X8}): the chunk is damaged");
                }
            }
            info = new McapChunkInfo(start, end, offset, McapOpcode.RecordHeaderSize + (long)length, compression, recordsLength, (long)uncompressedSize);
            return records;
        }
        catch (McapFormatException e)
        {
            throw new McapFormatException($"{_name}: chunk at byte {Bytes(offset)}: {e.Message}", e);
        }
    }

    /// <summary>The uncompressed records of entry <paramref name="index"/> of <see cref="Chunks"/>.</summary>
    private ReadOnlyMemory<byte> LoadRecords(int index, McapBuffer raw, McapBuffer data)
    {
        var info = _chunks[index];
        if (!_looseChunks[index])
        {
            return LoadChunk(info.Offset, raw, data, out _);
        }
        // A run of messages outside chunks: the records are read as they lie in the file.
        raw.Clear();
        var span = raw.GetSpan((int)info.Length)[..(int)info.Length];
        if (!ReadAt(info.Offset, span))
        {
            throw new McapFormatException($"{_name}: the messages at byte {Bytes(info.Offset)} are cut off");
        }
        raw.Advance((int)info.Length);
        return raw.Memory;
    }

    /// <summary>
    /// Moves <paramref name="position"/> past the next message record in <paramref name="records"/>; schema and channel
    /// records met on the way are learned. False at the end.
    /// </summary>
    private bool NextMessage(ReadOnlyMemory<byte> records, ref int position, long chunkOffset, out McapMessage message)
    {
        var span = records.Span;
        while (position < span.Length)
        {
            int start = position;
            if (span.Length - start < McapOpcode.RecordHeaderSize)
            {
                throw new McapFormatException($"{_name}: chunk at byte {Bytes(chunkOffset)}: a record at {Bytes(start)} of its records is cut off");
            }
            byte opcode = span[start];
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(span[(start + 1)..]);
            if (length > (ulong)(span.Length - start - McapOpcode.RecordHeaderSize))
            {
                throw new McapFormatException($"{_name}: chunk at byte {Bytes(chunkOffset)}: the record at {Bytes(start)} of its records claims {length:N0} bytes, more than are left");
            }
            int contentStart = start + McapOpcode.RecordHeaderSize;
            position = contentStart + (int)length;
            var content = span.Slice(contentStart, (int)length);
            try
            {
                switch (opcode)
                {
                    case McapOpcode.Message:
                        var reader = new McapSpanReader(content);
                        ushort channelId = reader.U16("channel_id");
                        uint sequence = reader.U32("sequence");
                        ulong logTime = reader.U64("log_time");
                        ulong publishTime = reader.U64("publish_time");
                        if (!_channels.TryGetValue(channelId, out var channel))
                        {
                            throw new McapFormatException($"the message at {Bytes(start)} of its records is on channel {channelId}, which the file never defines");
                        }
                        message = new McapMessage(channel, sequence, logTime, publishTime, records.Slice(contentStart + McapOpcode.MessageFixedSize, (int)length - McapOpcode.MessageFixedSize));
                        return true;
                    case McapOpcode.Schema:
                        Learn(ParseSchema(content));
                        break;
                    case McapOpcode.Channel:
                        Learn(ParseChannel(content));
                        break;
                    default:
                        break;
                }
            }
            catch (McapFormatException e) when (!e.Message.StartsWith(_name, StringComparison.Ordinal))
            {
                throw new McapFormatException($"{_name}: chunk at byte {Bytes(chunkOffset)}: {e.Message}", e);
            }
        }
        message = default;
        return false;
    }

    private void Learn(McapSchema? schema)
    {
        if (schema != null)
        {
            _schemas.TryAdd(schema.Id, schema);
        }
    }

    private void Learn(McapChannel channel) => _channels.TryAdd(channel.Id, channel);

    /// <summary>A schema record; null for id 0, which the specification says to ignore.</summary>
    private static McapSchema? ParseSchema(ReadOnlySpan<byte> content)
    {
        var reader = new McapSpanReader(content);
        ushort id = reader.U16("schema id");
        string name = reader.String("schema name");
        string encoding = reader.String("schema encoding");
        byte[] data = reader.Bytes32("schema data").ToArray();
        return id == 0 ? null : new McapSchema(id, name, encoding, data);
    }

    private static McapChannel ParseChannel(ReadOnlySpan<byte> content)
    {
        var reader = new McapSpanReader(content);
        ushort id = reader.U16("channel id");
        ushort schemaId = reader.U16("channel schema_id");
        string topic = reader.String("channel topic");
        string encoding = reader.String("channel message_encoding");
        var metadata = reader.StringMap("channel metadata");
        return new McapChannel(id, schemaId, topic, encoding, metadata);
    }

    private static McapMetadata ParseMetadata(ReadOnlySpan<byte> content)
    {
        var reader = new McapSpanReader(content);
        string name = reader.String("metadata name");
        return new McapMetadata(name, reader.StringMap("metadata values"));
    }

    /// <summary>An attachment record, its CRC checked (when nonzero); the data is copied only when <paramref name="keepData"/>.</summary>
    private static McapAttachment ParseAttachment(ReadOnlySpan<byte> content, bool keepData)
    {
        var reader = new McapSpanReader(content);
        ulong logTime = reader.U64("attachment log_time");
        ulong createTime = reader.U64("attachment create_time");
        string name = reader.String("attachment name");
        string mediaType = reader.String("attachment media_type");
        var data = reader.Bytes64("attachment data");
        int crcAt = reader.Position;
        uint crc = reader.U32("attachment crc");
        if (crc != 0)
        {
            uint actual = Crc32.HashToUInt32(content[..crcAt]);
            if (actual != crc)
            {
                throw new McapFormatException($"attachment '{name}' fails its CRC check (0x{actual:X8}, recorded 0x{crc:X8})");
            }
        }
        return new McapAttachment(name, mediaType, logTime, createTime, keepData ? data.ToArray() : ReadOnlyMemory<byte>.Empty);
    }

    private List<McapAttachment> LoadAttachments()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var list = new List<McapAttachment>(_attachmentOffsets.Count);
        var buffer = new McapBuffer(256);
        foreach (long offset in _attachmentOffsets)
        {
            try
            {
                if (!ReadRecordHeader(offset, out byte opcode, out ulong length) || opcode != McapOpcode.Attachment)
                {
                    throw new McapFormatException("there is no attachment record there");
                }
                ReadContent(offset, length, buffer);
                list.Add(ParseAttachment(buffer.Span, keepData: true));
            }
            catch (McapFormatException e)
            {
                throw new McapFormatException($"{_name}: attachment at byte {Bytes(offset)}: {e.Message}", e);
            }
        }
        return list;
    }
}
