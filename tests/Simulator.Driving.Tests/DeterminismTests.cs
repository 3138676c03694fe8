using Simulator.Core;
using Simulator.Driving.Env;
using Simulator.Driving.Runtime;

namespace Simulator.Driving.Tests;

/// <summary>Bit-exact reproducibility: same seed and actions give the same trajectory, across instances and threads.</summary>
public class DeterminismTests
{
    /// <summary>
    /// Runs <paramref name="steps"/> steps with a smoothed pseudo-random action sequence from <paramref name="seed"/>,
    /// auto-resetting with seeds derived from (seed, episode); returns the hash of every step's state hash and reward.
    /// </summary>
    private static ulong Trajectory(CompiledScene scene, ulong seed, int steps, out int episodes)
    {
        var env = new DrivingEnv(scene);
        var obs = new float[env.Observation.VectorSize];
        var actions = Rng.Create(seed, RngStream.Policy);
        var h = new StateHasher();
        episodes = 1;
        env.Reset(Rng.Derive(seed, 0, 0), obs);
        h.Add(env.StateHash());
        float steer = 0, accel = 0.5f;
        for (int i = 0; i < steps; i++)
        {
            // A random walk keeps episodes long enough to reach traffic and props.
            steer = Math.Clamp(steer + (float)actions.Range(-0.08, 0.08), -1, 1) * 0.98f;
            accel = Math.Clamp(accel + (float)actions.Range(-0.1, 0.12), -1, 1);
            var o = env.Step(new DrivingAction(steer, accel), obs);
            h.Add(env.StateHash());
            h.Add(o.Reward);
            foreach (float v in obs)
            {
                h.Add(v);
            }
            if (o.Done)
            {
                env.Reset(Rng.Derive(seed, 0, (ulong)episodes++), obs);
                h.Add(env.StateHash());
                steer = 0;
                accel = 0.5f;
            }
        }
        return h.Value;
    }

    [Fact]
    public void Same_seed_and_actions_give_the_same_10000_step_trajectory_in_two_instances()
    {
        var scene = TestScenes.Shipped("two-lane-traffic");
        ulong a = Trajectory(scene, 42, 10_000, out int episodesA);
        ulong b = Trajectory(FreshlyCompiled("two-lane-traffic"), 42, 10_000, out int episodesB);
        Assert.Equal(a, b);
        Assert.Equal(episodesA, episodesB);
        Assert.True(episodesA > 1, "the run should cross at least one auto-reset");
        ulong c = Trajectory(scene, 43, 10_000, out _);
        Assert.NotEqual(a, c);
    }

    /// <summary>A second compile of the scene, so the two runs share nothing but the file.</summary>
    private static CompiledScene FreshlyCompiled(string name) => TestScenes.Shipped(name);

    [Fact]
    public void Reset_with_the_same_seed_restores_the_same_state()
    {
        var (env, obs) = TestScenes.Start(TestScenes.Shipped("urban-loop"), 5);
        ulong start = env.StateHash();
        var first = (float[])obs.Clone();
        for (int i = 0; i < 200; i++)
        {
            env.Step(new DrivingAction(0, 0.6f), obs);
        }
        Assert.NotEqual(start, env.StateHash());
        env.Reset(5, obs);
        Assert.Equal(start, env.StateHash());
        Assert.Equal(first, obs);
        env.Reset(6, obs);
        Assert.NotEqual(start, env.StateHash()); // spawn jitter and walker waits come from the seed
    }

    [Fact]
    public void Vector_env_on_one_or_two_threads_gives_identical_bits()
    {
        var scene = TestScenes.Shipped("two-lane-traffic", e => e with { TimeLimit = 3 });
        using var one = new VectorEnv(scene, 8, threads: 1);
        using var two = new VectorEnv(scene, 8, threads: 2);
        Assert.Equal(1, one.Threads);
        Assert.Equal(2, two.Threads);
        one.Reset(9);
        two.Reset(9);
        var rng = Rng.Create(9, RngStream.Policy);
        var actions = new float[16];
        int ends = 0;
        for (int step = 0; step < 400; step++)
        {
            for (int i = 0; i < actions.Length; i++)
            {
                actions[i] = (float)rng.Range(-1, 1);
            }
            one.Step(actions);
            two.Step(actions);
            Assert.Equal(Bits(one.Observations), Bits(two.Observations));
            Assert.Equal(Bits(one.Rewards), Bits(two.Rewards));
            Assert.Equal(Bits(one.FinalObservations), Bits(two.FinalObservations));
            Assert.Equal(one.Terminated, two.Terminated);
            Assert.Equal(one.Truncated, two.Truncated);
            Assert.Equal(one.StateHash(), two.StateHash());
            foreach (bool t in one.Terminated)
            {
                ends += t ? 1 : 0;
            }
            foreach (bool t in one.Truncated)
            {
                ends += t ? 1 : 0;
            }
        }
        Assert.True(ends >= 8, $"only {ends} episode ends: auto-reset was not exercised");
    }

    private static int[] Bits(float[] values)
    {
        var bits = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            bits[i] = BitConverter.SingleToInt32Bits(values[i]);
        }
        return bits;
    }
}
