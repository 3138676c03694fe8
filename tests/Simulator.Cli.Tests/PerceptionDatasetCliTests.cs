using System.Text.Json;

namespace Simulator.Cli.Tests;

/// <summary>`sim dataset perception`: a tiny dataset written end to end, and the refusals that come before any work.</summary>
public sealed class PerceptionDatasetCliTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"sim-perception-cli-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public void Writes_every_split_and_reports_counts_and_rate()
    {
        string outDir = Path.Combine(_dir, "ds");
        var (code, output, err) = CliTests.Run("dataset", "perception", "--out", outDir, "--frames", "4", "--val-frames", "2", "--test-frames", "1",
            "--tracks", "2", "--size", "64x48", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(7, doc.RootElement.GetProperty("total").GetInt32());
        Assert.True(doc.RootElement.GetProperty("framesPerSecond").GetDouble() > 0);
        Assert.Equal(4, Directory.GetFiles(Path.Combine(outDir, "train", "images"), "*.png").Length);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(outDir, "val", "masks"), "*.png").Length);
        Assert.Single(Directory.GetFiles(Path.Combine(outDir, "test", "yolo"), "0*.txt"));
        Assert.True(File.Exists(Path.Combine(outDir, "manifest.json")));
        Assert.Empty(Directory.GetFiles(outDir, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Scenes_and_tracks_together_are_refused_before_anything_is_written()
    {
        string outDir = Path.Combine(_dir, "ds");
        var (code, _, err) = CliTests.Run("dataset", "perception", "--out", outDir, "--scenes", "oval", "--tracks", "3");
        Assert.Equal(2, code);
        Assert.Contains("--tracks", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void A_non_empty_output_folder_is_refused()
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, "keep.txt"), "x");
        var (code, _, err) = CliTests.Run("dataset", "perception", "--out", _dir, "--frames", "1");
        Assert.Equal(2, code);
        Assert.Contains("not empty", err, StringComparison.Ordinal);
        Assert.Equal(["keep.txt"], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }
}
