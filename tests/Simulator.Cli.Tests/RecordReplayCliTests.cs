using Simulator.Recording;

namespace Simulator.Cli.Tests;

/// <summary>`--record` on the commands that drive, `sim replay --info/--verify`, and recordings of killed runs.</summary>
public sealed class RecordReplayCliTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"cli-record-{Guid.NewGuid():N}");

    public RecordReplayCliTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static void Verifies(string file)
    {
        using var recording = EpisodeRecording.Open(file);
        using var replay = new ReplaySession(recording);
        while (replay.StepForward())
        {
        }
        Assert.Null(replay.Divergence);
    }

    [Fact]
    public void Drive_records_every_episode_and_replay_prints_and_verifies_them()
    {
        string folder = Path.Combine(_dir, "drive");
        var (code, _, err) = CliTests.Run("drive", "--scene", "oval", "--episodes", "2", "--seed", "4", "--record", folder);
        Assert.True(code == 0, err);
        Assert.Contains("recorded 2 episode(s)", err, StringComparison.Ordinal);
        string[] files = Directory.GetFiles(folder, "*.mcap").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(2, files.Length);
        Assert.Contains("seed4", files[0], StringComparison.Ordinal);
        (code, string output, err) = CliTests.Run("replay", files[0], "--info");
        Assert.True(code == 0, err);
        Assert.Contains("scene:      oval", output, StringComparison.Ordinal);
        Assert.Contains("driver:     autopilot, seed 4", output, StringComparison.Ordinal);
        Assert.Contains("end:        LapsCompleted", output, StringComparison.Ordinal);
        Assert.Contains("lap 1 in", output, StringComparison.Ordinal);
        (code, output, err) = CliTests.Run("replay", files[1], "--verify");
        Assert.True(code == 0, err);
        Assert.Contains("bit-exact", output, StringComparison.Ordinal);
        // Bad input: one line naming the file, exit 2.
        string broken = Path.Combine(_dir, "broken.mcap");
        File.WriteAllBytes(broken, File.ReadAllBytes(files[0])[..200]);
        (code, _, err) = CliTests.Run("replay", broken, "--verify");
        Assert.Equal(2, code);
        Assert.Contains(broken, err, StringComparison.Ordinal);
        string text = Path.Combine(_dir, "notes.mcap");
        File.WriteAllText(text, "hello");
        (code, _, err) = CliTests.Run("replay", text, "--info");
        Assert.Equal(2, code);
        Assert.Contains("not an MCAP file", err, StringComparison.Ordinal);
        (code, _, err) = CliTests.Run("replay", files[0], "--info", "--verify");
        Assert.Equal(2, code);
        Assert.Contains("choose one of", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Eval_keeps_the_recordings_of_episodes_it_cuts_at_max_steps(bool model)
    {
        // Before IEpisodeSink.EpisodeCut, an episode cut by --max-steps was never completed: the autopilot's file was
        // deleted as unfinished, and a model's went on recording past the cut until the episode ended by itself.
        string folder = Path.Combine(_dir, model ? "eval-model" : "eval-autopilot");
        string[] driver = model ? ["--model", Path.Combine(DriveModelTests.RepoRoot(), "models", "pixels-driver.pt")] : ["--autopilot"];
        var (code, output, err) = CliTests.Run(["eval", .. driver, "--scenes", "oval", "--episodes", "2", "--seed", "6",
            "--max-steps", "120", "--json", "--record", folder]);
        Assert.True(code == 0, err);
        string[] files = Directory.GetFiles(folder, "*.mcap").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(2, files.Length);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        var episodes = json.RootElement.GetProperty("episodes").EnumerateArray().ToArray();
        Assert.Equal(2, episodes.Length);
        foreach (var episode in episodes)
        {
            Assert.Equal("None", episode.GetProperty("end").GetString()); // cut, not ended
            string file = Assert.Single(files, f => f.Contains($"-seed{episode.GetProperty("seed").GetUInt64()}", StringComparison.Ordinal));
            using (var recording = EpisodeRecording.Open(file))
            {
                Assert.NotNull(recording.Summary); // completed, not an unfinished file
                // Cut where eval cut it (120 decisions: physics steps for the autopilot, the model's own steps for a
                // model), not where the episode would have ended.
                Assert.Equal(episode.GetProperty("time").GetDouble(), recording.Duration, 9);
                if (!model)
                {
                    Assert.Equal(120, recording.Steps);
                }
            }
            Verifies(file);
        }
    }

    [Fact]
    public void Train_records_every_kth_episode_of_its_envs()
    {
        string run = Path.Combine(_dir, "run");
        var (code, output, err) = CliTests.Run("train", "--config", TrainEvalCliTests.TinyConfig(), "--out", run, "--steps", "1200", "--record-every", "2");
        Assert.True(code == 0, err);
        Assert.Contains("sim train: recorded", output, StringComparison.Ordinal);
        string[] files = Directory.GetFiles(Path.Combine(run, "recordings"), "*.mcap");
        Assert.NotEmpty(files);
        foreach (string file in files)
        {
            using (var recording = EpisodeRecording.Open(file))
            {
                Assert.NotNull(recording.Summary);
                Assert.Contains("tiny-test", recording.Header.Config ?? "", StringComparison.Ordinal);
                Assert.False(recording.Header.Autopilot);
            }
            Verifies(file);
        }
    }

    [Fact]
    public void A_drive_killed_at_twenty_random_moments_leaves_recordings_that_open_and_replay()
    {
        var rng = new Random(20);
        int recovered = 0, complete = 0;
        for (int kill = 0; kill < 20; kill++)
        {
            string folder = Path.Combine(_dir, $"kill-{kill}");
            using (var p = SimProcess.Start("drive", "--scene", "two-lane-traffic", "--episodes", "100000", "--seed", $"{kill}", "--record", folder))
            {
                Thread.Sleep(rng.Next(400, 2500));
                p.KillHard();
            }
            if (!Directory.Exists(folder))
            {
                continue; // killed before the first recording started
            }
            foreach (string file in Directory.GetFiles(folder, "*.mcap"))
            {
                using (var recording = EpisodeRecording.Open(file))
                {
                    if (recording.Summary is null)
                    {
                        recovered++;
                        Assert.NotNull(recording.RecoveryWarning);
                    }
                    else
                    {
                        complete++;
                    }
                }
                Verifies(file);
            }
        }
        Assert.True(recovered > 0, "some kills should land while an episode is being written");
        Assert.True(complete + recovered > 0);
    }
}
