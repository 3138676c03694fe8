namespace Simulator.Cli.Tests;

/// <summary>`sim replay FILE`'s viewer options: named apart from the PNG export's --frames, checked before anything runs.</summary>
public sealed class ReplayViewerCliTests
{
    [Fact]
    public void Replay_help_lists_the_viewer_options_and_the_replay_keys_and_watch_help_does_not()
    {
        var (code, output, _) = CliTests.Run("replay", "--help");
        Assert.Equal(0, code);
        foreach (string option in (string[])["--viewer-frames", "--viewer-fps", "--size", "--render-scale", "--screenshot", "--speed", "--start", "--paused", "--no-window", "--foxglove"])
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }
        Assert.Contains("replay: step back", output, StringComparison.Ordinal);
        Assert.Contains("replay: back 30 s", output, StringComparison.Ordinal);
        var (watchCode, watch, _) = CliTests.Run("watch", "--help");
        Assert.Equal(0, watchCode);
        Assert.DoesNotContain("--viewer-frames", watch, StringComparison.Ordinal);
        Assert.DoesNotContain("replay: step back", watch, StringComparison.Ordinal);
        Assert.Contains("--frames", watch, StringComparison.Ordinal);
        Assert.Contains("--time-scale", watch, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--speed 0.1", "--speed")]
    [InlineData("--speed 9", "--speed")]
    [InlineData("--no-window", "--foxglove")]
    [InlineData("--no-window --paused --foxglove 127.0.0.1:18765", "--paused")]
    [InlineData("--start -1", "--start")]
    public void Bad_viewer_options_are_one_line_errors_with_exit_2(string args, string named)
    {
        var (code, output, err) = CliTests.Run(["replay", "missing.mcap", .. args.Split(' ')]);
        Assert.Equal(2, code);
        Assert.Contains(named, err.Split('\n')[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        Assert.Equal("", output);
    }
}
