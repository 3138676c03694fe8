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

    /// <summary>Prints the full benchmark to sim-render-bench.txt in the temp folder; skipped unless SIM_BENCH=1
    /// (SIM_BENCH=1 dotnet test --filter Full_benchmark). It checks that every row was measured, never the times.</summary>
    [BenchFact]
    public void Full_benchmark_when_requested()
    {
        RenderBenchmarkResult result = RenderBenchmark.Run(RenderBenchmarkOptions.Default);
        Assert.Equal(RenderBenchmarkOptions.Default.EnvCounts.Length, result.Rows.Count);
        Assert.All(result.Rows, r => Assert.True(r.RgbFps > 0 && r.FullFps > 0 && r.ClearFps > 0));
        var text = new StringWriter();
        RenderBenchmark.Print(result, text);
        Assert.Contains(result.DeviceName, text.ToString(), StringComparison.Ordinal);
        Simulator.Core.SafeFile.WriteAllText(Path.Combine(Path.GetTempPath(), "sim-render-bench.txt"), text.ToString());
    }
}
