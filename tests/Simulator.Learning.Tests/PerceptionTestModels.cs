using Simulator.Driving.Cameras;
using Simulator.Driving.Runtime;
using Simulator.Driving.Scenes;
using Simulator.Learning.Driving;
using Simulator.Perception.Onnx;
using Simulator.Torch;
using Simulator.Torch.Modules;

namespace Simulator.Learning.Tests;

/// <summary>
/// Small untrained perception models that follow model convention v1 (the lane model: the reference
/// encoder-decoder; the object model: a stride-4 centre-point head), exported by the project's exporter into a
/// temporary folder, and generated tracks whose ego has the front camera at the models' size.
/// </summary>
internal sealed class PerceptionTestModels : IDisposable
{
    public const int Size = 32;

    public PerceptionTestModels(int seed = 3)
    {
        Folder = Path.Combine(Path.GetTempPath(), $"sim-learning-perception-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Folder);
        using var g = new Generator((ulong)seed);
        using (var lanes = new ReferencePerceptionNet(generator: g))
        {
            lanes.Eval();
            OnnxExport.Export(lanes, Size, Size, Path.Combine(Folder, "lanes.onnx"), outputNames: [ReferencePerceptionNet.OutputName]);
        }
        using (var objects = new TinyObjectNet(g))
        {
            objects.Eval();
            OnnxExport.Export(objects, Size, Size, Path.Combine(Folder, "objects.onnx"), outputNames: ["heatmap", "box_size", "box_offset"]);
        }
    }

    public string Folder { get; }

    /// <summary>Settings with the model paths relative to <see cref="Folder"/> (pass it as the perception root).</summary>
    public PerceptionSettings Settings(bool pixels) => new() { LaneModel = "lanes.onnx", ObjectModel = "objects.onnx", Pixels = pixels };

    public static SensorSpec Camera => CameraSetups.Front(Size, Size);

    /// <summary>A short generated track whose ego has the default vector sensors and <paramref name="camera"/>.</summary>
    public static CompiledScene Track(ulong seed, SensorSpec? camera = null, double timeLimit = 3)
    {
        var description = SceneGenerator.Describe(seed, new SceneGeneratorOptions { Length = 400, TimeLimit = timeLimit });
        return SceneCompiler.Compile(CameraSetups.WithCamera(description, camera ?? Camera));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Centre-point heads at stride 4: heatmap (5 classes, sigmoid), box size and box offset.</summary>
    private sealed class TinyObjectNet : Module, IOnnxExportable
    {
        private readonly Conv2d _down1;
        private readonly Conv2d _down2;
        private readonly Conv2d _heat;
        private readonly Conv2d _size;
        private readonly Conv2d _offset;

        public TinyObjectNet(Generator g)
        {
            _down1 = RegisterModule("down1", new Conv2d(3, 8, 3, stride: 2, padding: 1, generator: g));
            _down2 = RegisterModule("down2", new Conv2d(8, 8, 3, stride: 2, padding: 1, generator: g));
            _heat = RegisterModule("heat", new Conv2d(8, 5, 1, generator: g));
            _size = RegisterModule("size", new Conv2d(8, 2, 1, generator: g));
            _offset = RegisterModule("offset", new Conv2d(8, 2, 1, generator: g));
        }

        /// <summary>[heatmap probabilities, box size, box offset] along the channels.</summary>
        public override Tensor Forward(Tensor input)
        {
            using var scope = TorchScope.Enter();
            Tensor x = _down2.Forward(_down1.Forward(input).Relu()).Relu();
            return Tensor.Cat([_heat.Forward(x).Sigmoid(), _size.Forward(x), _offset.Forward(x)], 1).MoveOut();
        }

        public string[] EmitOnnx(OnnxGraph g, string preprocessedInput)
        {
            string x = g.Relu(g.Conv(g.Relu(g.Conv(preprocessedInput, _down1, "down1")), _down2, "down2"));
            return [g.Sigmoid(g.Conv(x, _heat, "heat")), g.Conv(x, _size, "size"), g.Conv(x, _offset, "offset")];
        }
    }
}
