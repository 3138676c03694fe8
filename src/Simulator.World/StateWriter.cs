using System.Buffers.Binary;

namespace Simulator.World;

/// <summary>
/// Growable little-endian buffer for checkpoints (<see cref="IStateful"/>). Reused between saves: once it has grown
/// to a world's size, writing allocates nothing.
/// </summary>
public sealed class StateWriter
{
    private byte[] _buffer;
    private int _length;

    public StateWriter(int initialCapacity = 1024) => _buffer = new byte[Math.Max(initialCapacity, 16)];

    /// <summary>Bytes written since the last <see cref="Clear"/>.</summary>
    public int Length => _length;

    public ReadOnlySpan<byte> Written => new(_buffer, 0, _length);

    /// <summary>The written bytes, writable (for a header patched after the body, such as a length or checksum).</summary>
    public Span<byte> WrittenMutable => new(_buffer, 0, _length);

    public void Clear() => _length = 0;

    public void WriteByte(byte value) => Take(1)[0] = value;

    public void WriteBool(bool value) => Take(1)[0] = value ? (byte)1 : (byte)0;

    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Take(2), value);

    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Take(4), value);

    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Take(4), value);

    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Take(8), value);

    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Take(8), value);

    /// <summary>The exact bits (NaN payloads and −0 included).</summary>
    public void WriteDouble(double value) => WriteInt64(BitConverter.DoubleToInt64Bits(value));

    public void WriteSingle(float value) => WriteInt32(BitConverter.SingleToInt32Bits(value));

    public void WriteBytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Take(bytes.Length));

    private Span<byte> Take(int count)
    {
        if (_buffer.Length - _length < count)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        }
        var span = new Span<byte>(_buffer, _length, count);
        _length += count;
        return span;
    }
}
