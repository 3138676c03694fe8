using Simulator.Core;
using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Simulator.Learning.Networks;
using Simulator.Learning.Ppo;
using Simulator.Learning.Runs;
using Simulator.Torch;

namespace Simulator.Learning.Driving;

/// <summary>Settings of one evaluation.</summary>
public sealed record EvalSettings
{
    /// <summary>Episodes per scene.</summary>
    public int Episodes { get; init; } = 1;
    /// <summary>Seed of the episode resets (env i of the batch starts from Rng.Derive(seed, i, 0)).</summary>
    public ulong Seed { get; init; } = 1;
    /// <summary>Greedy actions (the mean / most likely action) instead of samples.</summary>
    public bool Deterministic { get; init; } = true;
    /// <summary>Cut an episode after this many steps (0 = the scene's own limits).</summary>
    public int MaxSteps { get; init; }
    public DrivingActionMode Actions { get; init; } = DrivingActionMode.Continuous;
    /// <summary>Physics steps per action, as the model was trained (<see cref="Runs.ModelMeta.ActionRepeat"/>).</summary>
    public int ActionRepeat { get; init; } = 1;
    public Device Device { get; init; } = Device.Cpu;
    public int Threads { get; init; }
    public Func<VectorEnv, IFrameSource>? Frames { get; init; }
}

/// <summary>
/// Runs a policy on scenes for K episodes each, all at once: one env per (scene, episode), stepped as a batch through
/// a <see cref="PolicyRunner"/>; each env's first episode is recorded and the batch stops when all have ended.
/// </summary>
public static class PolicyEvaluator
{
    public static EvalReport Run(ActorCritic policy, IReadOnlyList<CompiledScene> scenes, EvalSettings settings)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Episodes, 1);
        var envScenes = new List<CompiledScene>(scenes.Count * settings.Episodes);
        foreach (var scene in scenes)
        {
            for (int k = 0; k < settings.Episodes; k++)
            {
                envScenes.Add(scene);
            }
        }
        using var env = new DrivingVectorEnv(envScenes, settings.Actions, null, settings.Threads, settings.Frames) { ActionRepeat = settings.ActionRepeat };
        if (policy.Observation != env.ObservationSpec || policy.Action.Kind != env.ActionSpec.Kind || policy.Action.Dim != env.ActionSpec.Dim)
        {
            throw new SimInputException($"the policy takes {ModelMeta.Describe(policy.Observation)} and gives {ModelMeta.Describe(policy.Action)}, " +
                $"but the evaluation scenes provide {ModelMeta.Describe(env.ObservationSpec)} and take {ModelMeta.Describe(env.ActionSpec)}",
                file: scenes[0].Description.SourceFile, hint: "evaluate on scenes with the sensors and action mode the model was trained with");
        }
        int n = env.NumEnvs;
        var results = new EpisodeSummary?[n];
        var returns = new double[n];
        var steps = new int[n];
        var actions = new float[n * env.ActionSpec.ValuesPerEnv];
        var rewards = new float[n];
        var terminated = new bool[n];
        var truncated = new bool[n];
        var started = new bool[n];
        Array.Fill(started, true);
        env.Reset(settings.Seed);
        using var runner = new PolicyRunner(policy, n, settings.Device, Rng.Derive(settings.Seed, (ulong)RngStream.Policy));
        runner.Observe(env.Images, env.Vectors, started);
        int remaining = n;
        while (remaining > 0)
        {
            runner.ActForEnv(settings.Deterministic, actions);
            env.Step(actions, rewards, terminated, truncated);
            for (int i = 0; i < n; i++)
            {
                started[i] = terminated[i] || truncated[i];
                if (results[i] != null)
                {
                    continue;
                }
                returns[i] += rewards[i];
                steps[i]++;
                bool cut = settings.MaxSteps > 0 && steps[i] >= settings.MaxSteps;
                if (started[i] || cut)
                {
                    EnvInfo info = env.Infos[i];
                    results[i] = new EpisodeSummary(envScenes[i].Name, Rng.Derive(settings.Seed, (ulong)i, 0), info.End, info.Laps, info.LapProgress,
                        info.LastLapTime, info.BestLapTime, info.DistanceTravelled, info.EpisodeTime, info.EpisodeSteps, info.Collisions,
                        info.OffRoadTime, returns[i]);
                    remaining--;
                }
            }
            runner.Observe(env.Images, env.Vectors, started);
        }
        var list = new List<EpisodeSummary>(n);
        foreach (var r in results)
        {
            list.Add(r!);
        }
        return new EvalReport(list);
    }
}
