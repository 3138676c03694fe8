using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Simulator.Core;
using Simulator.Perception.Onnx;
using Simulator.Torch;
using static Simulator.Perception.Tests.OnnxTestSupport;

namespace Simulator.Perception.Tests;

/// <summary>The batch runner gives ONNX Runtime's own Run results, for every batch size, without allocating in
/// steady state.</summary>
public sealed class OnnxBatchRunnerTests : IDisposable
{
    private const int Height = 16, Width = 20, MaxBatch = 4;
    private readonly string _path = TempPath("runner.onnx");
    private readonly OnnxModel _model;
    private readonly nint _frames;
    private readonly byte[] _managedFrames;

    public OnnxBatchRunnerTests()
    {
        using var gen = new Generator(31);
        using var net = new TwoHeadNet(gen);
        net.Eval();
        OnnxExport.Export(net, Height, Width, _path, null, ["heatmap", "features"]);
        _model = OnnxModel.Load(_path, new ModelContract([ModelContract.Image(Height, Width)],
        [
            new("heatmap", OnnxElementType.Float, TensorContract.Dynamic, 2, Height / 4, Width / 4),
            new("features", OnnxElementType.Float, TensorContract.Dynamic, 7, Height / 2, Width / 2),
        ]));
        _managedFrames = RandomBytes(MaxBatch * Height * Width * 4, 8);
        _frames = Marshal.AllocHGlobal(_managedFrames.Length);
        Marshal.Copy(_managedFrames, 0, _frames, _managedFrames.Length);
    }

    public void Dispose()
    {
        _model.Dispose();
        Marshal.FreeHGlobal(_frames);
        File.Delete(_path);
    }

    [Fact]
    public void Outputs_equal_the_sessions_own_run_for_each_batch_size()
    {
        using var runner = _model.CreateRunner(MaxBatch);
        Assert.Equal(["heatmap", "features"], runner.OutputNames);
        foreach (int count in new[] { MaxBatch, 1, 3, MaxBatch, 2 })
        {
            runner.Run(_frames, count);
            var expected = RunOrt(File.ReadAllBytes(_path), OnnxExport.InputName, _managedFrames[..(count * Height * Width * 4)], [count, Height, Width, 4]);
            Assert.Equal(count, runner.Count);
            for (int i = 0; i < 2; i++)
            {
                Assert.Equal(expected[i].Shape, runner.OutputShape(i).ToArray());
                AssertClose(expected[i].Data, runner.Output(i), 0f);
            }
        }
    }

    [Fact]
    public void Outputs_equal_libtorch_on_frames_at_another_address()
    {
        using var runner = _model.CreateRunner(MaxBatch);
        nint other = Marshal.AllocHGlobal(_managedFrames.Length);
        try
        {
            byte[] shifted = RandomBytes(_managedFrames.Length, 99);
            Marshal.Copy(shifted, 0, other, shifted.Length);
            runner.Run(_frames, 2);
            runner.Run(other, 3);
            var expected = RunOrt(File.ReadAllBytes(_path), OnnxExport.InputName, shifted[..(3 * Height * Width * 4)], [3, Height, Width, 4]);
            AssertClose(expected[1].Data, runner.Output(1), 0f);
        }
        finally
        {
            Marshal.FreeHGlobal(other);
        }
    }

    [Fact]
    public void Many_input_buffers_keep_giving_right_results()
    {
        using var runner = _model.CreateRunner(MaxBatch);
        int frameBytes = Height * Width * 4;
        var expected = RunOrt(File.ReadAllBytes(_path), OnnxExport.InputName, _managedFrames[..frameBytes], [1, Height, Width, 4]);
        for (int i = 0; i < OnnxBatchRunner.MaxCachedInputs + 3; i++)
        {
            nint buffer = Marshal.AllocHGlobal(frameBytes);
            try
            {
                Marshal.Copy(_managedFrames, 0, buffer, frameBytes);
                runner.Run(buffer, 1);
                AssertClose(expected[0].Data, runner.Output(0), 0f);
            }
            finally
            {
                Marshal.FreeHGlobal(buffer);
            }
        }
    }

    [Fact]
    public void Steady_state_runs_allocate_nothing()
    {
        using var runner = _model.CreateRunner(MaxBatch);
        runner.Run(_frames, 3);
        float sum = 0;
        nint frames = _frames;
        Action steady = () =>
        {
            for (int i = 0; i < 20; i++)
            {
                runner.Run(frames, 3);
                sum += runner.Output(0)[0] + runner.Output(1)[^1] + runner.OutputShape(1)[0];
            }
        };
        Assert.Equal(0, ThreadAllocations.Smallest(steady).Bytes);
        Assert.True(float.IsFinite(sum));
    }

    [Fact]
    public void Run_rejects_batches_it_was_not_sized_for()
    {
        using var runner = _model.CreateRunner(2);
        Assert.Throws<ArgumentOutOfRangeException>(() => runner.Run(_frames, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => runner.Run(_frames, 0));
        Assert.Throws<ArgumentNullException>(() => runner.Run(0, 1));
        runner.Dispose();
        Assert.Throws<ObjectDisposedException>(() => runner.Run(_frames, 1));
    }

    [Fact]
    public void Warm_up_leaves_no_result_and_the_first_run_is_correct()
    {
        using var runner = _model.CreateRunner(MaxBatch);
        Assert.Equal(0, runner.Count);
        Assert.True(runner.Output(0).IsEmpty);
        runner.Run(_frames, 1);
        var expected = RunOrt(File.ReadAllBytes(_path), OnnxExport.InputName, _managedFrames[..(Height * Width * 4)], [1, Height, Width, 4]);
        AssertClose(expected[0].Data, runner.Output(0), 0f);
    }

    [Fact]
    public void Benchmark_reports_agreeing_engines()
    {
        using var gen = new Generator(41);
        using var net = new ReferencePerceptionNet(generator: gen);
        var r = PerceptionBenchmark.Run(net, new PerceptionBenchmarkOptions { Height = 16, Width = 16, Batch = 2, Rounds = 1, RunsPerRound = 2 },
            [ReferencePerceptionNet.OutputName]);
        Assert.True(r.MaxAbsDifference <= Tolerance, $"max difference {r.MaxAbsDifference}");
        Assert.True(r.OnnxMsPerFrame > 0 && r.TorchMsPerFrame > 0);
        Assert.Equal(net.ParameterCount(), r.Parameters);
        Assert.Equal("cpu", r.Provider);
    }

    [Fact]
    public void Registry_knows_the_reference_network_and_rejects_unknown_names()
    {
        Assert.Contains("reference", PerceptionNetworkRegistry.Names);
        var e = Assert.Throws<SimInputException>(() => PerceptionNetworkRegistry.Get("no-such-net"));
        Assert.Contains("reference", e.Message, StringComparison.Ordinal);
        string path = TempPath("registry.onnx");
        try
        {
            PerceptionNetworkRegistry.Get("reference").Export(96, 96, path, null);
            using var model = OnnxModel.Load(path, ModelContract.LaneModel(96, 96));
            Assert.Equal("lane_logits", Assert.Single(model.Outputs).Name);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
