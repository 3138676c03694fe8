using Simulator.Core;
using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Simulator.Driving.Scenes;
using Simulator.Learning.Driving;
using Simulator.Learning.Env;
using Simulator.Learning.Imitation;
using Simulator.Learning.Networks;
using Simulator.Learning.Runs;
using Simulator.Torch;

namespace Simulator.Learning.Tests;

public class DrivingTrainingTests
{
    private static readonly SceneGeneratorOptions s_short = new() { Length = 400, TimeLimit = 3 };

    private static CompiledScene Track(ulong seed) => SceneGenerator.Generate(seed, s_short);

    [Fact]
    public void Adapter_exposes_vectors_actions_and_final_observations_of_each_scene()
    {
        using var env = new DrivingVectorEnv([Track(1), Track(2), Track(3)]);
        Assert.Equal(3, env.NumEnvs);
        Assert.False(env.ObservationSpec.HasImage);
        Assert.Equal(env.Inner.ObservationSize, env.ObservationSpec.VectorSize);
        Assert.Equal(ActionKind.Continuous, env.ActionSpec.Kind);
        Assert.Equal(2, env.ActionSpec.Dim);
        env.Reset(7);
        var actions = new float[6];
        Array.Fill(actions, 0.5f);
        var rewards = new float[3];
        var terminated = new bool[3];
        var truncated = new bool[3];
        bool sawEnd = false;
        for (int t = 0; t < 200 && !sawEnd; t++)
        {
            env.Step(actions, rewards, terminated, truncated);
            Assert.Equal(env.Inner.Rewards, rewards);
            for (int i = 0; i < 3; i++)
            {
                if (terminated[i] || truncated[i])
                {
                    sawEnd = true;
                    int v = env.ObservationSpec.VectorSize;
                    Assert.Equal(env.Inner.FinalObservations.AsSpan(i * v, v).ToArray(), env.FinalVectors.Slice(i * v, v).ToArray());
                }
            }
        }
        Assert.True(sawEnd, "a 3 s time limit ends an episode within 200 steps");
    }

    [Fact]
    public void Discrete_mode_maps_indices_to_driving_actions()
    {
        using var env = new DrivingVectorEnv([Track(1)], DrivingActionMode.Discrete);
        Assert.Equal(ActionKind.Discrete, env.ActionSpec.Kind);
        Assert.Equal(DiscreteActions.Count, env.ActionSpec.Dim);
        env.Reset(1);
        int fullLeftThrottle = 2; // steer −1 … index 0..2; accel +1 is the third
        env.Step([fullLeftThrottle], new float[1], new bool[1], new bool[1]);
        Assert.Equal(DiscreteActions.ToContinuous(fullLeftThrottle), env.Inner[0].Ego.LastAction);
        Assert.Equal(fullLeftThrottle, DemonstrationCollector.NearestDiscrete(new DrivingAction(-0.9f, 0.8f)));
    }

    [Fact]
    public void Evaluation_of_a_constant_policy_matches_episodes_run_one_by_one()
    {
        var scenes = new[] { Track(11), Track(12) };
        using var policy = ZeroActionPolicy(scenes[0]);
        var report = PolicyEvaluator.Run(policy, scenes, new EvalSettings { Episodes = 2, Seed = 9 });
        Assert.Equal(4, report.Count);
        for (int i = 0; i < 4; i++)
        {
            // Env i of the batch is scene i / 2, reset from Rng.Derive(seed, i, 0) with env index i.
            var env = new DrivingEnv(scenes[i / 2], null, i);
            var expected = EpisodeRunner.Run(env, Rng.Derive(9, (ulong)i, 0), (_, _) => new DrivingAction(0, 0));
            var actual = report.Episodes[i];
            Assert.Equal(expected.Scene, actual.Scene);
            Assert.Equal(expected.Seed, actual.Seed);
            Assert.Equal(expected.End, actual.End);
            Assert.Equal(expected.Steps, actual.Steps);
            Assert.Equal(expected.Distance, actual.Distance);
            Assert.Equal(expected.Return, actual.Return, 1e-4);
        }
        Assert.Equal(report.Episodes.Average(e => e.Return), report.MeanReturn, 1e-9);
        // The single-env driver (sim drive --model) acts the same way.
        using var driver = new ModelDriver(policy);
        var driven = EpisodeRunner.Run(new DrivingEnv(scenes[0], null, 0), Rng.Derive(9, 0, 0), driver.Act);
        Assert.Equal(report.Episodes[0].Steps, driven.Steps);
        Assert.Equal(report.Episodes[0].Distance, driven.Distance);
        Assert.Equal(0, report.LapCompletion);
    }

