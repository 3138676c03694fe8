using System.Text.RegularExpressions;

namespace Simulator.Cli.Tests;

/// <summary>`sim train --watch` as users run it: a separate process on the test's Xvfb display.</summary>
public sealed class TrainWatchCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sim-train-watch-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Train_watch_draws_frames_and_trains_exactly_as_without_the_window()
    {
        string watched = Path.Combine(_dir, "watched"), plain = Path.Combine(_dir, "plain"), shot = Path.Combine(_dir, "train.png");
        var (code, output, err) = SimProcess.Run(300_000, "train", "--config", TrainEvalCliTests.TinyConfig(), "--steps", "960", "--out", watched,
            "--watch", "--size", "480x300", "--viewer-fps", "60", "--screenshot", shot);
        Assert.True(code == 0, err);
        Assert.Contains("closing it leaves training running", output, StringComparison.Ordinal);
        Match drawn = Regex.Match(output, @"viewer: ([0-9]+) frames in [0-9.]+ s: [0-9.]+ frames/s .*render [0-9.]+ ms, compose [0-9.]+ ms, present [0-9.]+ ms");
        Assert.True(drawn.Success, output);
        Assert.True(long.Parse(drawn.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0, output);
        Assert.True(new FileInfo(shot).Length > 1000);

        (code, _, err) = SimProcess.Run(300_000, "train", "--config", TrainEvalCliTests.TinyConfig(), "--steps", "960", "--out", plain);
        Assert.True(code == 0, err);
        Assert.Equal(WithoutWallTime(Path.Combine(plain, "metrics.csv")), WithoutWallTime(Path.Combine(watched, "metrics.csv")));
        Assert.Equal(File.ReadAllText(Path.Combine(plain, "eval.csv")), File.ReadAllText(Path.Combine(watched, "eval.csv")));
        Assert.Equal(Weights(Path.Combine(plain, "checkpoints", "latest.pt")), Weights(Path.Combine(watched, "checkpoints", "latest.pt")));
    }

    // The checkpoint's tensors (weights, counters, meta) byte for byte, without the optimizer state, a nested archive
    // whose bytes differ between two runs without the window as well (its serialisation is not byte-stable), and the
    // pickle that records that archive's size.
    private static Dictionary<string, string> Weights(string checkpoint)
    {
        using var zip = System.IO.Compression.ZipFile.OpenRead(checkpoint);
        var tensors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            byte[] bytes = copy.ToArray();
            bool nestedArchive = bytes.Length >= 4 && bytes[0] == (byte)'P' && bytes[1] == (byte)'K' && bytes[2] == 3 && bytes[3] == 4;
            if (!entry.FullName.EndsWith("data.pkl", StringComparison.Ordinal) && !nestedArchive)
            {
                tensors.Add(entry.FullName, Convert.ToHexString(bytes));
            }
        }
        Assert.True(tensors.Count >= 5, checkpoint);
        return tensors;
    }

    [Fact]
    public void Without_a_display_train_watch_says_what_to_do_in_one_line_exits_2_and_writes_nothing()
    {
        string run = Path.Combine(_dir, "run");
        using var p = SimProcess.Start(new Dictionary<string, string?> { ["DISPLAY"] = null, ["WAYLAND_DISPLAY"] = null },
            "train", "--config", TrainEvalCliTests.TinyConfig(), "--out", run, "--watch");
        p.WaitForExit(120_000);
        Assert.Equal(2, p.ExitCode);
        string line = Assert.Single(p.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("xvfb-run", line, StringComparison.Ordinal);
        Assert.Contains("--foxglove", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(run));
    }

    // metrics.csv rows without the last column (steps_per_second, wall time): every other figure must be identical.
    private static string[] WithoutWallTime(string path)
    {
        string[] lines = File.ReadAllLines(path);
        Assert.EndsWith(",steps_per_second", lines[0], StringComparison.Ordinal);
        return [.. lines.Select(l => l[..l.LastIndexOf(',')])];
    }
}
