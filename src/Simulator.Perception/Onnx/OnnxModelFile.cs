using System.Text.RegularExpressions;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;

namespace Simulator.Perception.Onnx;

/// <summary>Reads just enough of a ModelProto to explain why ONNX Runtime refused it: empty, not protobuf, or the
/// opsets it imports.</summary>
internal static partial class OnnxModelFile
{
    /// <summary>The error for a model ONNX Runtime refused: its message without the file path and C++ source
    /// location it carries, and what the file itself shows.</summary>
    public static PerceptionModelException LoadFailure(string path, OnnxRuntimeException e)
    {
        string message = CleanMessage(e.Message);
        Match opset = SupportedOpset().Match(message);
        if (opset.Success && ReadOpsetsOrNull(path) is { Count: > 0 } opsets)
        {
            return new PerceptionModelException(path,
                $"unsupported opset: the model imports {Describe(opsets)}; ONNX Runtime {PerceptionInfo.OnnxRuntimeVersion} supports {opset.Groups[1].Value} up to opset {opset.Groups[2].Value}",
                $"export it with an opset ONNX Runtime supports; this project's exporter writes ai.onnx {OnnxGraph.DefaultOpset}", e);
        }
        return new PerceptionModelException(path, $"ONNX Runtime cannot load the model: {message}", Diagnose(path), e);
    }

    internal static string CleanMessage(string message)
    {
        message = message.Trim();
        message = ErrorCodePrefix().Replace(message, "");
        int failed = message.IndexOf(" failed:", StringComparison.Ordinal);
        if (message.StartsWith("Load model from ", StringComparison.Ordinal) && failed > 0)
        {
            message = message[(failed + " failed:".Length)..].Trim();
        }
        return SourceLocation().Replace(message, "");
    }

    private static List<(string Domain, long Version)>? ReadOpsetsOrNull(string path)
    {
        try
        {
            return ReadOpsets(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or InvalidProtocolBufferException)
        {
            return null;
        }
    }

    private static string Describe(List<(string Domain, long Version)> opsets) =>
        string.Join(", ", opsets.Select(o => $"{(o.Domain.Length == 0 ? "ai.onnx" : o.Domain)} opset {o.Version}"));

    [GeneratedRegex(@"^\[ErrorCode:\w+\]\s*")]
    private static partial Regex ErrorCodePrefix();

    /// <summary>"/onnxruntime_src/.../file.h:46 void ns::Function(args) " before the actual message.</summary>
    [GeneratedRegex(@"\S*onnxruntime_src\S*:\d+ [^(]*\(.*?\) (?=[A-Z])")]
    private static partial Regex SourceLocation();

    [GeneratedRegex(@"support for domain (\S+) is till opset (\d+)")]
    private static partial Regex SupportedOpset();

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
        return $"the model imports {Describe(opsets)}; this ONNX Runtime is {PerceptionInfo.OnnxRuntimeVersion}";
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
