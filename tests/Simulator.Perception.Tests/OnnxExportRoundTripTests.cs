using Simulator.Perception.Onnx;
using Simulator.Torch;
using Simulator.Torch.Modules;
using static Simulator.Perception.Tests.OnnxTestSupport;

namespace Simulator.Perception.Tests;

/// <summary>Each op the exporter writes, run by ONNX Runtime, equals the libtorch forward within 1e-5.</summary>
public class OnnxExportRoundTripTests
{
    /// <summary>One op on a float input [2, C, H, W]: ONNX Runtime vs libtorch.</summary>
    private static void RoundTrip(long channels, long height, long width, Func<OnnxGraph, string, string> emit, Func<Tensor, Tensor> torch, int seed = 1)
    {
        long[] shape = [2, channels, height, width];
        float[] input = RandomFloats((int)(2 * channels * height * width), seed, 2f);
        var g = new OnnxGraph("op");
        string x = g.Input("x", OnnxElementType.Float, "N", $"{channels}", $"{height}", $"{width}");
        g.Output("y", emit(g, x), OnnxElementType.Float, "N", "C", "H", "W");
        var actual = RunOrt(g.ToBytes(), "x", input, shape);

        using var scope = TorchScope.Enter();
        using var noGrad = GradMode.NoGrad();
        Tensor expected = torch(Tensor.FromArray(input, shape));
        Assert.Single(actual);
        AssertClose(expected, actual[0]);
    }

    [Theory]
    [InlineData(3, 8, 3, 1, 1, true, 12, 12)]
    [InlineData(3, 8, 3, 2, 1, true, 12, 12)]
    [InlineData(4, 6, 5, 2, 2, true, 13, 11)]
    [InlineData(5, 7, 1, 1, 0, true, 9, 10)]
    [InlineData(3, 4, 4, 3, 0, false, 17, 14)]
    [InlineData(2, 3, 3, 1, 0, false, 7, 7)]
    public void Conv_matches_libtorch(int cin, int cout, int k, int stride, int pad, bool bias, int h, int w)
    {
        using var gen = new Generator(11);
        using var conv = new Conv2d(cin, cout, k, stride, pad, bias, gen);
        RoundTrip(cin, h, w, (g, x) => g.Conv(x, conv), conv.Forward);
    }

    [Theory]
    [InlineData(8, 4, 2, 2, 0, true, 6, 6)]
    [InlineData(6, 3, 3, 2, 1, true, 7, 5)]
    [InlineData(4, 4, 4, 2, 1, false, 6, 8)]
    [InlineData(5, 2, 3, 1, 1, true, 9, 9)]
    [InlineData(3, 5, 5, 3, 2, false, 4, 5)]
    public void ConvTranspose_matches_libtorch(int cin, int cout, int k, int stride, int pad, bool bias, int h, int w)
    {
        using var gen = new Generator(12);
        using var deconv = new ConvTranspose2d(cin, cout, k, stride, pad, bias, gen);
        RoundTrip(cin, h, w, (g, x) => g.ConvTranspose(x, deconv), deconv.Forward);
    }

    [Fact]
    public void Relu_matches_libtorch() => RoundTrip(3, 5, 7, (g, x) => g.Relu(x), t => t.Relu());

    [Fact]
    public void Sigmoid_matches_libtorch() => RoundTrip(3, 5, 7, (g, x) => g.Sigmoid(x), t => t.Sigmoid());

    [Fact]
    public void Add_matches_libtorch()
    {
        using var gen = new Generator(13);
        using var conv = new Conv2d(4, 4, 3, 1, 1, generator: gen);
        RoundTrip(4, 6, 6, (g, x) => g.Add(g.Conv(x, conv), x), t => conv.Forward(t).Add(t));
    }

    [Fact]
    public void Concat_matches_libtorch()
    {
        using var gen = new Generator(14);
        using var conv = new Conv2d(3, 5, 3, 1, 1, generator: gen);
        RoundTrip(3, 6, 5, (g, x) => g.Concat(1, x, g.Conv(x, conv), x), t =>
        {
            Tensor c = conv.Forward(t);
            return Tensor.Cat([t, c, t], 1);
        });
    }

    [Theory]
    [InlineData(2, 2, 0, 8, 8)]
    [InlineData(3, 2, 1, 9, 7)]
    [InlineData(3, 1, 1, 5, 6)]
    [InlineData(2, 3, 0, 11, 10)]
    public void MaxPool_matches_libtorch(int k, int stride, int pad, int h, int w) =>
        RoundTrip(3, h, w, (g, x) => g.MaxPool(x, k, stride, pad), t => Functional.MaxPool2d(t, k, stride, pad));

