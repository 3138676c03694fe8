using Simulator.Core;
using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Simulator.Driving.Scenes;
using Simulator.Learning.Driving;
using Simulator.Learning.Env;
using Simulator.Learning.Networks;

namespace Simulator.Learning.Tests;

/// <summary>Memory checks run alone: other tests allocating at the same time would show up in the heap's figures.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LeakCheckCollection
{
    public const string Name = "leak checks";
}

/// <summary>
/// A model driving many episodes (`sim drive --model`, `sim eval`) uses a bounded number of envs and keeps managed
/// and native memory flat: one env per episode made memory grow about 2 MB per episode with a camera.
/// </summary>
[Collection(LeakCheckCollection.Name)]
public class EvaluationMemoryTests
{
    private static readonly CompiledScene s_track = SceneGenerator.Generate(5, new SceneGeneratorOptions { Length = 400, TimeLimit = 2 });

    [Fact]
    public void Many_episodes_of_a_pixel_model_use_a_bounded_batch_and_do_not_grow_memory()
    {
        var envCounts = new List<int>();
        Func<VectorEnv, IFrameSource> frames = v =>
        {
            envCounts.Add(v.Count);
            return new SyntheticFrames(v.Count, 36, 36, () => v.Observations);
        };
        ObservationSpec observation;
        ActionSpec action;
        using (var probe = new DrivingVectorEnv([s_track], frames: frames))
        {
            observation = probe.ObservationSpec;
            action = probe.ActionSpec;
        }
        using var policy = new ActorCritic(observation, action, new NetworkOptions { ImageFeatures = 32, VectorHidden = [16], FrameStack = 3 });
        var settings = new EvalSettings { Episodes = 24, Seed = 3, ActionRepeat = 3, Frames = frames, MaxEnvsPerScene = 8 };
        envCounts.Clear();

        EvalReport Round()
        {
            var report = PolicyEvaluator.Run(policy, [s_track], settings);
            Assert.Equal(24, report.Count);
            return report;
        }
        var first = Round(); // warm-up: allocator and libtorch caches
        Assert.All(first.Episodes, e => Assert.True(double.IsFinite(e.Return) && e.Steps > 0));
        Assert.Equal(24, first.Episodes.Select(e => e.Seed).Distinct().Count());
        var nativeGrowth = new List<long>();
        var managedGrowth = new List<long>();
        for (int round = 0; round < 4; round++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            long native = NativeHeap.InUseBytes!.Value;
            long managed = GC.GetTotalMemory(forceFullCollection: true);
            var report = Round();
            Assert.Equal(first.Episodes.Select(e => e.Return), report.Episodes.Select(e => e.Return)); // deterministic
            GC.Collect();
            GC.WaitForPendingFinalizers();
            nativeGrowth.Add(NativeHeap.InUseBytes!.Value - native);
            managedGrowth.Add(GC.GetTotalMemory(forceFullCollection: true) - managed);
        }
        // 24 episodes on 8 envs, every round: memory is bounded by the envs, not the episodes.
        Assert.Equal(Enumerable.Repeat(8, 5), envCounts);
        // A leak grows memory in every round (one env's camera data is ~2 MB); a one-off cache fill in one round.
        string figures = $"native: {string.Join(", ", nativeGrowth.Select(g => $"{g / 1024} KB"))}; managed: {string.Join(", ", managedGrowth.Select(g => $"{g / 1024} KB"))}";
        Assert.True(nativeGrowth.Min() < 512 << 10, $"native heap in use grew in every round of 24 episodes ({figures})");
        Assert.True(managedGrowth.Min() < 512 << 10, $"managed heap grew in every round of 24 episodes ({figures})");
        Assert.True(nativeGrowth.Sum() < 8 << 20 && managedGrowth.Sum() < 8 << 20, $"memory grew over 96 episodes ({figures})");
    }

    [Fact]
    public void Episodes_beyond_the_batch_run_in_turn_on_the_same_envs_from_their_own_seeds()
    {
        using var policy = ZeroActionPolicy();
        // 5 episodes on 2 envs, some cut short: episode k is env k % 2's episode k / 2.
        var report = PolicyEvaluator.Run(policy, [s_track], new EvalSettings { Episodes = 5, Seed = 9, MaxEnvsPerScene = 2, MaxSteps = 50 });
        Assert.Equal(5, report.Count);
        for (int k = 0; k < 5; k++)
        {
            int env = k % 2;
            ulong seed = Rng.Derive(9, (ulong)env, (ulong)(k / 2));
            var expected = EpisodeRunner.Run(new DrivingEnv(s_track, null, env), seed, (_, _) => new DrivingAction(0, 0), maxSteps: 50);
            var actual = report.Episodes[k];
            Assert.Equal(seed, actual.Seed);
            Assert.Equal(expected.Steps, actual.Steps);
            Assert.Equal(expected.Distance, actual.Distance);
            Assert.Equal(expected.Return, actual.Return, 1e-4);
        }
    }

    private static ActorCritic ZeroActionPolicy()
    {
        using var env = new DrivingVectorEnv([s_track]);
        var policy = new ActorCritic(env.ObservationSpec, env.ActionSpec, new NetworkOptions { VectorHidden = [8] });
        policy.PolicyHead.Weight.Fill(0);
        policy.PolicyHead.Bias!.Fill(0);
        return policy;
    }
}
