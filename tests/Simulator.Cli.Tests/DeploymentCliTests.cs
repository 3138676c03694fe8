using System.Text.Json;
using Simulator.Driving.Scenes;

namespace Simulator.Cli.Tests;

/// <summary>A model is deployed the same way by every command: `eval` and `drive` give the same episodes.</summary>
public sealed class DeploymentCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cli-deploy-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Eval_and_drive_give_the_same_result_for_the_same_model_scene_and_seed()
    {
        string model = Path.Combine(DriveModelTests.RepoRoot(), "models", "pixels-driver.pt");
        // The oval has no camera of its own: both commands must mount the model's camera and speed limiter on it.
        var oval = SceneLoader.LoadFile(Path.Combine(DriveModelTests.RepoRoot(), "scenes", "oval.json"));
        Assert.DoesNotContain(oval.Egos[0].Sensors, s => s.Camera is not null);
        string scene = Path.Combine(_dir, "oval-8s.json");
        File.WriteAllText(scene, SceneWriter.Write(oval with { Episode = oval.Episode with { TimeLimit = 8 } }));

        var (code, driveOut, err) = CliTests.Run("drive", "--model", model, "--scene", scene, "--episodes", "2", "--seed", "5", "--json");
        Assert.True(code == 0, err);
        (code, string evalOut, err) = CliTests.Run("eval", "--model", model, "--scenes", scene, "--episodes", "2", "--seed", "5", "--json");
        Assert.True(code == 0, err);

        using var drive = JsonDocument.Parse(driveOut);
        using var eval = JsonDocument.Parse(evalOut);
        var driven = drive.RootElement.EnumerateArray().ToArray();
        var evaluated = eval.RootElement.GetProperty("episodes").EnumerateArray().ToArray();
        Assert.Equal(2, driven.Length);
        Assert.Equal(driven.Length, evaluated.Length);
        for (int i = 0; i < driven.Length; i++)
        {
            Assert.Equal(driven[i].GetProperty("seed").GetUInt64(), evaluated[i].GetProperty("seed").GetUInt64());
            Assert.Equal(driven[i].GetProperty("return").GetDouble(), evaluated[i].GetProperty("return").GetDouble());
            Assert.Equal(driven[i].GetProperty("distance").GetDouble(), evaluated[i].GetProperty("distance").GetDouble());
            Assert.True(driven[i].GetProperty("distance").GetDouble() > 20, "the model drove");
        }
    }

    [Fact]
    public void Eval_of_the_autopilot_drives_the_configs_tracks_at_its_cruise_speed_with_the_models_seeds()
    {
        string root = DriveModelTests.RepoRoot();
        string config = Path.Combine(root, "models", "configs", "fast-bc.yaml");
        var (code, stdout, err) = CliTests.Run("eval", "--autopilot", "--tracks", "2", "--config", config, "--episodes", "1", "--json");
        Assert.True(code == 0, err);
        using var expert = JsonDocument.Parse(stdout);
        Assert.Equal("autopilot", expert.RootElement.GetProperty("model").GetString());
        var episodes = expert.RootElement.GetProperty("episodes").EnumerateArray().ToArray();
        Assert.Equal(["generated-10000", "generated-10001"], episodes.Select(e => e.GetProperty("scene").GetString()));
        foreach (var e in episodes)
        {
            Assert.True(e.GetProperty("cleanLap").GetBoolean(), e.ToString());
            // The car's limiter is 16 m/s, the teacher cruises at 11 (fast-bc.yaml).
            Assert.InRange(e.GetProperty("meanSpeed").GetDouble(), 8, 11.1);
        }
        // The same seeds as a model's evaluation on the same tracks.
        string model = Path.Combine(root, "models", "pixels-driver.pt");
        (code, stdout, err) = CliTests.Run("eval", "--model", model, "--tracks", "2", "--config", config, "--episodes", "1", "--max-steps", "5", "--json");
        Assert.True(code == 0, err);
        using var agent = JsonDocument.Parse(stdout);
        Assert.Equal(episodes.Select(e => e.GetProperty("seed").GetUInt64()),
            agent.RootElement.GetProperty("episodes").EnumerateArray().Select(e => e.GetProperty("seed").GetUInt64()));
    }

    [Fact]
    public void Eval_needs_exactly_one_of_model_and_autopilot()
    {
        string model = Path.Combine(DriveModelTests.RepoRoot(), "models", "pixels-driver.pt");
        foreach (string[] args in new[] { new[] { "--autopilot", "--model", model }, ["--tracks", "1"] })
        {
            var (code, _, err) = CliTests.Run(["eval", .. args]);
            Assert.Equal(2, code);
            Assert.Contains("--autopilot", err, StringComparison.Ordinal);
        }
        var (stochastic, _, why) = CliTests.Run("eval", "--autopilot", "--tracks", "1", "--stochastic");
        Assert.Equal(2, stochastic);
        Assert.Contains("--stochastic", why, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_on_a_configs_tracks_scores_with_the_configs_reward_block()
    {
        string root = DriveModelTests.RepoRoot();
        string model = Path.Combine(root, "models", "pixels-driver.pt");
        string config = File.ReadAllText(Path.Combine(root, "models", "configs", "pixels.yaml"));
        string plain = Path.Combine(_dir, "plain.yaml"), weighted = Path.Combine(_dir, "weighted.yaml");
        File.WriteAllText(plain, config);
        File.WriteAllText(weighted, config + "\nreward:\n  progress: 1\n");
        JsonElement Episode(string cfg)
        {
            var (code, stdout, err) = CliTests.Run("eval", "--model", model, "--tracks", "1", "--config", cfg, "--episodes", "1", "--max-steps", "150", "--json");
            Assert.True(code == 0, err);
            using var doc = JsonDocument.Parse(stdout);
            return doc.RootElement.GetProperty("episodes")[0].Clone();
        }
        var a = Episode(plain);
        var b = Episode(weighted);
        // The same drive, scored ten times higher per metre.
        Assert.Equal(a.GetProperty("distance").GetDouble(), b.GetProperty("distance").GetDouble());
        Assert.True(a.GetProperty("distance").GetDouble() > 20, "the model drove");
        Assert.True(b.GetProperty("return").GetDouble() > a.GetProperty("return").GetDouble() + 0.5 * a.GetProperty("distance").GetDouble(),
            $"returns {a.GetProperty("return")} and {b.GetProperty("return")} over {a.GetProperty("distance")} m");
    }
}
