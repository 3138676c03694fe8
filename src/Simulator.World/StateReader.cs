using System.Buffers.Binary;
using Simulator.Core;

namespace Simulator.World;

/// <summary>
/// Reads what a <see cref="StateWriter"/> wrote, in the same order. Reading past the end is a
/// <see cref="SimInputException"/> (damaged or foreign state), never an out-of-range read.
/// </summary>
public ref struct StateReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public StateReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public readonly int Position => _position;

    public readonly int Remaining => _data.Length - _position;

    public byte ReadByte() => Take(1)[0];

    public bool ReadBool() => Take(1)[0] switch
    {
        0 => false,
        1 => true,
        var b => throw new SimInputException($"state is damaged: byte {b} at offset {_position - 1} should be a boolean (0 or 1)"),
    };

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public double ReadDouble() => BitConverter.Int64BitsToDouble(ReadInt64());

    public float ReadSingle() => BitConverter.Int32BitsToSingle(ReadInt32());

    public ReadOnlySpan<byte> ReadBytes(int count) => Take(count);

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || _data.Length - _position < count)
        {
            throw new SimInputException($"state ends after {_data.Length} bytes, inside a value at offset {_position}");
        }
        var span = _data.Slice(_position, count);
        _position += count;
        return span;
    }
}
