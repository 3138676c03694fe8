using System.Text.Json;
using Simulator.Cli;

namespace Simulator.Cli.Tests;

public class CliTests
{
    internal static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Help_lists_the_commands()
    {
        var (code, output, _) = Run("--help");
        Assert.Equal(0, code);
        foreach (string c in new[] { "demo", "drive", "scenes", "bench" })
        {
            Assert.Contains(c, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Unknown_command_is_bad_usage() => Assert.Equal(2, Run("fly").Code);

    [Fact]
    public void Unknown_option_is_bad_usage() => Assert.Equal(2, Run("drive", "--wings", "2").Code);

    [Fact]
    public void Unknown_scene_is_bad_input_with_the_list_of_scenes()
    {
        var (code, _, err) = Run("drive", "--scene", "moon");
        Assert.Equal(2, code);
        Assert.Contains("oval", err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_scene_file_names_file_and_path_and_exits_2()
    {
        string file = Path.Combine(Path.GetTempPath(), $"bad-scene-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """{ "name": "x", "track": { "controlPoints": [[0,0],[10,0],[10,10],[0,10]] }, "egos": [ { "name": "e", "maxSpeed": -3 } ] }""");
        try
        {
            var (code, output, _) = Run("scenes", "validate", file);
            Assert.Equal(2, code);
            Assert.Contains("$.egos[0].maxSpeed", output, StringComparison.Ordinal);
            Assert.Contains(file, output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Shipped_scenes_validate()
    {
        var (code, output, _) = Run("scenes", "validate", "--json");
        Assert.Equal(0, code);
        var rows = JsonDocument.Parse(output).RootElement;
        Assert.True(rows.GetArrayLength() >= 6);
        foreach (var r in rows.EnumerateArray())
        {
            Assert.True(r.GetProperty("valid").GetBoolean(), r.GetProperty("message").GetString());
        }
    }

    [Fact]
    public void Drive_json_reports_a_clean_lap_of_the_oval()
    {
        var (code, output, err) = Run("drive", "--scene", "oval", "--episodes", "1", "--json");
        Assert.True(code == 0, err);
        var ep = JsonDocument.Parse(output).RootElement[0];
        Assert.Equal("LapsCompleted", ep.GetProperty("end").GetString());
        Assert.Equal(1, ep.GetProperty("laps").GetInt32());
        Assert.True(ep.GetProperty("lastLapTime").GetDouble() > 10);
        Assert.True(ep.GetProperty("cleanLap").GetBoolean());
    }

    [Fact]
    public void Generate_writes_a_scene_that_validates()
    {
        string file = Path.Combine(Path.GetTempPath(), $"gen-{Guid.NewGuid():N}.json");
        try
        {
            Assert.Equal(0, Run("scenes", "generate", "--seed", "5", "--obstacles", "3", "--traffic", "2", "--out", file).Code);
            Assert.Equal(0, Run("scenes", "validate", file).Code);
            Assert.Equal(0, Run("drive", "--scene", file).Code);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Generate_rejects_out_of_range_knobs() => Assert.Equal(2, Run("scenes", "generate", "--curviness", "3").Code);

    [Fact]
    public void Bench_physics_prints_figures_and_the_ceiling()
    {
        var (code, output, err) = Run("bench", "physics", "--envs", "1,4", "--seconds", "0.2", "--json");
        Assert.True(code == 0, err);
        var rows = JsonDocument.Parse(output).RootElement;
        Assert.StartsWith("ceiling", rows[0].GetProperty("case").GetString(), StringComparison.Ordinal);
        foreach (var r in rows.EnumerateArray())
        {
            Assert.True(r.GetProperty("egoStepsPerSecond").GetDouble() > 0);
        }
    }

    [Fact]
    public void Bench_rejects_bad_env_list() => Assert.Equal(2, Run("bench", "physics", "--envs", "1,x").Code);
}
