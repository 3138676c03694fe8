using Simulator.Driving.Control;
using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Simulator.Learning.Data;
using Simulator.Learning.Imitation;

namespace Simulator.Learning.Driving;

/// <summary>
/// Records (observation, autopilot action) pairs for behaviour cloning: the envs run with the autopilot driving, and
/// after each step the action it chose for that step is read back from <see cref="EgoAgent.PendingAction"/> and
/// paired with the observation the step started from. Steps that ended an episode are dropped (the reset clears the
/// action). Images are frame-stacked channels-first, the layout <see cref="BehaviorCloning"/> and the policy read.
/// </summary>
public static class DemonstrationCollector
{
    /// <param name="steerNoise">DART perturbation: the executed steering gets Ornstein–Uhlenbeck noise of this size while
    /// the label stays the autopilot's clean decision, so the data shows how to recover from drifting off the line.</param>
    /// <param name="actionRepeat">Physics steps per sample, as the trained policy will act (labels from the first).</param>
    public static BcDataset Collect(IReadOnlyList<CompiledScene> scenes, int steps, ulong seed, DrivingActionMode mode, int frameStack = 1,
        Func<VectorEnv, IFrameSource>? frames = null, int threads = 0, double steerNoise = 0, int actionRepeat = 1,
        PerceptionSettings? perception = null, string perceptionRoot = "")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(actionRepeat, 1);
        using var env = DrivingEnvs.Create(scenes, mode, perception, perceptionRoot, new EnvOptions { Autopilot = true, AutopilotSteerNoise = steerNoise }, threads, frames);
        int n = env.NumEnvs;
        var spec = env.ObservationSpec;
        int iterations = (steps + n - 1) / n;
        int capacity = iterations * n;
        var stacker = spec.HasImage ? new FrameStacker(n, spec.Channels, spec.Height, spec.Width, frameStack) : null;
        int imageBytes = stacker?.EnvBytes ?? 0;
        BcDataset.CheckFits(capacity, imageBytes, "bc.demo_steps");
        int v = spec.VectorSize;
        int a = env.ActionSpec.ValuesPerEnv;
        var images = stacker != null ? new byte[capacity * imageBytes] : null;
        var vectors = new float[capacity * v];
        var actions = new float[capacity * a];
        var started = new bool[n];
        var labels = new DrivingAction[n];
        var before = new float[n * v];
        var dummy = new float[n * a];
        var rewards = new float[n];
        var terminated = new bool[n];
        var truncated = new bool[n];
        byte[] stackedBefore = stacker != null ? new byte[stacker.Stacked.Length] : [];
        env.Reset(seed);
        Array.Fill(started, true);
        stacker?.Push(env.Images, started);
        int count = 0;
        for (int t = 0; t < iterations; t++)
        {
            env.Vectors.CopyTo(before);
            stacker?.Stacked.CopyTo(stackedBefore, 0);
            Array.Clear(started);
            for (int r = 0; r < actionRepeat; r++)
            {
                env.Step(dummy, rewards, terminated, truncated);
                for (int i = 0; i < n; i++)
                {
                    if (r == 0)
                    {
                        labels[i] = env.DrivingEnv.Inner[i].Ego.Entity.GetComponent<Autopilot>()?.Decision ?? env.DrivingEnv.Inner[i].Ego.PendingAction;
                    }
                    started[i] |= terminated[i] || truncated[i];
                }
            }
            for (int i = 0; i < n; i++)
            {
                if (started[i])
                {
                    continue;
                }
                DrivingAction chosen = labels[i];
                if (mode == DrivingActionMode.Discrete)
                {
                    actions[count] = NearestDiscrete(chosen);
                }
                else
                {
                    actions[count * 2] = chosen.Steer;
                    actions[count * 2 + 1] = chosen.Accel;
                }
                before.AsSpan(i * v, v).CopyTo(vectors.AsSpan(count * v));
                if (images != null)
                {
                    stackedBefore.AsSpan(i * imageBytes, imageBytes).CopyTo(images.AsSpan(count * imageBytes));
                }
                count++;
            }
            stacker?.Push(env.Images, started);
        }
        return new BcDataset(count, images?[..(count * imageBytes)], v > 0 ? vectors[..(count * v)] : null, actions[..(count * a)]);
    }

    /// <summary>The discrete action closest (Euclidean, in [steer, accel]) to a continuous one.</summary>
    public static int NearestDiscrete(DrivingAction action)
    {
        int best = 0;
        double bestDistance = double.MaxValue;
        for (int k = 0; k < DiscreteActions.Count; k++)
        {
            var d = DiscreteActions.ToContinuous(k);
            double ds = d.Steer - action.Steer, da = d.Accel - action.Accel;
            double distance = ds * ds + da * da;
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = k;
            }
        }
        return best;
    }
}
