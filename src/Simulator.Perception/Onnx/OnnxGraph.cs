using System.Globalization;
using System.Runtime.InteropServices;
using Simulator.Core;
using Simulator.Torch;

namespace Simulator.Perception.Onnx;

/// <summary>
/// Builds an ONNX model (opset 17, IR version 8) from C# calls: each op method adds a node and returns the name of
/// its output value, weights become initializers. <see cref="ToBytes"/> writes the ModelProto with Google.Protobuf's
/// wire-level API; ONNX Runtime loading and running it is the judge of its correctness.
/// </summary>
public sealed partial class OnnxGraph
{
    /// <summary>ModelProto.ir_version written (IR version 8 = ONNX 1.10+, read by every current runtime).</summary>
    public const long IrVersion = 8;
    public const int DefaultOpset = 17;
    public const string ProducerName = "Simulator.Perception";
    /// <summary>Exporter version, raised when the emitted graphs change.</summary>
    public const string ProducerVersion = "1";

    private readonly List<byte[]> _nodes = [];
    private readonly List<byte[]> _initializers = [];
    private readonly List<byte[]> _inputs = [];
    private readonly List<byte[]> _outputs = [];
    private readonly List<KeyValuePair<string, string>> _metadata = [];
    private readonly HashSet<string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _outputNames = new(StringComparer.Ordinal);
    private int _nextId;

    public OnnxGraph(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    public string Name { get; }
    public int NodeCount => _nodes.Count;

    /// <summary>Whether <paramref name="name"/> is already a declared graph output.</summary>
    public bool IsOutput(string name) => _outputNames.Contains(name);

    /// <summary>Declares a graph input; <paramref name="dims"/> are numbers ("96") or symbolic names ("N").</summary>
    public string Input(string name, OnnxElementType type, params string[] dims)
    {
        Declare(name);
        _inputs.Add(ValueInfo(name, type, dims).ToArray());
        return name;
    }

    /// <summary>Marks <paramref name="x"/> as a graph output called <paramref name="name"/> (an Identity node
    /// renames it when the names differ).</summary>
    public void Output(string name, string x, OnnxElementType type, params string[] dims)
    {
        Require(x);
        if (!_outputNames.Add(name))
        {
            throw new ArgumentException($"output '{name}' is declared twice", nameof(name));
        }
        if (name != x)
        {
            Declare(name);
            AddNode("Identity", [x], [name], []);
        }
        _outputs.Add(ValueInfo(name, type, dims).ToArray());
    }

    /// <summary>A model-level key/value (ModelProto.metadata_props); ONNX Runtime exposes them as the custom
    /// metadata map.</summary>
    public void Metadata(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        foreach (var pair in _metadata)
        {
            if (pair.Key == key)
            {
                throw new ArgumentException($"metadata key '{key}' is set twice", nameof(key));
            }
        }
        _metadata.Add(new(key, value));
    }

    /// <summary>The serialized ModelProto.</summary>
    public byte[] ToBytes(int opset = DefaultOpset)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(opset, 1);
        if (_inputs.Count == 0 || _outputs.Count == 0)
        {
            throw new InvalidOperationException($"graph '{Name}' needs at least one input and one output");
        }
        var graph = new ProtoWriter();
        foreach (byte[] node in _nodes)
        {
            graph.Bytes(OnnxProto.Graph.Node, node);
        }
        graph.String(OnnxProto.Graph.Name, Name);
        foreach (byte[] init in _initializers)
        {
            graph.Bytes(OnnxProto.Graph.Initializer, init);
        }
        foreach (byte[] input in _inputs)
        {
            graph.Bytes(OnnxProto.Graph.Input, input);
        }
        foreach (byte[] output in _outputs)
        {
            graph.Bytes(OnnxProto.Graph.Output, output);
        }

        var model = new ProtoWriter()
            .Int64(OnnxProto.Model.IrVersion, IrVersion)
            .String(OnnxProto.Model.ProducerName, ProducerName)
            .String(OnnxProto.Model.ProducerVersion, ProducerVersion)
            .Message(OnnxProto.Model.Graph, graph)
            .Message(OnnxProto.Model.OpsetImport, new ProtoWriter()
                .String(OnnxProto.OperatorSetId.Domain, "")
                .Int64(OnnxProto.OperatorSetId.Version, opset));
        foreach (var pair in _metadata)
        {
            model.Message(OnnxProto.Model.MetadataProps, new ProtoWriter()
                .String(OnnxProto.StringStringEntry.Key, pair.Key)
                .String(OnnxProto.StringStringEntry.Value, pair.Value));
        }
        return model.ToArray();
    }

    /// <summary>Writes the model atomically (temp file beside the target, then rename).</summary>
    public void Save(string path, int opset = DefaultOpset) => SafeFile.WriteAllBytes(path, ToBytes(opset), createFolder: true);

