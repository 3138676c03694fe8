using Simulator.Core;
using Simulator.Driving.Env;

namespace Simulator.Driving.Tests;

/// <summary>Structure-of-arrays buffers and auto-reset of <see cref="VectorEnv"/>, checked against independent envs.</summary>
public class VectorEnvTests
{
    [Fact]
    public void Buffers_have_structure_of_arrays_shapes()
    {
        var scene = TestScenes.Oval();
        using var v = new VectorEnv(scene, 5, threads: 1);
        int d = v.ObservationSize;
        Assert.Equal(21, d);
        Assert.Equal(5, v.Count);
        Assert.Equal(5 * d, v.Observations.Length);
        Assert.Equal(5 * d, v.FinalObservations.Length);
        Assert.Equal(5, v.Rewards.Length);
        Assert.Equal(5, v.Terminated.Length);
        Assert.Equal(5, v.Truncated.Length);
        Assert.Equal(5, v.Infos.Length);
        v.Observations.AsSpan().Fill(float.NaN);
        v.Reset(1);
        Assert.All(v.Observations, x => Assert.True(float.IsFinite(x)));
    }

    [Fact]
    public void Wrong_action_lengths_throw()
    {
        using var v = new VectorEnv(TestScenes.Oval(), 3, threads: 1);
        v.Reset(1);
        Assert.Throws<ArgumentException>(() => v.Step(new float[5]));
        Assert.Throws<ArgumentException>(() => v.Step(new float[7]));
        Assert.Throws<ArgumentException>(() => v.Step(ReadOnlySpan<float>.Empty));
        Assert.Throws<ArgumentException>(() => v.Step(new int[2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => v.Step(new[] { 0, 15, 1 }));
        v.Step(new float[6]);
        v.Step(new[] { 0, 7, 14 });
    }

    [Fact]
    public void Env_count_out_of_range_is_an_input_error()
    {
        Assert.Throws<SimInputException>(() => new VectorEnv(TestScenes.Oval(), 0));
        Assert.Throws<SimInputException>(() => new VectorEnv(TestScenes.Oval(), VectorEnv.MaxEnvs + 1));
    }

    [Fact]
    public void Auto_reset_matches_independent_envs_with_the_documented_seeds()
    {
        // Short episodes that end in different ways and at different times: off-road, stall, time limit.
        var scene = TestScenes.Oval(", \"episode\": { \"timeLimit\": 4, \"stallTime\": 1 }");
        const int n = 4;
        const ulong seed = 77;
        using var v = new VectorEnv(scene, n, threads: 2);
        var mirrors = new DrivingEnv[n];
        var mirrorObs = new float[n][];
        var episodes = new ulong[n];
        v.Reset(seed);
        for (int i = 0; i < n; i++)
        {
            mirrors[i] = new DrivingEnv(scene, null, i);
            mirrorObs[i] = new float[v.ObservationSize];
            mirrors[i].Reset(Rng.Derive(seed, (ulong)i, episodes[i]++), mirrorObs[i]);
            Assert.Equal(mirrorObs[i], Row(v.Observations, i, v.ObservationSize));
            Assert.Equal(EpisodeEnd.None, v.Infos[i].End);
        }
        var actions = new float[2 * n];
        var endsSeen = new HashSet<EpisodeEnd>();
        int resets = 0;
        for (int step = 0; step < 900; step++)
        {
            for (int i = 0; i < n; i++)
            {
                (actions[2 * i], actions[2 * i + 1]) = i switch
                {
                    0 => (1f, 0.5f),                      // off the road to the left
                    1 => (0f, -1f),                       // stall
                    2 => (0f, 0.2f),                      // time limit
                    _ => (MathF.Sin(step * 0.05f), 0.3f), // weaving
                };
            }
            v.Step(actions);
            for (int i = 0; i < n; i++)
            {
                var o = mirrors[i].Step(new DrivingAction(actions[2 * i], actions[2 * i + 1]), mirrorObs[i]);
                Assert.Equal(o.Reward, v.Rewards[i]);
                Assert.Equal(o.Terminated, v.Terminated[i]);
                Assert.Equal(o.Truncated, v.Truncated[i]);
                Assert.Equal(mirrors[i].Info.End, v.Infos[i].End);
                Assert.Equal(mirrors[i].Info.EpisodeSteps, v.Infos[i].EpisodeSteps);
                if (o.Done)
                {
                    // The final observation is the ended episode's last one; the row already holds the next first one.
                    Assert.Equal(mirrorObs[i], Row(v.FinalObservations, i, v.ObservationSize));
                    Assert.NotEqual(EpisodeEnd.None, v.Infos[i].End);
                    endsSeen.Add(v.Infos[i].End);
                    mirrors[i].Reset(Rng.Derive(seed, (ulong)i, episodes[i]++), mirrorObs[i]);
                    resets++;
                }
                Assert.Equal(mirrorObs[i], Row(v.Observations, i, v.ObservationSize));
                Assert.Equal(mirrors[i].StateHash(), v[i].StateHash());
            }
        }
        Assert.Contains(EpisodeEnd.OffRoad, endsSeen);
        Assert.Contains(EpisodeEnd.Stalled, endsSeen);
        Assert.Contains(EpisodeEnd.TimeLimit, endsSeen);
        Assert.True(resets >= 6, $"{resets} resets");
    }

    [Fact]
    public void Two_hundred_fifty_six_envs_step_together()
    {
        var scene = TestScenes.Shipped("oval");
        using var v = new VectorEnv(scene, 256, threads: 2);
        v.Reset(3);
        var rng = Rng.Create(3, RngStream.Policy);
        var actions = new float[512];
        for (int step = 0; step < 60; step++)
        {
            for (int i = 0; i < actions.Length; i++)
            {
                actions[i] = (float)rng.Range(-0.3, 1);
            }
            v.Step(actions);
        }
        Assert.All(v.Observations, x => Assert.True(float.IsFinite(x)));
        Assert.All(v.Rewards, x => Assert.True(float.IsFinite(x)));
        // Every env really moved, and envs differ (their own seeds and actions).
        var speeds = new HashSet<double>();
        for (int i = 0; i < v.Count; i++)
        {
            Assert.True(v[i].Info.DistanceTravelled > 0 || v[i].Info.EpisodeSteps < 60, $"env {i} did not move");
            speeds.Add(v[i].Info.Speed);
        }
        Assert.True(speeds.Count > 200);
        var discrete = new int[256];
        for (int i = 0; i < discrete.Length; i++)
        {
            discrete[i] = i % DiscreteActions.Count;
        }
        v.Step(discrete);
        Assert.All(v.Observations, x => Assert.True(float.IsFinite(x)));
    }

    private static float[] Row(float[] buffer, int i, int size) => buffer.AsSpan(i * size, size).ToArray();
}
