using Simulator.Core;
using Simulator.Driving.Env;
using Simulator.Learning.Driving;
using Simulator.Learning.Networks;
using Simulator.Learning.Ppo;
using Simulator.Learning.Runs;
using Simulator.Torch;

namespace Simulator.Learning.Tests;

/// <summary>Transfer: a run initialised from a model (init), shape checks with clear errors, and a frozen encoder.</summary>
public sealed class TransferTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sim-transfer-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static TrainerConfig Config(string hidden = "[8]", InitModel? init = null) => TrainerConfigYaml.Parse($"""
        name: t
        seed: 5
        envs: 4
        total_steps: 64
        checkpoint_every: 32
        ppo:
          rollout_length: 8
          epochs: 1
          minibatches: 2
          network:
            vector_hidden: {hidden}
        """) with { Init = init };

    private string SavedModel(string hidden = "[8]", ulong seed = 77)
    {
        string path = Path.Combine(_dir, $"model-{hidden.Trim('[', ']')}-{seed}.pt");
        using var trainer = new PpoTrainer(new PointReachEnv(4), Config(hidden).ResolvedPpo() with { Seed = seed });
        trainer.Iterate();
        ModelFile.Save(path, trainer, ModelMeta.For(trainer.Policy) with { TotalSteps = trainer.TotalSteps });
        return path;
    }

    private static float[] Weights(ActorCritic policy)
    {
        using var scope = TorchScope.Enter();
        return policy.Parameters().SelectMany(p => p.ToArray<float>()).ToArray();
    }

    [Fact]
    public void A_run_with_init_starts_from_the_models_weights_and_records_its_identity()
    {
        string model = SavedModel();
        InitModel id = InitModel.Of(model);
        Assert.Equal(64, id.Sha256.Length);
        Assert.Equal(32, id.Steps);
        Assert.Equal(Path.GetFullPath(model), id.Model);
        var config = Config(init: id);
        using var folder = RunFolder.Create(Path.Combine(_dir, "run"), config);
        Assert.Equal(id, TrainerConfigYaml.Load(folder.ConfigPath).Init);
        using var run = new TrainingRun(config, folder, new PointReachEnv(4), new TrainingHooks(), resume: false);
        var (source, _) = ModelFile.LoadPolicy(model);
        using (source)
        {
            Assert.Equal(Weights(source), Weights(run.Trainer.Policy));
        }
        // Without init the same config starts from its own random weights.
        using var scratch = new PpoTrainer(new PointReachEnv(4), Config().ResolvedPpo());
        Assert.NotEqual(Weights(scratch.Policy), Weights(run.Trainer.Policy));
    }

    [Fact]
    public void A_run_with_init_evaluates_the_model_it_starts_from_at_step_zero()
    {
        string model = SavedModel();
        var config = Config(init: InitModel.Of(model));
        using var folder = RunFolder.Create(Path.Combine(_dir, "run"), config);
        var evaluated = new List<(long Steps, float[] Weights)>();
        PpoTrainer? trainer = null;
        var hooks = new TrainingHooks
        {
            Evaluate = p =>
            {
                evaluated.Add((trainer!.TotalSteps, Weights(p)));
                return new EvalReport([new EpisodeSummary("s", 1, EpisodeEnd.LapsCompleted, 1, 0, 10, 10, 100, 10, 100, 0, 0, evaluated.Count)]);
            },
        };
        using var run = new TrainingRun(config, folder, new PointReachEnv(4), hooks, resume: false);
        trainer = run.Trainer;
        run.Run();
        var (source, _) = ModelFile.LoadPolicy(model);
        using (source)
        {
            Assert.Equal([0L, 64L], evaluated.Select(e => e.Steps));
            Assert.Equal(Weights(source), evaluated[0].Weights); // the curve starts at the init model
        }
        Assert.Equal("0", File.ReadAllLines(folder.EvalPath)[1].Split(',')[1]);
    }

    [Fact]
    public void Init_log_std_replaces_the_models_log_std_and_needs_an_init_model()
    {
        string model = SavedModel();
        var config = Config(init: InitModel.Of(model)) with { InitLogStd = -3 };
        using (var folder = RunFolder.Create(Path.Combine(_dir, "run"), config))
        {
            using var run = new TrainingRun(config, folder, new PointReachEnv(4), new TrainingHooks(), resume: false);
            using var scope = TorchScope.Enter();
            Assert.All(run.Trainer.Policy.LogStd!.ToArray<float>(), v => Assert.Equal(-3f, v));
            var (source, _) = ModelFile.LoadPolicy(model);
            using (source)
            {
                Assert.NotEqual(-3f, source.LogStd!.ToArray<float>()[0]);
                // Everything else is the model's.
                Assert.Equal(Weights(source).Length, Weights(run.Trainer.Policy).Length);
                Assert.Equal(source.PolicyHead.Weight.ToArray<float>(), run.Trainer.Policy.PolicyHead.Weight.ToArray<float>());
            }
        }
        var alone = Config() with { InitLogStd = -3 };
        using var other = RunFolder.Create(Path.Combine(_dir, "alone"), alone);
        var e = Assert.Throws<SimInputException>(() => new TrainingRun(alone, other, new PointReachEnv(4), new TrainingHooks(), resume: false));
        Assert.Equal("init_log_std", e.Path);
    }

    [Fact]
    public void Mismatched_models_name_the_parameter_both_shapes_and_the_file()
    {
        string wider = SavedModel("[16]");
        using var folder = RunFolder.Create(Path.Combine(_dir, "run"), Config());
        var e = Assert.Throws<SimInputException>(() => new TrainingRun(Config(init: InitModel.Of(wider)), folder, new PointReachEnv(4), new TrainingHooks(), resume: false));
        Assert.Equal(wider, e.File);
        Assert.Contains("vector.", e.Problem);
        Assert.Contains("[16, 2]", e.Problem); // the file's shape
        Assert.Contains("[8, 2]", e.Problem);  // the network's

        // Another observation: named with both descriptions.
        string cartPole;
        using (var trainer = new PpoTrainer(new CartPoleEnv(2), Config().ResolvedPpo()))
        {
            cartPole = Path.Combine(_dir, "cartpole.pt");
            ModelFile.Save(cartPole, trainer, ModelMeta.For(trainer.Policy));
        }
        e = Assert.Throws<SimInputException>(() => new TrainingRun(Config(init: InitModel.Of(cartPole)), folder, new PointReachEnv(4), new TrainingHooks(), resume: false));
        Assert.Equal(cartPole, e.File);
        Assert.Contains("model observes", e.Problem);

        // A file changed since the config recorded it is refused.
        string model = SavedModel();
        InitModel id = InitModel.Of(model);
        File.Copy(SavedModel(seed: 78), model, overwrite: true);
        e = Assert.Throws<SimInputException>(() => new TrainingRun(Config(init: id), folder, new PointReachEnv(4), new TrainingHooks(), resume: false));
        Assert.Equal("init.sha256", e.Path);
        Assert.Throws<SimInputException>(() => InitModel.Of(Path.Combine(_dir, "missing.pt")));
    }

    [Fact]
    public void A_frozen_encoder_does_not_change_while_the_heads_learn()
    {
        var options = new PpoOptions
        {
            RolloutLength = 8,
            Epochs = 2,
            Minibatches = 2,
            FreezeEncoder = true,
            Network = new NetworkOptions { ImageFeatures = 16, VectorHidden = [8] },
        };
        using var ppo = new PpoTrainer(new ImageBanditEnv(4), options);
        float[] encoder = ppo.Policy.EncoderParameters().SelectMany(p => p.ToArray<float>()).ToArray();
        float[] policyHead = ppo.Policy.PolicyHead.Weight.ToArray<float>();
        float[] valueHead = ppo.Policy.ValueHead.Weight.ToArray<float>();
        Assert.NotEmpty(encoder);
        ppo.Iterate();
        ppo.Iterate();
        using var scope = TorchScope.Enter();
        Assert.Equal(encoder, ppo.Policy.EncoderParameters().SelectMany(p => p.ToArray<float>()).ToArray());
        Assert.NotEqual(policyHead, ppo.Policy.PolicyHead.Weight.ToArray<float>());
        Assert.NotEqual(valueHead, ppo.Policy.ValueHead.Weight.ToArray<float>());

        // Not frozen, the same run changes the encoder (so the check above can fail).
        using var free = new PpoTrainer(new ImageBanditEnv(4), options with { FreezeEncoder = false });
        float[] before = free.Policy.EncoderParameters().SelectMany(p => p.ToArray<float>()).ToArray();
        free.Iterate();
        Assert.NotEqual(before, free.Policy.EncoderParameters().SelectMany(p => p.ToArray<float>()).ToArray());

        // Vector-only observations have no image encoder to freeze.
        var e = Assert.Throws<SimInputException>(() => new PpoTrainer(new PointReachEnv(2), options));
        Assert.Contains("freeze_encoder", e.Problem);
    }

    [Fact]
    public void A_resumed_run_keeps_its_checkpoint_and_does_not_reread_the_init_model()
    {
        string model = SavedModel();
        var config = Config(init: InitModel.Of(model));
        string dir = Path.Combine(_dir, "run");
        using (var folder = RunFolder.Create(dir, config))
        using (var run = new TrainingRun(config, folder, new PointReachEnv(4), new TrainingHooks(), resume: false))
        {
            run.Run();
        }
        Assert.Equal(config.Init, ModelFile.ReadMeta(Path.Combine(dir, "checkpoints", "latest.pt")).Init); // the model says what it started from
        Assert.Null(ModelFile.ReadMeta(model).Init);
        File.WriteAllText(model, "gone"); // the init model is not needed any more
        var (resumed, recorded) = RunFolder.Resume(dir);
        using (resumed)
        {
            Assert.Equal(config.Init, recorded.Init);
            var longer = recorded with { TotalSteps = 96 };
            using var run = new TrainingRun(longer, resumed, new PointReachEnv(4), new TrainingHooks(), resume: true);
            Assert.Equal(64, run.Trainer.TotalSteps);
            Assert.Equal(96, run.Run().TotalSteps);
        }
    }

    [Fact]
    public void A_frozen_run_checkpoints_and_resumes_with_its_smaller_optimizer()
    {
        var options = new PpoOptions { RolloutLength = 8, Epochs = 1, Minibatches = 2, FreezeEncoder = true, Network = new NetworkOptions { ImageFeatures = 16, VectorHidden = [8] } };
        string path = Path.Combine(_dir, "frozen.ckpt");
        float[] encoder;
        using (var a = new PpoTrainer(new ImageBanditEnv(4), options))
        {
            a.Iterate();
            a.SaveCheckpoint(path);
            using var scope = TorchScope.Enter();
            encoder = a.Policy.EncoderParameters().SelectMany(p => p.ToArray<float>()).ToArray();
        }
        using var b = new PpoTrainer(new ImageBanditEnv(4), options with { Seed = 9 });
        b.LoadCheckpoint(path);
        b.Iterate();
        using (TorchScope.Enter())
        {
            Assert.Equal(encoder, b.Policy.EncoderParameters().SelectMany(p => p.ToArray<float>()).ToArray());
        }
        // The unfrozen layout has a larger optimizer state: refused with the file named.
        using var c = new PpoTrainer(new ImageBanditEnv(4), options with { FreezeEncoder = false });
        var e = Assert.Throws<SimInputException>(() => c.LoadCheckpoint(path));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Freezing_refuses_a_behaviour_cloning_warm_start()
    {
        var config = Config() with { Ppo = Config().Ppo with { FreezeEncoder = true }, Bc = new BcConfig { DemoSteps = 100 } };
        var e = Assert.Throws<SimInputException>(() => TrainerConfigYaml.Validate(config, "cfg.yaml"));
        Assert.Equal("ppo.freeze_encoder", e.Path);
    }
}
