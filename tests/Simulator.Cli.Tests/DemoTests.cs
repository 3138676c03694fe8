using System.Text.Json;

namespace Simulator.Cli.Tests;

public class DemoTests
{
    [Fact]
    public void Shipped_agent_laps_held_out_tracks_from_pixels()
    {
        var (code, output, err) = CliTests.Run("demo", "--tracks", "2", "--first-seed", "10018", "--json");
        Assert.True(code == 0, err);
        var episodes = JsonDocument.Parse(output).RootElement;
        Assert.Equal(2, episodes.GetArrayLength());
        foreach (var e in episodes.EnumerateArray())
        {
            Assert.True(e.GetProperty("cleanLap").GetBoolean(), e.ToString());
        }
    }

    [Fact]
    public void Autopilot_demo_laps_the_default_scene()
    {
        var (code, output, err) = CliTests.Run("demo", "--autopilot", "--episodes", "1", "--json");
        Assert.True(code == 0, err);
        Assert.True(JsonDocument.Parse(output).RootElement[0].GetProperty("cleanLap").GetBoolean());
    }
}
