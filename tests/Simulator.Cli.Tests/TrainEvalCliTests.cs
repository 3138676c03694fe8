namespace Simulator.Cli.Tests;

public sealed class TrainEvalCliTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"cli-train-{Guid.NewGuid():N}");

    public TrainEvalCliTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    internal static string TinyConfig()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "models", "configs", "tiny-test.yaml");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("models/configs/tiny-test.yaml not found");
    }

    [Fact]
    public void Missing_config_is_bad_input_naming_the_file()
    {
        string path = Path.Combine(_dir, "nope.yaml");
        var (code, _, err) = CliTests.Run("train", "--config", path, "--out", Path.Combine(_dir, "run"));
        Assert.Equal(2, code);
        Assert.Contains(path, err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "run")));
    }

    [Fact]
    public void Config_with_an_unknown_key_is_bad_input_with_file_and_line()
    {
        string path = Path.Combine(_dir, "bad.yaml");
        File.WriteAllText(path, "name: x\nenvz: 4\n");
        var (code, _, err) = CliTests.Run("train", "--config", path, "--out", Path.Combine(_dir, "run"));
        Assert.Equal(2, code);
        Assert.Contains($"{path}:2", err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_without_a_run_is_bad_input()
    {
        var (code, _, err) = CliTests.Run("train", "--resume", "--out", Path.Combine(_dir, "empty"));
        Assert.Equal(2, code);
        Assert.Contains("config.yaml", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_or_corrupt_model_is_bad_input_naming_the_file()
    {
        string missing = Path.Combine(_dir, "missing.pt");
        var (code, _, err) = CliTests.Run("eval", "--model", missing);
        Assert.Equal(2, code);
        Assert.Contains(missing, err, StringComparison.Ordinal);
        string corrupt = Path.Combine(_dir, "corrupt.pt");
        File.WriteAllText(corrupt, "not a checkpoint");
        (code, _, err) = CliTests.Run("eval", "--model", corrupt);
        Assert.Equal(2, code);
        Assert.Contains(corrupt, err, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_then_resume_then_eval_the_latest_model()
    {
        string run = Path.Combine(_dir, "run");
        var (code, output, err) = CliTests.Run("train", "--config", TinyConfig(), "--out", run);
        Assert.True(code == 0, err);
        Assert.Contains("done at step 64", output, StringComparison.Ordinal);
        (code, output, err) = CliTests.Run("train", "--resume", "--out", run, "--steps", "96");
        Assert.True(code == 0, err);
        Assert.Contains("done at step 96", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(run, "checkpoints", "best.pt")));
        string latest = Path.Combine(run, "checkpoints", "latest.pt");
        (code, output, err) = CliTests.Run("eval", "--model", latest, "--tracks", "1", "--episodes", "1", "--max-steps", "30", "--json");
        Assert.True(code == 0, err);
        using var doc = System.Text.Json.JsonDocument.Parse(output);
        Assert.Equal(1, doc.RootElement.GetProperty("count").GetInt32());
        Assert.Equal(96, doc.RootElement.GetProperty("totalSteps").GetInt64());
        // A scene with another sensor list does not fit the model: both shapes are named.
        string speedOnly = Path.Combine(_dir, "speed-only.json");
        File.WriteAllText(speedOnly, """{"name":"speed-only","track":{"generator":{"seed":1,"length":400}},"egos":[{"name":"ego","maxSpeed":28,"sensors":[{"type":"speed"}]}]}""");
        (code, _, err) = CliTests.Run("eval", "--model", latest, "--scenes", speedOnly, "--episodes", "1");
        Assert.Equal(2, code);
        Assert.Contains("no image + 1 values", err, StringComparison.Ordinal);
        Assert.Contains("values and gives 2 continuous actions", err, StringComparison.Ordinal);
        (code, _, err) = CliTests.Run("drive", "--model", latest, "--scene", speedOnly);
        Assert.Equal(2, code);
        Assert.Contains("no image + 1 values", err, StringComparison.Ordinal);
        (code, output, err) = CliTests.Run("drive", "--model", latest, "--episodes", "1", "--json");
        Assert.True(code == 0, err);
        Assert.Contains("\"scene\": \"oval\"", output, StringComparison.Ordinal);
    }
}
