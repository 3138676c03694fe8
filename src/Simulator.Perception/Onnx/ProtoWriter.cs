using System.Diagnostics.CodeAnalysis;
using Google.Protobuf;

namespace Simulator.Perception.Onnx;

/// <summary>
/// Writes one protobuf message field by field with Google.Protobuf's wire-level API. Nested messages are written
/// into their own writer first and then embedded as a length-delimited field (the exporter's graphs are small).
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "Both fields only wrap managed memory: nothing to release.")]
internal sealed class ProtoWriter
{
    private readonly MemoryStream _buffer = new();
    private readonly CodedOutputStream _out;

    public ProtoWriter() => _out = new CodedOutputStream(_buffer, leaveOpen: true);

    public ProtoWriter Int64(int field, long value)
    {
        _out.WriteTag(field, WireFormat.WireType.Varint);
        _out.WriteInt64(value);
        return this;
    }

    public ProtoWriter Int32(int field, int value)
    {
        _out.WriteTag(field, WireFormat.WireType.Varint);
        _out.WriteInt32(value);
        return this;
    }

    public ProtoWriter Float(int field, float value)
    {
        _out.WriteTag(field, WireFormat.WireType.Fixed32);
        _out.WriteFloat(value);
        return this;
    }

    public ProtoWriter String(int field, string value)
    {
        _out.WriteTag(field, WireFormat.WireType.LengthDelimited);
        _out.WriteString(value);
        return this;
    }

    public ProtoWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        _out.WriteTag(field, WireFormat.WireType.LengthDelimited);
        _out.WriteBytes(ByteString.CopyFrom(value));
        return this;
    }

    /// <summary>A repeated int64 field, packed (one length-delimited run of varints).</summary>
    public ProtoWriter PackedInt64(int field, ReadOnlySpan<long> values)
    {
        int length = 0;
        foreach (long v in values)
        {
            length += CodedOutputStream.ComputeInt64Size(v);
        }
        _out.WriteTag(field, WireFormat.WireType.LengthDelimited);
        _out.WriteLength(length);
        foreach (long v in values)
        {
            _out.WriteInt64(v);
        }
        return this;
    }

    public ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message.ToArray());

    public byte[] ToArray()
    {
        _out.Flush();
        return _buffer.ToArray();
    }
}