    [Fact]
    public void Report_aggregates_lap_completion_off_road_collisions_and_speed()
    {
        EpisodeSummary E(EpisodeEnd end, int collisions, double offRoad, double distance, double time, double ret) =>
            new("s", 1, end, end == EpisodeEnd.LapsCompleted ? 1 : 0, 0, 0, 0, distance, time, 10, collisions, offRoad, ret);
        var r = new EvalReport([
            E(EpisodeEnd.LapsCompleted, 0, 0, 1000, 100, 10),
            E(EpisodeEnd.LapsCompleted, 1, 0, 1000, 100, 8), // a lap with a collision is not clean
            E(EpisodeEnd.OffRoad, 0, 0.5, 500, 50, -3),
            E(EpisodeEnd.TimeLimit, 1, 0, 500, 50, 1),
        ]);
        Assert.Equal(0.25, r.LapCompletion);
        Assert.Equal(0.25, r.OffRoadRate);
        Assert.Equal(2 / 3.0, r.CollisionsPerKm, 1e-12);
        Assert.Equal(10, r.MeanSpeed, 1e-12);
        Assert.Equal(4, r.MeanReturn, 1e-12);
        Assert.True(EvalReport.IsBetter(0.5, -10, 0.25, 100));
        Assert.False(EvalReport.IsBetter(0.25, 1, 0.25, 2));
        Assert.True(EvalReport.IsBetter(0, 0, double.NaN, double.NaN));
    }

