using System.Diagnostics;
using Simulator.Driving.Cameras;
using Simulator.Driving.Env;
using Simulator.Driving.Runtime;

namespace Simulator.Driving.Diagnostics;

/// <summary>One row of the camera benchmark.</summary>
public sealed record RenderThroughputRow(int Envs, double CameraFramesPerSecond, double EnvStepsPerSecond, double CeilingFramesPerSecond, double RenderShare)
{
    public double RatioToCeiling => CameraFramesPerSecond / CeilingFramesPerSecond;
}

/// <summary>
/// Camera frames per second through the real env path (scene → instances → one batched submission → one readback),
/// the env steps per second including physics, and the same device's ceiling for the batch shape (clear and
/// readback only, nothing drawn).
/// </summary>
public static class RenderThroughput
{
    public static (string Device, IReadOnlyList<RenderThroughputRow> Rows) Run(CompiledScene scene, IReadOnlyList<int> envCounts, int width, int height,
        bool depth, bool segmentation, double secondsPerCase, EnvOptions? options = null)
    {
        var camera = CameraSetups.Front(width, height, depth, segmentation);
        var withCamera = SceneCompiler.Compile(CameraSetups.WithCamera(scene.Description, camera));
        var rows = new List<RenderThroughputRow>();
        string device = "";
        foreach (int n in envCounts)
        {
            using var vec = new VectorEnv(withCamera, n, options);
            device = vec.RenderDevice ?? "";
            vec.Reset(99);
            var actions = new float[n * 2];
            for (int i = 0; i < n; i++)
            {
                actions[2 * i + 1] = 0.3f;
            }
            for (int i = 0; i < 3; i++)
            {
                vec.Step(actions);
            }
            vec.ResetTimers();
            long steps = 0;
            var sw = Stopwatch.StartNew();
            long checksum = 0;
            while (sw.Elapsed.TotalSeconds < secondsPerCase || steps < 3)
            {
                vec.Step(actions);
                // Read the frame as a learner would: this is where the wait for the render and readback happens.
                checksum += vec.Images[^1];
                steps++;
            }
            GC.KeepAlive(checksum);
            sw.Stop();
            double cameraFps = vec.RenderedFrames / vec.RenderSeconds;
            double envFps = steps * n / sw.Elapsed.TotalSeconds;
            var rig = vec.Cameras!;
            rig.ClearOnly();
            int clears = 0;
            var cw = Stopwatch.StartNew();
            while (cw.Elapsed.TotalSeconds < secondsPerCase / 2 || clears < 3)
            {
                rig.ClearOnly();
                clears++;
            }
            double ceiling = (double)clears * n / cw.Elapsed.TotalSeconds;
            rows.Add(new RenderThroughputRow(n, cameraFps, envFps, ceiling, vec.RenderSeconds / sw.Elapsed.TotalSeconds));
        }
        return (device, rows);
    }
}
