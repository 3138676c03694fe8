using System.Diagnostics;
using Simulator.Core;
using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Simulator.Physics;

namespace Simulator.Driving.Diagnostics;

/// <summary>One measured configuration of the physics benchmark.</summary>
public sealed record PhysicsBenchResult(string Case, int Envs, int Threads, long EgoSteps, double Seconds, int VehiclesPerEnv)
{
    public double EgoStepsPerSecond => EgoSteps / Seconds;
    public double StepsPerSecondPerThread => EgoStepsPerSecond / Threads;
}

/// <summary>
/// Env steps per second without rendering, with track queries, traffic, walkers, collisions, sensors and rewards,
/// for 1 and N envs; plus, in the same run, the ceiling of this machine for the bare vehicle model (one dynamic
/// bicycle step per ego step, nothing else), so the ratio shows what the env adds.
/// </summary>
public static class PhysicsBenchmark
{
    public static IReadOnlyList<PhysicsBenchResult> Run(CompiledScene scene, IReadOnlyList<int> envCounts, double secondsPerCase, int threads)
    {
        var results = new List<PhysicsBenchResult> { Ceiling(secondsPerCase) };
        foreach (int n in envCounts)
        {
            results.Add(Measure(scene, n, 1, secondsPerCase));
            if (threads > 1 && n > 1)
            {
                results.Add(Measure(scene, n, threads, secondsPerCase));
            }
        }
        return results;
    }

    private static PhysicsBenchResult Measure(CompiledScene scene, int envs, int threads, double seconds)
    {
        using var vec = new VectorEnv(scene, envs, threads: threads);
        vec.Reset(12345);
        var actions = new float[envs * DrivingAction.Size];
        var layout = vec.Observation;
        int lane = Slice(layout, "laneOffset"), heading = Slice(layout, "headingError");
        long steps = 0;
        // Warm up (JIT, first-episode buffers), then time whole batches until the budget is spent.
        for (int i = 0; i < 120; i++)
        {
            Controller(vec, actions, lane, heading);
            vec.Step(actions);
        }
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed.TotalSeconds < seconds)
        {
            for (int i = 0; i < 60; i++)
            {
                Controller(vec, actions, lane, heading);
                vec.Step(actions);
            }
            steps += 60L * envs;
        }
        sw.Stop();
        int vehicles = vec[0].World.Components<VehicleBody>().Length;
        return new PhysicsBenchResult(envs == 1 ? "env" : "vector env", envs, threads, steps, sw.Elapsed.TotalSeconds, vehicles);
    }

    /// <summary>A cheap lane keeper on the observation (the policy's cost is not what this measures).</summary>
    private static void Controller(VectorEnv vec, float[] actions, int lane, int heading)
    {
        int d = vec.ObservationSize;
        var obs = vec.Observations;
        for (int i = 0; i < vec.Count; i++)
        {
            float lat = lane >= 0 ? obs[i * d + lane + 1] : 0;
            float hdg = heading >= 0 ? obs[i * d + heading] : 0;
            actions[2 * i] = Math.Clamp(-0.6f * lat - 2.0f * hdg, -1, 1);
            actions[2 * i + 1] = 0.4f;
        }
    }

    private static int Slice(Sensors.ObservationLayout layout, string name)
    {
        foreach (var s in layout.Slices)
        {
            if (s.Name == name)
            {
                return s.Offset;
            }
        }
        return -1;
    }

    private static PhysicsBenchResult Ceiling(double seconds)
    {
        var p = VehicleParams.CompactCar;
        var state = new VehicleState(0, 0, 0, 15);
        var control = new VehicleControl(0.05, 0.3, 0);
        long steps = 0;
        var sw = Stopwatch.StartNew();
        var h = new StateHasher();
        while (sw.Elapsed.TotalSeconds < seconds)
        {
            for (int i = 0; i < 10_000; i++)
            {
                DynamicBicycleModel.Step(ref state, p, control, 1.0, 1.0 / 60);
            }
            steps += 10_000;
            h.Add(state.X);
        }
        sw.Stop();
        return new PhysicsBenchResult("ceiling: bare vehicle model", 1, 1, steps, sw.Elapsed.TotalSeconds, 1);
    }
}