    [Fact]
    public void Preprocess_matches_libtorch()
    {
        const int n = 3, h = 10, w = 7;
        byte[] frames = RandomBytes(n * h * w * 4, 5);
        var g = new OnnxGraph("preprocess");
        string image = g.Input("image", OnnxElementType.UInt8, "N", $"{h}", $"{w}", "4");
        g.Output("y", g.Preprocess(image), OnnxElementType.Float, "N", "3", $"{h}", $"{w}");
        var actual = RunOrt(g.ToBytes(), "image", frames, [n, h, w, 4]);

        using var scope = TorchScope.Enter();
        Tensor expected = PerceptionPreprocess.Forward(Tensor.FromArray(frames, n, h, w, 4));
        AssertClose(expected, actual[0], 0f);
        // Pixel (frame 1, row 2, column 3), green channel: the layout is NCHW and the scale 1/255.
        float green = frames[((1 * h + 2) * w + 3) * 4 + 1] / 255f;
        Assert.Equal(green, actual[0].Data[((1 * 3 + 1) * h + 2) * w + 3], 6);
    }

    [Fact]
    public void Reference_network_exported_with_image_input_matches_libtorch()
    {
        using var gen = new Generator(21);
        using var net = new ReferencePerceptionNet(generator: gen);
        net.Eval();
        byte[] model = OnnxExport.ToBytes(net, 16, 12, new Dictionary<string, string> { ["kind"] = "test" }, [ReferencePerceptionNet.OutputName]);
        byte[] frames = RandomBytes(2 * 16 * 12 * 4, 6);
        var actual = RunOrt(model, OnnxExport.InputName, frames, [2, 16, 12, 4]);

        using var scope = TorchScope.Enter();
        using var noGrad = GradMode.NoGrad();
        Tensor expected = net.Forward(PerceptionPreprocess.Forward(Tensor.FromArray(frames, 2, 16, 12, 4)));
        Assert.Equal([2L, 3, 16, 12], expected.Shape);
        AssertClose(expected, actual[0]);
    }