    private string NewName(string op)
    {
        string name = $"{op.ToLowerInvariant()}_{_nextId.ToString(CultureInfo.InvariantCulture)}";
        _nextId++;
        Declare(name);
        return name;
    }

    private void Declare(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!_values.Add(name))
        {
            throw new ArgumentException($"value '{name}' already exists in graph '{Name}'", nameof(name));
        }
    }

    private void Require(string name)
    {
        if (!_values.Contains(name))
        {
            throw new ArgumentException($"value '{name}' is not defined in graph '{Name}'", nameof(name));
        }
    }

    private string AddNode(string op, string[] inputs, string[] outputs, ProtoWriter[] attributes)
    {
        var node = new ProtoWriter();
        foreach (string input in inputs)
        {
            if (input.Length > 0)
            {
                Require(input);
            }
            node.String(OnnxProto.Node.Input, input);
        }
        foreach (string output in outputs)
        {
            node.String(OnnxProto.Node.Output, output);
        }
        node.String(OnnxProto.Node.Name, outputs[0]);
        node.String(OnnxProto.Node.OpType, op);
        foreach (var attribute in attributes)
        {
            node.Message(OnnxProto.Node.Attribute, attribute);
        }
        _nodes.Add(node.ToArray());
        return outputs[0];
    }

    private string Node(string op, string[] inputs, params ProtoWriter[] attributes) => AddNode(op, inputs, [NewName(op)], attributes);

    /// <summary>A float32 initializer from a CPU tensor (copied now: later training does not change the graph).</summary>
    private string Initializer(string name, Tensor value)
    {
        using Tensor cpu = value.Device == Device.Cpu ? value.Detach() : value.Detach().To(Device.Cpu);
        if (cpu.DType != DType.Float32)
        {
            throw new ArgumentException($"initializer '{name}' is {cpu.DType}; the exporter writes float32 weights", nameof(value));
        }
        return Initializer(name, cpu.ToArray<float>(), cpu.Shape);
    }

    private string Initializer(string name, float[] data, long[] dims)
    {
        Declare(name);
        _initializers.Add(new ProtoWriter()
            .PackedInt64(OnnxProto.Tensor.Dims, dims)
            .Int32(OnnxProto.Tensor.DataType, (int)OnnxElementType.Float)
            .String(OnnxProto.Tensor.Name, name)
            .Bytes(OnnxProto.Tensor.RawData, MemoryMarshal.AsBytes(data.AsSpan()))
            .ToArray());
        return name;
    }

    private string Initializer(string name, long[] data)
    {
        Declare(name);
        _initializers.Add(new ProtoWriter()
            .PackedInt64(OnnxProto.Tensor.Dims, [data.Length])
            .Int32(OnnxProto.Tensor.DataType, (int)OnnxElementType.Int64)
            .String(OnnxProto.Tensor.Name, name)
            .Bytes(OnnxProto.Tensor.RawData, MemoryMarshal.AsBytes(data.AsSpan()))
            .ToArray());
        return name;
    }

    private static ProtoWriter ValueInfo(string name, OnnxElementType type, string[] dims)
    {
        var shape = new ProtoWriter();
        foreach (string dim in dims)
        {
            var d = new ProtoWriter();
            if (long.TryParse(dim, NumberStyles.None, CultureInfo.InvariantCulture, out long value))
            {
                d.Int64(OnnxProto.Dimension.DimValue, value);
            }
            else
            {
                ArgumentException.ThrowIfNullOrWhiteSpace(dim, nameof(dims));
                d.String(OnnxProto.Dimension.DimParam, dim);
            }
            shape.Message(OnnxProto.TensorShape.Dim, d);
        }
        var tensorType = new ProtoWriter()
            .Int32(OnnxProto.TensorType.ElemType, (int)type)
            .Message(OnnxProto.TensorType.Shape, shape);
        return new ProtoWriter()
            .String(OnnxProto.ValueInfo.Name, name)
            .Message(OnnxProto.ValueInfo.Type, new ProtoWriter().Message(OnnxProto.TypeProto.TensorType, tensorType));
    }

    private static ProtoWriter IntAttribute(string name, long value) => new ProtoWriter()
        .String(OnnxProto.Attribute.Name, name)
        .Int64(OnnxProto.Attribute.I, value)
        .Int32(OnnxProto.Attribute.Type, OnnxProto.Attribute.TypeInt);

    private static ProtoWriter IntsAttribute(string name, params long[] values) => new ProtoWriter()
        .String(OnnxProto.Attribute.Name, name)
        .PackedInt64(OnnxProto.Attribute.Ints, values)
        .Int32(OnnxProto.Attribute.Type, OnnxProto.Attribute.TypeInts);
}
