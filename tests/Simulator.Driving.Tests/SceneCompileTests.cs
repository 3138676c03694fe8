using Simulator.Core;
using Simulator.Driving.Runtime;
using Simulator.Driving.Scenes;

namespace Simulator.Driving.Tests;

/// <summary>Geometric and placement checks of <see cref="SceneCompiler.Compile"/>, reported with file and JSON path.</summary>
public class SceneCompileTests
{
    private static SimInputException Reject(string json)
    {
        var d = SceneLoader.Parse(json, "bad.json");
        var e = Assert.Throws<SimInputException>(() => SceneCompiler.Compile(d));
        Assert.Equal("bad.json", e.File);
        Assert.Equal(2, e.ExitCode);
        return e;
    }

    [Fact]
    public void Self_intersecting_control_points_are_rejected()
    {
        // A bow tie: the closed curve crosses itself in the middle.
        var e = Reject("""{ "name": "t", "track": { "controlPoints": [[0,0],[200,200],[200,0],[0,200]] }, "egos": [ { "name": "ego" } ] }""");
        Assert.StartsWith("$.track", e.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Position_beyond_the_track_length_is_rejected()
    {
        var e = Reject(TestScenes.OvalJson(", \"props\": [ { \"type\": \"cone\", \"s\": 10 }, { \"type\": \"cone\", \"s\": 5000 } ]"));
        Assert.Equal("$.props[1].s", e.Path);
        Assert.Contains("beyond the track length", e.Message, StringComparison.Ordinal);
        Assert.Equal("$.spawnPoints[0].s", Reject(TestScenes.OvalJson(spawn: "[ { \"s\": 700 } ]")).Path);
        Assert.Equal("$.traffic[0].s", Reject(TestScenes.OvalJson(", \"traffic\": [ { \"s\": 665.1 } ]")).Path);
        Assert.Equal("$.crosswalks[0].s", Reject(TestScenes.OvalJson(", \"crosswalks\": [ { \"s\": 9999 } ]")).Path);
    }

    [Fact]
    public void Overlapping_traffic_spawns_are_rejected()
    {
        var e = Reject(TestScenes.OvalJson(", \"traffic\": [ { \"s\": 100, \"lane\": 0 }, { \"s\": 200, \"lane\": 1 }, { \"s\": 103, \"lane\": 0 } ]"));
        Assert.Equal("$.traffic[2].s", e.Path);
        // Across the start line too: s = 663 and s = 1 are 3 m apart on a 665 m loop.
        Assert.Equal("$.traffic[1].s", Reject(TestScenes.OvalJson(", \"traffic\": [ { \"s\": 663, \"lane\": 1 }, { \"s\": 1, \"lane\": 1 } ]")).Path);
        // Same s in different lanes is fine.
        TestScenes.Compile(TestScenes.OvalJson(", \"traffic\": [ { \"s\": 100, \"lane\": 0 }, { \"s\": 100, \"lane\": 1 } ]"));
    }

    [Fact]
    public void Generator_with_impossible_knobs_is_rejected()
    {
        var e = Assert.Throws<SimInputException>(() => SceneGenerator.Generate(1, new SceneGeneratorOptions { Length = 100 }));
        Assert.Equal("--length", e.Path);
        Assert.Equal("--lanes", Assert.Throws<SimInputException>(() => SceneGenerator.Generate(1, new SceneGeneratorOptions { Lanes = 9 })).Path);
        Assert.Equal("--curviness", Assert.Throws<SimInputException>(() => SceneGenerator.Generate(1, new SceneGeneratorOptions { Curviness = double.NaN })).Path);
        // In a scene file: a 300 m loop cannot keep a 1000 m minimum radius.
        var g = Reject("""{ "name": "t", "track": { "generator": { "seed": 3, "length": 300, "minRadius": 1000 } }, "egos": [ { "name": "ego" } ] }""");
        Assert.StartsWith("$.track.generator", g.Path, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ShippedScenes.Names), MemberType = typeof(ShippedScenes))]
    public void Shipped_scene_compiles(string name)
    {
        var scene = SceneCompiler.Load(ShippedScenes.PathOf(name));
        Assert.Equal(name, scene.Name);
        Assert.True(scene.Track.Length > 100);
        Assert.Equal(scene.Description.Props.Length, scene.Props.Length);
        foreach (var p in scene.Props)
        {
            Assert.True(p.Pose.Position.IsFinite);
        }
    }

    [Fact]
    public void Generated_scene_is_reproducible_from_its_seed()
    {
        var o = new SceneGeneratorOptions { ObstacleDensity = 4, TrafficDensity = 4 };
        Assert.Equal(SceneWriter.Write(SceneGenerator.Describe(5, o)), SceneWriter.Write(SceneGenerator.Describe(5, o)));
        Assert.NotEqual(SceneWriter.Write(SceneGenerator.Describe(5, o)), SceneWriter.Write(SceneGenerator.Describe(6, o)));
        var scene = SceneGenerator.Generate(5, o);
        Assert.NotEmpty(scene.Props);
        Assert.NotEmpty(scene.Description.Traffic);
    }

    [Fact]
    public void Generated_crosswalks_keep_clear_of_obstacles_leave_the_rest_unchanged_and_load_back()
    {
        var plain = new SceneGeneratorOptions { ObstacleDensity = 4, TrafficDensity = 2 };
        var with = plain with { CrosswalkDensity = 3 };
        var a = SceneGenerator.Describe(11, plain);
        var b = SceneGenerator.Describe(11, with);
        Assert.Empty(a.Crosswalks);
        Assert.Equal(a.Props.ToArray(), b.Props.ToArray());
        Assert.Equal(a.Traffic.ToArray(), b.Traffic.ToArray());
        double length = SceneCompiler.Compile(b).Track.Length;
        Assert.InRange(b.Crosswalks.Length, 1, 3);
        foreach (var c in b.Crosswalks)
        {
            Assert.Equal(2, c.Pedestrians);
            Assert.InRange(c.S, 80, length - 80);
            foreach (var p in b.Props)
            {
                double d = Math.Abs(p.S - c.S);
                Assert.True(Math.Min(d, length - d) >= 25, $"crosswalk at {c.S} m is {d:0.0} m from an obstacle");
            }
        }
        var back = SceneLoader.Parse(SceneWriter.Write(b), "generated.json");
        Assert.Equal(b.Crosswalks.Select(c => (c.S, c.Width, c.Pedestrians, c.WalkSpeed, c.WaitMin, c.WaitMax)),
            back.Crosswalks.Select(c => (c.S, c.Width, c.Pedestrians, c.WalkSpeed, c.WaitMin, c.WaitMax)));
        Assert.Equal("--crosswalks", Assert.Throws<SimInputException>(() => SceneGenerator.Describe(1, plain with { CrosswalkDensity = 11 })).Path);
    }
}
