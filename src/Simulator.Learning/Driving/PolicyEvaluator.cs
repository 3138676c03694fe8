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
    /// <summary>Perception observations (as the model was trained: <see cref="Runs.ModelMeta.Perception"/>); null for none.</summary>
    public PerceptionSettings? Perception { get; init; }
    /// <summary>The folder <see cref="Perception"/>'s relative model paths are read from (the repository root; "" = the current folder).</summary>
    public string PerceptionRoot { get; init; } = "";
    /// <summary>
    /// Envs per scene at most: more episodes than this run one after another on the same envs (auto-reset), so
    /// memory does not grow with <see cref="Episodes"/>. An episode after the first on an env starts with the
    /// previous one's remaining action-repeat physics steps, coasting at zero action (as in training). 32 keeps most of
    /// a large batch's speed while bounding memory to about 2 MB per env (measured on the 2-core machine, sim drive
    /// --model pixels-driver.pt: 8 envs took 1.6x as long as one batch of 24; 64 episodes on 32 envs 40.6 s and 421 MB
    /// peak against 37.6 s and 461 MB in one batch of 64; 128 episodes 414 MB).
    /// </summary>
    public int MaxEnvsPerScene { get; init; } = 32;
    /// <summary>Sees every env's resets and steps (a recorder); null for none.</summary>
    public IEpisodeSink? Sink { get; init; }

    /// <summary>Settings that evaluate a saved model in the env it was trained in: its action mode, action repeat and perception.</summary>
    public static EvalSettings ForModel(ModelMeta meta, string perceptionRoot)
    {
        ArgumentNullException.ThrowIfNull(meta);
        return new EvalSettings { Actions = DrivingEnvs.ActionMode(meta), ActionRepeat = meta.ActionRepeat, Perception = meta.Perception, PerceptionRoot = perceptionRoot };
    }
}

/// <summary>
/// Runs a policy on scenes for K episodes each, in one batch: each scene gets min(K, <see cref="EvalSettings.MaxEnvsPerScene"/>)
/// envs stepped together through a <see cref="PolicyRunner"/>, and each env drives its share of the scene's episodes
/// one after another (auto-reset). Episode k of a scene with m envs is episode k / m of its env k % m, whose reset seed
/// is Rng.Derive(seed, env, k / m). Memory is bounded by the env count, not by K: each env holds its own camera
/// and scene data (about 2 MB with a 64×64 camera), so one env per episode grew with the episode count.
/// </summary>
public static class PolicyEvaluator
{
    public static EvalReport Run(ActorCritic policy, IReadOnlyList<CompiledScene> scenes, EvalSettings settings)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Episodes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MaxEnvsPerScene, 1);
        int perScene = Math.Min(settings.Episodes, settings.MaxEnvsPerScene);
        var envScenes = new List<CompiledScene>(scenes.Count * perScene);
        foreach (var scene in scenes)
        {
            for (int k = 0; k < perScene; k++)
            {
                envScenes.Add(scene);
            }
        }
        using var env = DrivingEnvs.Create(envScenes, settings.Actions, settings.Perception, settings.PerceptionRoot, null, settings.Threads, settings.Frames, settings.ActionRepeat);
        env.DrivingEnv.Inner.Sink = settings.Sink;
        if (policy.Observation != env.ObservationSpec || policy.Action.Kind != env.ActionSpec.Kind || policy.Action.Dim != env.ActionSpec.Dim)
        {
            throw new SimInputException($"the policy takes {ModelMeta.Describe(policy.Observation)} and gives {ModelMeta.Describe(policy.Action)}, " +
                $"but the evaluation scenes provide {ModelMeta.Describe(env.ObservationSpec)} and take {ModelMeta.Describe(env.ActionSpec)}",
                file: scenes[0].Description.SourceFile, hint: "evaluate on scenes with the sensors and action mode the model was trained with");
        }
        int n = env.NumEnvs;
        var results = new EpisodeSummary?[scenes.Count * settings.Episodes];
        var returns = new double[n];
        var steps = new int[n];
        var recorded = new int[n];     // episodes this env has recorded
        var envEpisode = new long[n];  // the env's own episode count (its reset seed's third input)
        var recording = new bool[n];   // false after a MaxSteps cut, until that episode ends and a fresh one starts
        Array.Fill(recording, true);
        var actions = new float[n * env.ActionSpec.ValuesPerEnv];
        var rewards = new float[n];
        var terminated = new bool[n];
        var truncated = new bool[n];
        var started = new bool[n];
        Array.Fill(started, true);
        env.Reset(settings.Seed);
        using var runner = new PolicyRunner(policy, n, settings.Device, Rng.Derive(settings.Seed, (ulong)RngStream.Policy));
        runner.Observe(env.Images, env.Vectors, started);
        int remaining = results.Length;
        while (remaining > 0)
        {
            runner.ActForEnv(settings.Deterministic, actions);
            env.Step(actions, rewards, terminated, truncated);
            for (int i = 0; i < n; i++)
            {
                bool ended = terminated[i] || truncated[i];
                started[i] = ended;
                int scene = i / perScene, slot = i % perScene;
                int episode = recorded[i] * perScene + slot;
                if (recording[i] && episode < settings.Episodes)
                {
                    returns[i] += rewards[i];
                    steps[i]++;
                    bool cut = settings.MaxSteps > 0 && steps[i] >= settings.MaxSteps;
                    if (ended || cut)
                    {
                        if (!ended)
                        {
                            settings.Sink?.EpisodeCut(env.DrivingEnv.Inner[i]);
                        }
                        EnvInfo info = env.DrivingEnv.Infos[i];
                        results[scene * settings.Episodes + episode] = EpisodeSummary.From(envScenes[i].Name,
                            Rng.Derive(settings.Seed, (ulong)i, (ulong)envEpisode[i]), info, returns[i]);
                        remaining--;
                        recorded[i]++;
                        returns[i] = 0;
                        steps[i] = 0;
                        recording[i] = ended;
                    }
                }
                if (ended)
                {
                    envEpisode[i]++;
                    recording[i] = true;
                }
            }
            runner.Observe(env.Images, env.Vectors, started);
        }
        var list = new List<EpisodeSummary>(results.Length);
        foreach (var r in results)
        {
            list.Add(r!);
        }
        return new EvalReport(list);
    }
}
