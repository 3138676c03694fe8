using System.Buffers.Binary;
using System.Text;

namespace Simulator.Recording.Mcap;

/// <summary>
/// Reads the fields of one record's content; every read is checked against what is left, so a damaged length gives
/// <see cref="McapFormatException"/> and never a huge allocation or an out-of-range read.
/// </summary>
internal ref struct McapSpanReader
{
    private readonly ReadOnlySpan<byte> _data;

    public McapSpanReader(ReadOnlySpan<byte> data) => _data = data;

    public int Position { get; private set; }

    public readonly int Remaining => _data.Length - Position;

    private ReadOnlySpan<byte> Take(int count, string field)
    {
        if (count < 0 || count > Remaining)
        {
            throw new McapFormatException($"{field} needs {count:N0} bytes but only {Remaining:N0} are left in the record");
        }
        var span = _data.Slice(Position, count);
        Position += count;
        return span;
    }

    public byte U8(string field) => Take(1, field)[0];

    public ushort U16(string field) => BinaryPrimitives.ReadUInt16LittleEndian(Take(2, field));

    public uint U32(string field) => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, field));

    public ulong U64(string field) => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, field));

    /// <summary>A length read from the file, checked against what is left.</summary>
    public int Length(ulong length, string field)
    {
        if (length > (ulong)Remaining)
        {
            throw new McapFormatException($"{field} has a length of {length:N0} bytes but only {Remaining:N0} are left in the record");
        }
        return (int)length;
    }

    public string String(string field)
    {
        int count = Length(U32(field), field);
        return Encoding.UTF8.GetString(Take(count, field));
    }

    /// <summary>u32-length-prefixed bytes.</summary>
    public ReadOnlySpan<byte> Bytes32(string field) => Take(Length(U32(field), field), field);

    /// <summary>u64-length-prefixed bytes.</summary>
    public ReadOnlySpan<byte> Bytes64(string field) => Take(Length(U64(field), field), field);

    public ReadOnlySpan<byte> Rest() => Take(Remaining, "rest");

    public void Skip(int count, string field) => Take(count, field);

    public Dictionary<string, string> StringMap(string field)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = new McapSpanReader(Bytes32(field));
        while (entries.Remaining > 0)
        {
            string key = entries.String(field);
            map[key] = entries.String(field);
        }
        return map;
    }
}
