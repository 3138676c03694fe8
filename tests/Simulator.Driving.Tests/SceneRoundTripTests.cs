using System.Collections.Immutable;
using Simulator.Driving.Runtime;
using Simulator.Driving.Scenes;

namespace Simulator.Driving.Tests;

/// <summary>The generator builds typed descriptions; written out they load back to the same scene.</summary>
public class SceneRoundTripTests
{
    public static TheoryData<ulong, double, double, int> Knobs => new()
    {
        { 1, 0, 0, 2 },
        { 5, 4, 4, 2 },
        { 9, 3, 2, 1 },
        { 42, 6, 5, 3 },
    };

    [Theory]
    [MemberData(nameof(Knobs))]
    public void Generated_scene_written_and_loaded_is_the_same_scene(ulong seed, double obstacles, double traffic, int lanes)
    {
        var o = new SceneGeneratorOptions { ObstacleDensity = obstacles, TrafficDensity = traffic, Lanes = lanes, RandomSpawn = seed % 2 == 1 };
        var description = SceneGenerator.Describe(seed, o);
        string json = SceneWriter.Write(description);
        var loaded = SceneLoader.Parse(json, "generated.json");
        Assert.Equal(json, SceneWriter.Write(loaded));
        Assert.Equal(description.Props.Length, loaded.Props.Length);
        Assert.Equal(description.Traffic.Length, loaded.Traffic.Length);
        Assert.Equal(o.RandomSpawn, loaded.Randomization.RandomSpawnS);
        var fromText = SceneCompiler.Compile(loaded);
        var direct = SceneGenerator.Generate(seed, o);
        Assert.Equal(direct.Track.Length, fromText.Track.Length);
        Assert.Equal(direct.Props.Length, fromText.Props.Length);
    }

    [Fact]
    public void Generated_scene_keeps_its_ego_sensors()
    {
        var sensors = SceneLoader.ParseSensors("""[{"type": "camera", "width": 64, "height": 48, "mount": {"x": 1.9, "pitch": -9}}, {"type": "rays", "count": 5}]""");
        var o = new SceneGeneratorOptions { EgoSensors = sensors };
        string json = SceneWriter.Write(SceneGenerator.Describe(3, o));
        var loaded = SceneLoader.Parse(json, "generated.json");
        Assert.Equal([SensorKind.Camera, SensorKind.Rays], loaded.Egos[0].Sensors.Select(s => s.Kind));
        Assert.Equal(1.9, loaded.Egos[0].Sensors[0].Camera!.X);
        Assert.Equal(5, loaded.Egos[0].Sensors[1].RayCount);
        Assert.Equal(SceneWriter.WriteSensors(sensors), SceneWriter.WriteSensors(loaded.Egos[0].Sensors));
    }

    [Theory]
    [InlineData("oval")]
    [InlineData("two-lane-traffic")]
    [InlineData("urban-loop")]
    [InlineData("procedural")]
    [InlineData("figure-eight")]
    [InlineData("hairpins")]
    public void Shipped_scene_written_and_loaded_compiles_to_the_same_track(string name)
    {
        var original = SceneLoader.LoadFile(ShippedScenes.PathOf(name));
        var back = SceneLoader.Parse(SceneWriter.Write(original), name + ".json");
        Assert.Equal(original.Name, back.Name);
        Assert.Equal(original.Props.Length, back.Props.Length);
        Assert.Equal(original.Traffic, back.Traffic.Select((t, i) => t with { Path = original.Traffic[i].Path }).ToImmutableArray(), new TrafficComparer());
        Assert.Equal(SceneCompiler.Compile(original).Track.Length, SceneCompiler.Compile(back).Track.Length, 9);
    }

    private sealed class TrafficComparer : IEqualityComparer<ImmutableArray<TrafficSpec>>
    {
        public bool Equals(ImmutableArray<TrafficSpec> x, ImmutableArray<TrafficSpec> y) => x.SequenceEqual(y);
        public int GetHashCode(ImmutableArray<TrafficSpec> obj) => obj.Length;
    }
}
