using Simulator.Perception.Models;
using Simulator.Perception.Onnx;
using Simulator.Torch;
using static Simulator.Perception.Tests.OnnxTestSupport;

namespace Simulator.Perception.Tests;

/// <summary>Both shipped networks, exported with the image input, give in ONNX Runtime what libtorch gives.</summary>
public class ModelOnnxRoundTripTests
{
    [Fact]
    public void Lane_net_exported_matches_libtorch()
    {
        using var gen = new Generator(21);
        using var net = new LaneNet(gen);
        net.Eval();
        byte[] model = OnnxExport.ToBytes(net, 96, 96, null, LaneNet.OutputNames);
        byte[] frames = RandomBytes(2 * 96 * 96 * 4, 5);
        var actual = RunOrt(model, OnnxExport.InputName, frames, [2, 96, 96, 4]);
        using var scope = TorchScope.Enter();
        using var noGrad = GradMode.NoGrad();
        Tensor expected = net.Forward(PerceptionPreprocess.Forward(Tensor.FromArray(frames, 2, 96, 96, 4)));
        Assert.Single(actual);
        AssertClose(expected, actual[0]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Object_net_exported_matches_libtorch(int width)
    {
        using var gen = new Generator(22);
        using var net = new ObjectNet(gen, width);
        net.Eval();
        byte[] model = OnnxExport.ToBytes(net, 96, 96, null, ObjectNet.OutputNames);
        byte[] frames = RandomBytes(3 * 96 * 96 * 4, 6);
        var actual = RunOrt(model, OnnxExport.InputName, frames, [3, 96, 96, 4]);
        using var scope = TorchScope.Enter();
        using var noGrad = GradMode.NoGrad();
        ObjectHeads heads = net.ForwardHeads(PerceptionPreprocess.Forward(Tensor.FromArray(frames, 3, 96, 96, 4)));
        Assert.Equal(3, actual.Length);
        AssertClose(heads.HeatmapLogits.Sigmoid(), actual[0]);
        AssertClose(heads.BoxSize, actual[1]);
        AssertClose(heads.BoxOffset, actual[2]);
    }

    [Fact]
    public void Exported_models_satisfy_the_contracts()
    {
        using var lane = new LaneNet();
        using var obj = new ObjectNet();
        string dir = Directory.CreateTempSubdirectory("perception-models").FullName;
        try
        {
            string lanePath = Path.Combine(dir, "lanes.onnx"), objPath = Path.Combine(dir, "objects.onnx");
            OnnxExport.Export(lane, 96, 96, lanePath, null, LaneNet.OutputNames);
            OnnxExport.Export(obj, 96, 96, objPath, null, ObjectNet.OutputNames);
            using var l = OnnxModel.Load(lanePath, ModelContract.LaneModel(96, 96), new OnnxRunOptions());
            using var o = OnnxModel.Load(objPath, ModelContract.ObjectModel(96, 96), new OnnxRunOptions());
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