    [Fact]
    public void Export_at_a_size_the_network_cannot_run_says_so()
    {
        using var gen = new Generator(23);
        using var net = new ReferencePerceptionNet(generator: gen);
        var e = Assert.Throws<ArgumentException>(() => OnnxExport.ToBytes(net, 18, 18));
        Assert.Contains("does not run on 18x18 frames", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_head_network_exports_named_outputs_with_their_shapes_and_matches_libtorch()
    {
        using var gen = new Generator(22);
        using var net = new TwoHeadNet(gen);
        net.Eval();
        string path = TempPath("two-head.onnx");
        try
        {
            OnnxExport.Export(net, 16, 20, path, new Dictionary<string, string> { ["model"] = "two-head", ["classes"] = "2" }, ["heatmap", "features"]);
            using var model = OnnxModel.Load(path, new ModelContract([ModelContract.Image(16, 20)],
            [
                new("heatmap", OnnxElementType.Float, TensorContract.Dynamic, 2, 4, 5),
                new("features", OnnxElementType.Float, TensorContract.Dynamic, 7, 8, 10),
            ]));
            Assert.Equal("two-head", model.Metadata["model"]);
            Assert.Equal("2", model.Metadata["classes"]);

            byte[] frames = RandomBytes(3 * 16 * 20 * 4, 7);
            var actual = RunOrt(File.ReadAllBytes(path), OnnxExport.InputName, frames, [3, 16, 20, 4]);
            using var scope = TorchScope.Enter();
            using var noGrad = GradMode.NoGrad();
            Tensor[] expected = net.ForwardAll(PerceptionPreprocess.Forward(Tensor.FromArray(frames, 3, 16, 20, 4)));
            AssertClose(expected[0], actual[0]);
            AssertClose(expected[1], actual[1]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Save_writes_the_same_bytes_as_ToBytes_and_leaves_no_temporary_file()
    {
        var g = new OnnxGraph("save");
        string x = g.Input("x", OnnxElementType.Float, "N", "2");
        g.Output("y", g.Relu(x), OnnxElementType.Float, "N", "2");
        string folder = TempPath("save");
        string path = Path.Combine(folder, "m.onnx");
        try
        {
            g.Save(path);
            Assert.Equal(g.ToBytes(), File.ReadAllBytes(path));
            Assert.Equal(["m.onnx"], Directory.GetFiles(folder).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void Model_header_reads_back_in_onnx_runtime_and_in_the_opset_reader()
    {
        var g = new OnnxGraph("header");
        string x = g.Input("x", OnnxElementType.Float, "N", "2");
        g.Output("y", g.Sigmoid(x), OnnxElementType.Float, "N", "2");
        g.Metadata("source", "unit test");
        byte[] bytes = g.ToBytes(15);
        Assert.Equal([("", 15L)], Simulator.Perception.Onnx.OnnxModelFile.ReadOpsets(bytes));
        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(bytes);
        Assert.Equal(OnnxGraph.ProducerName, session.ModelMetadata.ProducerName);
        Assert.Equal("header", session.ModelMetadata.GraphName);
        Assert.Equal("unit test", session.ModelMetadata.CustomMetadataMap["source"]);
        Assert.Equal([-1, 2], session.InputMetadata["x"].Dimensions);
        Assert.Equal(["N", ""], session.InputMetadata["x"].SymbolicDimensions);
    }

    [Fact]
    public void Graph_rejects_undefined_and_duplicate_values()
    {
        var g = new OnnxGraph("bad");
        string x = g.Input("x", OnnxElementType.Float, "N", "2");
        Assert.Throws<ArgumentException>(() => g.Relu("nope"));
        Assert.Throws<ArgumentException>(() => g.Input("x", OnnxElementType.Float, "N"));
        g.Output("y", g.Relu(x), OnnxElementType.Float, "N", "2");
        Assert.Throws<ArgumentException>(() => g.Output("y", x, OnnxElementType.Float, "N", "2"));
        Assert.Throws<ArgumentException>(() => { g.Metadata("k", "1"); g.Metadata("k", "2"); });
    }
}

/// <summary>A small network with two outputs: a stride-4 sigmoid heatmap (MaxPool, Concat, Conv) and a
/// stride-2 feature map through a transposed convolution with a skip connection.</summary>
internal sealed class TwoHeadNet : Module, IOnnxExportable
{
    private readonly Conv2d _stem;
    private readonly Conv2d _down;
    private readonly Conv2d _heat;
    private readonly ConvTranspose2d _up;
    private readonly Conv2d _features;

    public TwoHeadNet(Generator gen)
    {
        _stem = RegisterModule("stem", new Conv2d(3, 6, 3, 1, 1, generator: gen));
        _down = RegisterModule("down", new Conv2d(6, 6, 3, 2, 1, generator: gen));
        _heat = RegisterModule("heat", new Conv2d(12, 2, 1, generator: gen));
        _up = RegisterModule("up", new ConvTranspose2d(12, 6, 4, 2, 1, generator: gen));
        _features = RegisterModule("features", new Conv2d(12, 7, 3, 1, 1, bias: false, generator: gen));
    }

    public override Tensor Forward(Tensor input) => ForwardAll(input)[0];

    public Tensor[] ForwardAll(Tensor input)
    {
        Tensor s = _stem.Forward(input).Relu();                                   // [6, H, W]
        Tensor d = _down.Forward(s).Relu();                                       // [6, H/2, W/2]
        Tensor p = Functional.MaxPool2d(s, 2, 2);                                 // [6, H/2, W/2]
        Tensor cat = Tensor.Cat([d, p], 1);                                       // [12, H/2, W/2]
        Tensor heat = _heat.Forward(Functional.MaxPool2d(cat, 3, 2, 1)).Sigmoid(); // [2, H/4, W/4]
        Tensor up = _up.Forward(cat).Add(s).Relu();                               // [6, H, W]
        Tensor features = _features.Forward(Tensor.Cat([Functional.MaxPool2d(up, 2, 2), d], 1)); // [7, H/2, W/2]
        return [heat, features];
    }

    public string[] EmitOnnx(OnnxGraph g, string x)
    {
        string s = g.Relu(g.Conv(x, _stem));
        string d = g.Relu(g.Conv(s, _down));
        string p = g.MaxPool(s, 2, 2, 0);
        string cat = g.Concat(1, d, p);
        string heat = g.Sigmoid(g.Conv(g.MaxPool(cat, 3, 2, 1), _heat));
        string up = g.Relu(g.Add(g.ConvTranspose(cat, _up), s));
        string features = g.Conv(g.Concat(1, g.MaxPool(up, 2, 2, 0), d), _features);
        g.Output("heatmap", heat, OnnxElementType.Float, "N", "2", "4", "5");
        return ["heatmap", features];
    }
}
