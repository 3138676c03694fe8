using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Simulator.Recording.Mcap;

/// <summary>
/// A growable byte buffer that is reused (cleared, never shrunk) for records, chunks and decompressed data. With a
/// <see cref="Limit"/> it refuses to grow past it, so a decompressor writing into it cannot exceed a declared size.
/// </summary>
internal sealed class McapBuffer : IBufferWriter<byte>
{
    private byte[] _data;

    public McapBuffer(int capacity = 256) => _data = new byte[Math.Max(capacity, 16)];

    public int Length { get; private set; }

    /// <summary>The most bytes this buffer may hold (int.MaxValue for no limit).</summary>
    public int Limit { get; set; } = int.MaxValue;

    public byte[] Array => _data;

    public ReadOnlySpan<byte> Span => _data.AsSpan(0, Length);

    public ReadOnlyMemory<byte> Memory => _data.AsMemory(0, Length);

    public void Clear() => Length = 0;

    public void Advance(int count)
    {
        if (count < 0 || Length + count > _data.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }
        Length += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 1));
        return _data.AsMemory(Length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 1));
        return _data.AsSpan(Length);
    }

    /// <summary>Makes room for <paramref name="count"/> more bytes (throws <see cref="McapFormatException"/> past <see cref="Limit"/>).</summary>
    public void Ensure(int count)
    {
        long needed = (long)Length + count;
        if (needed <= _data.Length)
        {
            return;
        }
        if (needed > Limit)
        {
            throw new McapFormatException($"the data is larger than its declared {Limit:N0} bytes");
        }
        long grown = Math.Min(Math.Max(needed, (long)_data.Length * 2), Math.Min(Limit, System.Array.MaxLength));
        if (grown < needed)
        {
            throw new McapFormatException($"{needed:N0} bytes do not fit in one buffer");
        }
        System.Array.Resize(ref _data, (int)grown);
    }

    /// <summary>Reserves <paramref name="count"/> bytes to fill in later (a record length); returns their offset.</summary>
    public int Reserve(int count)
    {
        Ensure(count);
        int at = Length;
        Length += count;
        return at;
    }

    public void PatchU64(int at, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(_data.AsSpan(at), value);

    public void PatchU32(int at, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(_data.AsSpan(at), value);

    public void U8(byte value)
    {
        Ensure(1);
        _data[Length++] = value;
    }

    public void U16(ushort value)
    {
        Ensure(2);
        BinaryPrimitives.WriteUInt16LittleEndian(_data.AsSpan(Length), value);
        Length += 2;
    }

    public void U32(uint value)
    {
        Ensure(4);
        BinaryPrimitives.WriteUInt32LittleEndian(_data.AsSpan(Length), value);
        Length += 4;
    }

    public void U64(ulong value)
    {
        Ensure(8);
        BinaryPrimitives.WriteUInt64LittleEndian(_data.AsSpan(Length), value);
        Length += 8;
    }

    public void Bytes(ReadOnlySpan<byte> value)
    {
        Ensure(value.Length);
        value.CopyTo(_data.AsSpan(Length));
        Length += value.Length;
    }

    /// <summary>A u32-length-prefixed UTF-8 string.</summary>
    public void String(string value)
    {
        int count = Encoding.UTF8.GetByteCount(value);
        U32((uint)count);
        Ensure(count);
        Length += Encoding.UTF8.GetBytes(value, _data.AsSpan(Length));
    }

    /// <summary>A u32-byte-length-prefixed map of strings, keys in ordinal order so files are reproducible.</summary>
    public void StringMap(IReadOnlyDictionary<string, string> map)
    {
        int lengthAt = Reserve(4);
        var keys = new List<string>(map.Keys);
        keys.Sort(StringComparer.Ordinal);
        foreach (string key in keys)
        {
            String(key);
            String(map[key]);
        }
        PatchU32(lengthAt, (uint)(Length - lengthAt - 4));
    }

    /// <summary>Starts a record: opcode and a length to patch with <see cref="EndRecord"/>; returns where the length is.</summary>
    public int BeginRecord(byte opcode)
    {
        U8(opcode);
        return Reserve(8);
    }

    public void EndRecord(int lengthAt) => PatchU64(lengthAt, (ulong)(Length - lengthAt - 8));
}
