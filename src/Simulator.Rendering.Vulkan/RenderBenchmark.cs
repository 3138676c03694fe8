using System.Diagnostics;
using System.Globalization;

namespace Simulator.Rendering.Vulkan;

/// <summary>Settings of <see cref="RenderBenchmark.Run"/>.</summary>
/// <param name="EnvCounts">Batch sizes to measure.</param>
/// <param name="Width">Camera width.</param>
/// <param name="Height">Camera height.</param>
/// <param name="Frames">Timed batch frames per measurement (after 3 warm-up frames).</param>
/// <param name="Renderer">Device options.</param>
public sealed record RenderBenchmarkOptions(int[] EnvCounts, int Width = 84, int Height = 84, int Frames = 20, RendererOptions? Renderer = null)
{
    public static RenderBenchmarkOptions Default => new([1, 16, 64, 256]);
}

/// <summary>One batch size: camera frames per second for colour, for colour + depth + segmentation, and for the
/// clear-and-readback-only ceiling of the same batch; plus phase timings of the colour run.</summary>
/// <remarks>RgbCpuMsPerCamera is process CPU time (all threads, lavapipe's included) per camera frame of the RGB run:
/// on a shared machine it tells the cost when wall-clock figures are distorted by other load.</remarks>
public sealed record RenderBenchmarkRow(int EnvCount, double RgbFps, double FullFps, double ClearFps, BatchTimings RgbTimings,
    int StaticTriangles, double RgbCpuMsPerCamera);

public sealed record RenderBenchmarkResult(string DeviceName, int Width, int Height, IReadOnlyList<RenderBenchmarkRow> Rows);

/// <summary>Measures batched camera throughput on the benchmark scene (pipelined: submit t, then wait t-1).</summary>
public static class RenderBenchmark
{
    public static RenderBenchmarkResult Run(RenderBenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        using VulkanRenderer renderer = VulkanRenderer.Create(options.Renderer ?? RendererOptions.Default);
        PropLibrary props = PropLibrary.Load(renderer);
        int set = renderer.AddStaticSet(BenchmarkScene.BuildStaticParts());
        var rows = new List<RenderBenchmarkRow>();
        foreach (int n in options.EnvCounts)
        {
            double rgb, full, clear, cpuMs;
            BatchTimings timings;
            using (CameraBatch batch = Prepare(renderer, props, set, n, options, RenderOutputs.Color))
            {
                TimeSpan cpu0 = Environment.CpuUsage.TotalTime;
                rgb = Measure(batch, options.Frames, clearOnly: false);
                cpuMs = (Environment.CpuUsage.TotalTime - cpu0).TotalMilliseconds / ((options.Frames + 3.0) * n);
                timings = batch.Timings;
                clear = Measure(batch, options.Frames, clearOnly: true);
            }
            using (CameraBatch batch = Prepare(renderer, props, set, n, options, RenderOutputs.Depth | RenderOutputs.Segmentation))
            {
                full = Measure(batch, options.Frames, clearOnly: false);
            }
            rows.Add(new RenderBenchmarkRow(n, rgb, full, clear, timings, renderer.StaticSets[set].TriangleCount, cpuMs));
        }
        return new RenderBenchmarkResult(renderer.DeviceName, options.Width, options.Height, rows);
    }

    public static void Print(RenderBenchmarkResult result, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"Device: {result.DeviceName}, cameras {result.Width}x{result.Height}, camera frames/s (pipelined, 2 in flight)");
        output.WriteLine($"static set: {(result.Rows.Count > 0 ? result.Rows[0].StaticTriangles : 0)} triangles (frustum-culled per camera), 10 props per env");
        output.WriteLine($"{"envs",6} {"RGB",10} {"RGB+D+S",10} {"clear-only",11} {"CPU ms/cam",11}  phases of RGB run");
        foreach (RenderBenchmarkRow r in result.Rows)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.EnvCount,6} {r.RgbFps,10:F0} {r.FullFps,10:F0} {r.ClearFps,11:F0} {r.RgbCpuMsPerCamera,11:F3}  {r.RgbTimings}"));
        }
    }

    private static CameraBatch Prepare(VulkanRenderer renderer, PropLibrary props, int set, int n, RenderBenchmarkOptions o, RenderOutputs outputs)
    {
        CameraBatch batch = renderer.CreateBatch(new BatchDescription(n, o.Width, o.Height, outputs, MaxInstancesPerEnv: 16));
        for (int e = 0; e < n; e++)
        {
            batch.Env(e) = BenchmarkScene.View(e, n, set);
            BenchmarkScene.AddProps(batch, e, props, e, n);
        }
        return batch;
    }

    private static double Measure(CameraBatch batch, int frames, bool clearOnly)
    {
        long Submit() => clearOnly ? batch.SubmitClearOnly() : batch.Submit();
        for (int i = 0; i < 3; i++)
        {
            batch.Wait(Submit());
        }
        batch.ResetTimings();
        long start = Stopwatch.GetTimestamp();
        long previous = Submit();
        for (int i = 1; i < frames; i++)
        {
            long t = Submit();
            batch.Wait(previous);
            previous = t;
        }
        batch.Wait(previous);
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return batch.EnvCount * (double)frames / seconds;
    }

}
