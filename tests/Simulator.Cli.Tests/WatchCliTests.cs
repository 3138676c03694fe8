namespace Simulator.Cli.Tests;

/// <summary>`sim watch` and `sim drive --watch/--manual` as users run them (a separate process on the test's Xvfb
/// display; without a display, one line and exit code 2).</summary>
public sealed class WatchCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sim-watch-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Watch_with_frames_draws_them_prints_the_rate_and_writes_the_screenshot()
    {
        string shot = Path.Combine(_dir, "watch.png");
        var (code, output, err) = SimProcess.Run(180_000, "watch", "--scene", "oval", "--frames", "20", "--size", "320x200", "--screenshot", shot);
        Assert.True(code == 0, err);
        Assert.Matches(@"viewer: 20 frames in [0-9.]+ s: [0-9.]+ frames/s .*render [0-9.]+ ms, compose [0-9.]+ ms, present [0-9.]+ ms", output);
        Assert.Contains("simulation: ", output, StringComparison.Ordinal);
        Assert.True(new FileInfo(shot).Length > 1000);
    }

    [Fact]
    public void Drive_manual_opens_the_window_and_ends_with_frames()
    {
        var (code, output, err) = SimProcess.Run(180_000, "drive", "--scene", "oval", "--manual", "--frames", "10", "--size", "256x160");
        Assert.True(code == 0, err);
        Assert.Contains("viewer: 10 frames", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_display_watch_says_what_to_do_in_one_line_and_exits_2()
    {
        using var p = SimProcess.Start(new Dictionary<string, string?> { ["DISPLAY"] = null, ["WAYLAND_DISPLAY"] = null },
            "watch", "--scene", "oval", "--frames", "5");
        p.WaitForExit(120_000);
        Assert.Equal(2, p.ExitCode);
        string line = Assert.Single(p.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("xvfb-run", line, StringComparison.Ordinal);
        Assert.Contains("--foxglove", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_drivers_at_once_are_bad_usage()
    {
        var (code, _, err) = CliTests.Run("watch", "--manual", "--autopilot");
        Assert.Equal(2, code);
        Assert.Contains("choose one driver", err, StringComparison.Ordinal);
    }
}
