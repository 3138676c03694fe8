using Simulator.Rendering.Vulkan;

namespace Simulator.Rendering.Vulkan.Tests;

[Collection(VulkanCollection.Name)]
public sealed class BenchmarkTests
{
    [Fact]
    public void Benchmark_runs_and_prints_all_rows()
    {
        RenderBenchmarkResult result = RenderBenchmark.Run(new RenderBenchmarkOptions([1, 4], 32, 32, Frames: 2));
        Assert.Equal(2, result.Rows.Count);
        Assert.All(result.Rows, r => Assert.True(r.RgbFps > 0 && r.FullFps > 0 && r.ClearFps > 0));
        Assert.True(result.Rows[0].StaticTriangles > 2000);
        Assert.All(result.Rows, r => Assert.True(r.RgbCpuMsPerCamera > 0));
        var text = new StringWriter();
        RenderBenchmark.Print(result, text);
        Assert.Contains(result.DeviceName, text.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Prints the full benchmark; run by hand: SIM_BENCH=1 dotnet test --filter Full_benchmark.</summary>
    [Fact]
    public void Full_benchmark_when_requested()
    {
        if (Environment.GetEnvironmentVariable("SIM_BENCH") != "1")
        {
            return;
        }
        RenderBenchmarkResult result = RenderBenchmark.Run(RenderBenchmarkOptions.Default);
        var text = new StringWriter();
        RenderBenchmark.Print(result, text);
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "sim-render-bench.txt"), text.ToString());
    }
}
