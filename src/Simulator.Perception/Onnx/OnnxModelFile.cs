using Google.Protobuf;

namespace Simulator.Perception.Onnx;

/// <summary>Reads just enough of a ModelProto to explain why ONNX Runtime refused it: empty, not protobuf, or the
/// opsets it imports.</summary>
internal static class OnnxModelFile
{
    public static string Diagnose(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException e)
        {
            return $"cannot read it: {e.Message}";
        }
        if (bytes.Length == 0)
        {
            return "the file is empty";
        }
        List<(string Domain, long Version)> opsets;
        try
        {
            opsets = ReadOpsets(bytes);
        }
        catch (InvalidProtocolBufferException)
        {
            return $"the file ({bytes.Length} bytes) is not a complete ONNX model: damaged, truncated or another format";
        }
        if (opsets.Count == 0)
        {
            return "the file declares no opset: not an ONNX model, or damaged";
        }
        string declared = string.Join(", ", opsets.Select(o => $"{(o.Domain.Length == 0 ? "ai.onnx" : o.Domain)} {o.Version}"));
        return $"the model imports opset {declared}; this ONNX Runtime is {PerceptionInfo.OnnxRuntimeVersion}, the exporter writes ai.onnx {OnnxGraph.DefaultOpset}";
    }

    /// <summary>ModelProto.opset_import entries; throws <see cref="InvalidProtocolBufferException"/> on bytes that
    /// are not a well-formed message.</summary>
    public static List<(string Domain, long Version)> ReadOpsets(byte[] bytes)
    {
        var result = new List<(string, long)>();
        var input = new CodedInputStream(bytes);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == OnnxProto.Model.OpsetImport && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                var entry = new CodedInputStream(input.ReadBytes().ToByteArray());
                string domain = "";
                long version = 0;
                uint inner;
                while ((inner = entry.ReadTag()) != 0)
                {
                    switch (WireFormat.GetTagFieldNumber(inner))
                    {
                        case OnnxProto.OperatorSetId.Domain when WireFormat.GetTagWireType(inner) == WireFormat.WireType.LengthDelimited:
                            domain = entry.ReadString();
                            break;
                        case OnnxProto.OperatorSetId.Version when WireFormat.GetTagWireType(inner) == WireFormat.WireType.Varint:
                            version = entry.ReadInt64();
                            break;
                        default:
                            entry.SkipLastField();
                            break;
                    }
                }
                result.Add((domain, version));
            }
            else
            {
                input.SkipLastField();
            }
        }
        return result;
    }
}
