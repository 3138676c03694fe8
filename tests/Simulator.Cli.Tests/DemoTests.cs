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

public class DriveModelTests
{
    [Fact]
    public void Pixel_model_drives_a_scene_with_the_sensors_it_was_trained_with()
    {
        // The procedural scene has no camera: the model mounts its own (from its metadata) on the scene's ego.
        var (code, output, err) = CliTests.Run("drive", "--model", Path.Combine(RepoRoot(), "models", "pixels-driver.pt"), "--scene", "procedural", "--episodes", "1", "--json");
        Assert.True(code == 0, err);
        var e = JsonDocument.Parse(output).RootElement[0];
        Assert.True(e.GetProperty("distance").GetDouble() > 100, e.ToString());
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Simulator.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("repository root not found");
    }
}
