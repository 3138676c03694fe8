using Simulator.Core;
using Simulator.Driving.Scenes;
using Simulator.Learning.Driving;
using Simulator.Learning.Runs;

namespace Simulator.Learning.Tests;

public class TrainerConfigTests
{
    internal static string RepoFile(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Simulator.sln")))
            {
                return Path.Combine([dir.FullName, .. parts]);
            }
        }
        throw new InvalidOperationException("repository root not found");
    }

    [Fact]
    public void A_few_keys_keep_the_documented_defaults_for_the_rest()
    {
        var c = TrainerConfigYaml.Parse("name: defaults\n");
        Assert.Equal(new TrainerConfig().Envs, c.Envs);
        Assert.Equal(["oval"], c.Scenes);
        Assert.Null(c.Generator);
        Assert.Equal(DrivingActionMode.Continuous, c.Actions);
    }

    [Fact]
    public void Shipped_configs_parse_and_resolve_top_level_seed_and_steps_into_ppo()
    {
        var pixels = TrainerConfigYaml.Load(RepoFile("models", "configs", "ppo-pixels.yaml"));
        Assert.Equal("ppo-pixels", pixels.Name);
        Assert.Equal(3, pixels.Ppo.Network.FrameStack);
        Assert.Equal([SensorKind.Camera, SensorKind.Speed, SensorKind.LaneOffset, SensorKind.HeadingError], pixels.Generator!.EgoSensors.Select(s => s.Kind));
        Assert.Equal(84, pixels.Generator.EgoSensors[0].Camera!.Width);
        var tiny = TrainerConfigYaml.Load(RepoFile("models", "configs", "tiny-test.yaml"));
        var ppo = tiny.ResolvedPpo();
        Assert.Equal(3UL, ppo.Seed);
        Assert.Equal(64, ppo.TotalSteps);
        Assert.Equal(16, ppo.RolloutLength);
    }

    [Fact]
    public void Crosswalks_and_the_yield_weight_reach_the_generated_training_scenes()
    {
        var c = TrainerConfigYaml.Parse("name: w\ngenerator:\n  count: 2\n  crosswalks: 3\nreward:\n  yield: 2.5\n");
        Assert.Equal(3, c.Generator!.Crosswalks);
        Assert.Equal(2.5, c.Reward!.ToSpec().Yield);
        var scene = TrainingScenes.Generate(c.Generator, 1, 1)[0];
        Assert.NotEmpty(scene.Description.Crosswalks);
        Assert.Equal(5, TrainerConfigYaml.Load(RepoFile("models", "configs", "world-walkers.yaml")).Generator!.Crosswalks);
        var e = Assert.Throws<SimInputException>(() => TrainerConfigYaml.Parse("name: w\ngenerator:\n  crosswalks: 11\n", "cfg.yaml"));
        Assert.Contains("crosswalks", e.Path, StringComparison.Ordinal);
        Assert.All(scene.Description.Crosswalks, cw => Assert.Equal(4, cw.Gap));
        var eager = TrainerConfigYaml.Parse("name: w\ngenerator:\n  count: 2\n  crosswalks: 3\n  walker_gap: 1.5\n");
        Assert.All(TrainingScenes.Generate(eager.Generator!, 1, 1)[0].Description.Crosswalks, cw => Assert.Equal(1.5, cw.Gap));
        var gap = Assert.Throws<SimInputException>(() => TrainerConfigYaml.Parse("name: w\ngenerator:\n  walker_gap: 31\n", "cfg.yaml"));
        Assert.Contains("walker_gap", gap.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_key_is_an_input_error_with_file_and_line()
    {
        var e = Assert.Throws<SimInputException>(() => TrainerConfigYaml.Parse("name: a\nenvs: 4\nppo:\n  learning_rat: 0.1\n", "cfg.yaml"));
        Assert.Equal("cfg.yaml", e.File);
        Assert.Equal(4, e.Line);
        Assert.Contains("learning_rat", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("envs: 0", "envs")]
    [InlineData("total_steps: -5", "total_steps")]
    [InlineData("device: tpu", "device")]
    [InlineData("ppo:\n  learning_rate: -1", "ppo.learning_rate")]
    [InlineData("generator:\n  count: 0", "generator.count")]
    [InlineData("eval:\n  episodes: 0", "eval.episodes")]
    [InlineData("scenes: []", "scenes")]
    [InlineData("reward:\n  off_road: 5000", "reward.off_road")]
    [InlineData("reward:\n  off_road_margin: -1", "reward.off_road_margin")]
    public void Bad_values_name_the_key(string yaml, string key)
    {
        var e = Assert.Throws<SimInputException>(() => TrainerConfigYaml.Parse(yaml, "cfg.yaml"));
        Assert.Equal(key, e.Path);
        Assert.Equal("cfg.yaml", e.File);
    }

    [Fact]
    public void Syntax_error_names_the_line()
    {
        var e = Assert.Throws<SimInputException>(() => TrainerConfigYaml.Parse("name: a\nenvs: [1,\n", "cfg.yaml"));
        Assert.NotNull(e.Line);
    }

    [Fact]
    public void Written_config_reads_back_the_same()
    {
        var c = TrainerConfigYaml.Load(RepoFile("models", "configs", "ppo-pixels.yaml"));
        var back = TrainerConfigYaml.Parse(TrainerConfigYaml.Write(c));
        Assert.Equal(TrainerConfigYaml.Write(c), TrainerConfigYaml.Write(back));
        Assert.Equal(c.Generator! with { EgoSensors = [] }, back.Generator! with { EgoSensors = [] });
        Assert.Equal(SceneWriter.WriteSensors(c.Generator.EgoSensors), SceneWriter.WriteSensors(back.Generator.EgoSensors));
        Assert.Equal(c.Bc, back.Bc);
        Assert.Equal(c.Ppo.ClipRange, back.Ppo.ClipRange);
    }

    [Fact]
    public void Reward_weights_replace_the_scenes_own_in_training_and_evaluation_and_read_back()
    {
        const string yaml = "name: r\ngenerator:\n  count: 2\nreward:\n  off_road: 1\n  speed: 0.05\n  off_road_margin: 0\neval:\n  tracks: 1\n";
        var c = TrainerConfigYaml.Parse(yaml);
        var expected = new RewardSpec { OffRoad = 1, Speed = 0.05 }; // the rest keep a scene's defaults
        Assert.Equal(expected, c.Reward!.ToSpec());
        Assert.All(TrainingScenes.Training(c, n => n, 3), s => Assert.Equal((expected, 0.0), (s.Description.Reward, s.Description.Episode.OffRoadMargin)));
        Assert.All(TrainingScenes.Evaluation(c, n => n), s => Assert.Equal((expected, 0.0), (s.Description.Reward, s.Description.Episode.OffRoadMargin)));
        Assert.Equal(c.Reward, TrainerConfigYaml.Parse(TrainerConfigYaml.Write(c)).Reward);
        // Without the key the generated tracks keep the defaults.
        var plain = TrainerConfigYaml.Parse("name: p\ngenerator:\n  count: 1\n");
        Assert.Null(plain.Reward);
        Assert.Equal(new RewardSpec(), TrainingScenes.Training(plain, n => n, 1)[0].Description.Reward);
        Assert.Equal(new EpisodeSpec().OffRoadMargin, TrainingScenes.Training(plain, n => n, 1)[0].Description.Episode.OffRoadMargin);
    }
}
