using Microsoft.ML.OnnxRuntime;
using Simulator.Core;
using Simulator.Perception.Onnx;
using Simulator.Torch;
using static Simulator.Perception.Tests.OnnxTestSupport;

namespace Simulator.Perception.Tests;

/// <summary>Models that do not load or do not follow the contract fail at load with one clear message naming the file,
/// what was expected and what the model has.</summary>
public sealed class OnnxModelLoadTests : IDisposable
{
    private const int Side = 8;
    private readonly string _folder = TempPath("load");

    public OnnxModelLoadTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, true);

    private static ModelContract Lanes => ModelContract.LaneModel(Side, Side);

    /// <summary>A lane model (uint8 image → lane_logits [N,3,8,8]) with the given names, types and dims.</summary>
    private static byte[] LaneModel(string outputName = "lane_logits", int classes = 3, OnnxElementType inputType = OnnxElementType.UInt8,
        string batch = "N", string? extraOutput = null, int opset = OnnxGraph.DefaultOpset)
    {
        using var gen = new Generator(3);
        using var conv = new Simulator.Torch.Modules.Conv2d(3, classes, 1, generator: gen);
        var g = new OnnxGraph("lanes");
        string image = g.Input("image", inputType, batch, $"{Side}", $"{Side}", "4");
        if (inputType != OnnxElementType.UInt8)
        {
            // Not convention-conform on purpose: float frames in, passed through.
            g.Output(outputName, g.Relu(image), OnnxElementType.Float, batch, $"{Side}", $"{Side}", "4");
            return g.ToBytes(opset);
        }
        string logits = g.Conv(g.Preprocess(image), conv);
        g.Output(outputName, logits, OnnxElementType.Float, batch, $"{classes}", $"{Side}", $"{Side}");
        if (extraOutput is not null)
        {
            g.Output(extraOutput, g.Relu(logits), OnnxElementType.Float, batch, $"{classes}", $"{Side}", $"{Side}");
        }
        return g.ToBytes(opset);
    }

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static PerceptionModelException LoadFails(string path, ModelContract contract, OnnxRunOptions? options = null)
    {
        var e = Assert.Throws<PerceptionModelException>(() => OnnxModel.Load(path, contract, options).Dispose());
        Assert.Equal(path, e.File);
        Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, e.ExitCode);
        return e;
    }

    [Fact]
    public void A_model_that_follows_the_contract_loads()
    {
        using var model = OnnxModel.Load(Write("good.onnx", LaneModel()), Lanes);
        Assert.Equal([TensorContract.Dynamic, Side, Side, 4], model.Input.Dims);
        Assert.Equal(OnnxElementType.UInt8, model.Input.ElementType);
        Assert.Equal("lane_logits", Assert.Single(model.Outputs).Name);
    }

    [Fact]
    public void Missing_file()
    {
        var e = LoadFails(Path.Combine(_folder, "absent.onnx"), Lanes);
        Assert.Contains("not found", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_bytes()
    {
        var e = LoadFails(Write("garbage.onnx", RandomBytes(4096, 9)), Lanes);
        Assert.Contains("cannot load", e.Message, StringComparison.Ordinal);
        Assert.IsType<OnnxRuntimeException>(e.InnerException);
    }

    [Fact]
    public void Empty_file()
    {
        var e = LoadFails(Write("empty.onnx", []), Lanes);
        Assert.Contains("empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_file()
    {
        byte[] good = LaneModel();
        var e = LoadFails(Write("truncated.onnx", good[..(good.Length * 2 / 3)]), Lanes);
        Assert.Contains("cannot load", e.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_opset()
    {
        var e = LoadFails(Write("opset99.onnx", LaneModel(opset: 99)), Lanes);
        Assert.Contains("unsupported opset: the model imports ai.onnx opset 99; ONNX Runtime 1.31", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("onnxruntime_src", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Float_input_where_uint8_is_expected()
    {
        var e = LoadFails(Write("float-input.onnx", LaneModel(inputType: OnnxElementType.Float)), Lanes);
        Assert.Contains("input 'image': expected uint8 [N,8,8,4], the model has float [N,8,8,4]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fixed_batch_axis()
    {
        var e = LoadFails(Write("batch1.onnx", LaneModel(batch: "1")), Lanes);
        Assert.Contains("expected uint8 [N,8,8,4], the model has uint8 [1,8,8,4]", e.Message, StringComparison.Ordinal);
        Assert.Contains("batch axis N must be dynamic", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_output_shape()
    {
        var e = LoadFails(Write("two-classes.onnx", LaneModel(classes: 2)), Lanes);
        Assert.Contains("output 'lane_logits': expected float [N,3,8,8], the model has float [N,2,8,8]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_output()
    {
        var e = LoadFails(Write("renamed.onnx", LaneModel(outputName: "logits")), Lanes);
        Assert.Contains("output 'lane_logits' is missing", e.Message, StringComparison.Ordinal);
        Assert.Contains("the model has 'logits' float [N,3,8,8]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_output()
    {
        string path = Write("extra.onnx", LaneModel(extraOutput: "debug"));
        var e = LoadFails(path, Lanes);
        Assert.Contains("unknown output 'debug'", e.Message, StringComparison.Ordinal);
        Assert.Contains("expected outputs 'lane_logits' float [N,3,8,8]", e.Message, StringComparison.Ordinal);
        // A contract that allows extra outputs takes it, after the contract's own.
        using var model = OnnxModel.Load(path, Lanes with { AllowExtraOutputs = true });
        Assert.Equal(["lane_logits", "debug"], model.Outputs.Select(o => o.Name));
    }

    [Fact]
    public void Dml_on_this_machine_lists_the_available_providers()
    {
        string[] available = OrtEnv.Instance().GetAvailableProviders();
        Assert.DoesNotContain("DmlExecutionProvider", available); // DirectML is Windows-only and not in this package
        var e = LoadFails(Write("good.onnx", LaneModel()), Lanes, new OnnxRunOptions { Provider = ExecutionProvider.Dml });
        Assert.Contains("'dml'", e.Message, StringComparison.Ordinal);
        Assert.Contains("available providers: " + string.Join(", ", available), e.Message, StringComparison.Ordinal);
        Assert.Contains("CPUExecutionProvider", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cuda_without_the_cuda_provider_lists_the_available_providers()
    {
        string[] available = OrtEnv.Instance().GetAvailableProviders();
        string path = Write("good.onnx", LaneModel());
        var options = new OnnxRunOptions { Provider = ExecutionProvider.Cuda };
        if (available.Contains("CUDAExecutionProvider"))
        {
            using var model = OnnxModel.Load(path, Lanes, options); // a GPU build: it must load
            return;
        }
        var e = LoadFails(path, Lanes, options);
        Assert.Contains("'cuda' (CUDAExecutionProvider) is not available; available providers: " + string.Join(", ", available), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_provider_name_is_bad_input()
    {
        var e = Assert.Throws<SimInputException>(() => OnnxRunOptions.ParseProvider("tpu"));
        Assert.Contains("tpu", e.Message, StringComparison.Ordinal);
        Assert.Equal(ExecutionProvider.Dml, OnnxRunOptions.ParseProvider("DML"));
    }
}