    [Fact]
    public void Shape_mismatch_between_model_and_scenes_names_both_shapes()
    {
        using var policy = new ActorCritic(ObservationSpec.VectorOnly(3), ActionSpec.Continuous([-1f, -1f], [1f, 1f]), new NetworkOptions { VectorHidden = [4] });
        var e = Assert.Throws<SimInputException>(() => PolicyEvaluator.Run(policy, [Track(1)], new EvalSettings()));
        Assert.Contains("no image + 3 values", e.Message, StringComparison.Ordinal);
        using var env = new DrivingVectorEnv([Track(1)]);
        Assert.Contains($"no image + {env.ObservationSpec.VectorSize} values", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Demonstrations_whose_images_cannot_fit_one_dataset_are_refused_before_collecting_with_how_many_fit()
    {
        // 24,000 samples of a 3-frame 64x128 RGB stack fit (1.77 GB); 33,600 of them (2.48 GB) overflowed an int in
        // the collector once the envs had started: they must be refused up front, naming how many fit.
        int perSample = 3 * 3 * 64 * 128;
        BcDataset.CheckFits(24_000, perSample, "bc.demo_steps");
        BcDataset.CheckFits(10_000_000, 0, "bc.demo_steps"); // vectors only: no image bytes
        var e = Assert.Throws<SimInputException>(() => BcDataset.CheckFits(33_600, perSample, "bc.demo_steps"));
        Assert.Contains("bc.demo_steps", e.Message, StringComparison.Ordinal);
        Assert.Contains("33,600 samples", e.Message, StringComparison.Ordinal);
        Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"at most {Array.MaxLength / perSample:N0} samples"), e.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Autopilot_demonstrations_pair_observations_with_the_autopilots_actions_and_warm_start_a_policy()
    {
        var scenes = new[] { Track(21), Track(22) };
        BcDataset data = DemonstrationCollector.Collect(scenes, 240, 3, DrivingActionMode.Continuous);
        Assert.InRange(data.Count, 200, 240); // a few steps end episodes (3 s limit) and are dropped
        Assert.All(data.Actions, a => Assert.InRange(a, -1f, 1f));
        Assert.Contains(data.Actions.Where((_, k) => k % 2 == 1), a => a > 0.1f); // the autopilot accelerates from rest

        // Replaying env 0's first step by hand gives the same pair.
        using (var env = new DrivingVectorEnv(scenes, options: new EnvOptions { Autopilot = true }))
        {
            env.Reset(3);
            float[] first = env.Vectors[..env.ObservationSpec.VectorSize].ToArray();
            env.Step(new float[4], new float[2], new bool[2], new bool[2]);
            Assert.Equal(first, data.Vectors![..first.Length]);
            Assert.Equal(env.Inner[0].Ego.PendingAction.Steer, data.Actions[0]);
            Assert.Equal(env.Inner[0].Ego.PendingAction.Accel, data.Actions[1]);
        }

        using var g = new Generator(1);
        using var policy = new ActorCritic(ObservationSpec.VectorOnly(data.Vectors!.Length / data.Count), ActionSpec.Continuous([-1f, -1f], [1f, 1f]),
            new NetworkOptions { VectorHidden = [32] }, g);
        using var bc = new BehaviorCloning(policy, new BcOptions { BatchSize = 32, LearningRate = 3e-3 });
        double before = bc.Evaluate(data);
        for (int i = 0; i < 15; i++)
        {
            bc.TrainEpoch(data);
        }
        Assert.True(bc.Evaluate(data) < 0.5 * before, $"cloning error {bc.Evaluate(data)} vs {before} before");
    }

    [Fact]
    public void Tiny_config_trains_end_to_end_on_generated_tracks_with_warm_start_eval_and_best()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"run-{Guid.NewGuid():N}");
        try
        {
            var config = TrainerConfigYaml.Load(TrainerConfigTests.RepoFile("models", "configs", "tiny-test.yaml"));
            using var folder = RunFolder.Create(dir, config);
            var scenes = TrainingScenes.Training(config, n => throw new InvalidOperationException(n), config.Envs);
            var evalScenes = TrainingScenes.Evaluation(config, n => throw new InvalidOperationException(n));
            Assert.Equal(["generated-5", "generated-6"], scenes.Select(s => s.Name));
            Assert.Equal(["generated-10000"], evalScenes.Select(s => s.Name));
            using var env = new DrivingVectorEnv(scenes, config.Actions);
            var (summary, demos, evals) = RunWithEvaluation(config, folder, env, scenes, evalScenes);
            Assert.Equal(64, summary.TotalSteps);
            Assert.Equal(1, demos);
            Assert.Equal(3, evals); // the warm-started policy at step 0, then eval.every 32 over 64 steps
            Assert.True(File.Exists(folder.BestPath));
            var evalRows = File.ReadAllLines(folder.EvalPath);
            Assert.Equal(4, evalRows.Length);
            Assert.Equal("0", evalRows[1].Split(',')[1]);
            var (policy, meta) = ModelFile.LoadPolicy(folder.BestPath);
            using (policy)
            {
                Assert.Equal(env.ObservationSpec, meta.ToObservation());
                Assert.False(double.IsNaN(meta.EvalLapCompletion));
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Zero_total_steps_clones_the_teacher_evaluates_and_saves_without_ppo()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"run-{Guid.NewGuid():N}");
        try
        {
            var config = TrainerConfigYaml.Load(TrainerConfigTests.RepoFile("models", "configs", "tiny-test.yaml")) with { TotalSteps = 0 };
            using var folder = RunFolder.Create(dir, config);
            var scenes = TrainingScenes.Training(config, n => throw new InvalidOperationException(n), config.Envs);
            var evalScenes = TrainingScenes.Evaluation(config, n => throw new InvalidOperationException(n));
            using var env = new DrivingVectorEnv(scenes, config.Actions);
            var (summary, demos, evals) = RunWithEvaluation(config, folder, env, scenes, evalScenes);
            Assert.Equal((0L, 0, 1, 1), (summary.TotalSteps, summary.Iterations, demos, evals));
            Assert.Equal(2, File.ReadAllLines(folder.EvalPath).Length);
            Assert.Single(File.ReadAllLines(folder.MetricsPath)); // the header: no PPO iteration
            foreach (string path in new[] { folder.LatestPath, folder.BestPath })
            {
                var meta = ModelFile.ReadMeta(path);
                Assert.Equal(0, meta.TotalSteps);
                Assert.False(double.IsNaN(meta.EvalLapCompletion), path);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("total_steps: 0\nbc:\n  demo_steps: 0\n")]
    [InlineData("total_steps: 0\nbc:\n  demo_steps: 64\ninit:\n  model: a.pt\n")]
    public void Zero_total_steps_needs_demonstrations_and_no_init_model(string yaml)
    {
        var e = Assert.Throws<SimInputException>(() => TrainerConfigYaml.Parse("generator: {}\n" + yaml, "cfg.yaml"));
        Assert.Equal("total_steps", e.Path);
    }

    private static (TrainingSummary Summary, int Demos, int Evals) RunWithEvaluation(TrainerConfig config, RunFolder folder,
        DrivingVectorEnv env, List<CompiledScene> scenes, List<CompiledScene> evalScenes)
    {
        int demos = 0, evals = 0;
        var hooks = new TrainingHooks
        {
            Demonstrations = () => { demos++; return DemonstrationCollector.Collect(scenes, config.Bc.DemoSteps, 1, config.Actions); },
            Evaluate = p => { evals++; return PolicyEvaluator.Run(p, evalScenes, new EvalSettings { Episodes = 1, MaxSteps = config.Eval.MaxSteps }); },
        };
        using var run = new TrainingRun(config, folder, env, hooks, resume: false);
        return (run.Run(), demos, evals);
    }

    private static ActorCritic ZeroActionPolicy(CompiledScene scene)
    {
        using var env = new DrivingVectorEnv([scene]);
        var policy = new ActorCritic(env.ObservationSpec, env.ActionSpec, new NetworkOptions { VectorHidden = [8] });
        policy.PolicyHead.Weight.Fill(0);
        policy.PolicyHead.Bias!.Fill(0);
        return policy;
    }
}
