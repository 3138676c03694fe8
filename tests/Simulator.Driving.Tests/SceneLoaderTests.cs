using Simulator.Core;
using Simulator.Driving.Scenes;

namespace Simulator.Driving.Tests;

public class SceneLoaderTests
{
    internal const string Minimal = """
        { "name": "t", "track": { "controlPoints": [[0,0],[100,0],[100,60],[0,60]] }, "egos": [ { "name": "ego" } ] }
        """;

    private static SimInputException Reject(string json)
    {
        var e = Assert.Throws<SimInputException>(() => SceneLoader.Parse(json, "bad.json"));
        Assert.Equal(2, e.ExitCode);
        Assert.Equal("bad.json", e.File);
        Assert.DoesNotContain("   at ", e.Message, StringComparison.Ordinal);
        return e;
    }

    [Fact]
    public void Minimal_scene_parses_with_documented_defaults()
    {
        var s = SceneLoader.Parse(Minimal);
        Assert.Equal("t", s.Name);
        Assert.Equal(4, s.Track.ControlPoints.Length);
        Assert.Equal(1, s.Lanes.Count);
        Assert.Equal(1.0, s.Friction);
        Assert.Equal(60, s.Physics.Hz);
        Assert.Single(s.Egos);
        Assert.Single(s.SpawnPoints);
    }

    [Fact]
    public void Syntax_error_names_the_line()
    {
        var e = Reject("{\n \"name\": \"t\",\n \"track\": { ]\n}");
        Assert.Equal(3, e.Line);
        Assert.Contains("invalid JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_file_is_rejected() => Reject("   ");

    [Fact]
    public void Root_must_be_an_object() => Assert.Contains("expected an object", Reject("[1,2]").Message, StringComparison.Ordinal);

    [Fact]
    public void Unknown_property_suggests_the_nearest_name()
    {
        var e = Reject(Minimal.Replace("\"egos\"", "\"egoss\"", StringComparison.Ordinal));
        Assert.Equal("$.egoss", e.Path);
        Assert.Contains("did you mean 'egos'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_track_is_rejected() =>
        Assert.Equal("$.track", Reject("""{ "name": "t", "egos": [ { "name": "ego" } ] }""").Path);

    [Fact]
    public void Wrong_type_is_rejected()
    {
        var e = Reject(Minimal.Replace("\"name\": \"t\"", "\"name\": \"t\", \"surface\": { \"friction\": \"high\" }", StringComparison.Ordinal));
        Assert.Equal("$.surface.friction", e.Path);
        Assert.Contains("expected a number", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_of_range_value_is_rejected()
    {
        var e = Reject(Minimal.Replace("\"name\": \"t\"", "\"name\": \"t\", \"lanes\": { \"width\": 0.5 }", StringComparison.Ordinal));
        Assert.Equal("$.lanes.width", e.Path);
        Assert.Contains("out of range", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_few_control_points_are_rejected() =>
        Assert.Equal("$.track.controlPoints", Reject("""{ "name": "t", "track": { "controlPoints": [[0,0],[1,0],[1,1]] }, "egos": [ { "name": "e" } ] }""").Path);

    [Fact]
    public void Malformed_point_is_rejected() =>
        Assert.Equal("$.track.controlPoints[1]", Reject("""{ "name": "t", "track": { "controlPoints": [[0,0],[1],[1,1],[0,1]] }, "egos": [ { "name": "e" } ] }""").Path);

    [Fact]
    public void Track_needs_exactly_one_source() =>
        Assert.Contains("not both", Reject("""{ "name": "t", "track": { "controlPoints": [[0,0],[100,0],[100,60],[0,60]], "generator": { "seed": 1 } }, "egos": [ { "name": "e" } ] }""").Message, StringComparison.Ordinal);

    [Fact]
    public void Unknown_prop_type_lists_allowed_values()
    {
        var e = Reject(Minimal.Replace("\"egos\"", "\"props\": [ { \"type\": \"tree\", \"s\": 5 } ], \"egos\"", StringComparison.Ordinal));
        Assert.Equal("$.props[0].type", e.Path);
        Assert.Contains("allowed: Cone", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_sensor_type_is_rejected() =>
        Assert.Equal("$.egos[0].sensors[0].type", Reject(Minimal.Replace("{ \"name\": \"ego\" }", "{ \"name\": \"ego\", \"sensors\": [ { \"type\": \"lidar\" } ] }", StringComparison.Ordinal)).Path);

    [Fact]
    public void Duplicate_sensor_names_are_rejected() =>
        Assert.Contains("duplicate sensor", Reject(Minimal.Replace("{ \"name\": \"ego\" }", "{ \"name\": \"ego\", \"sensors\": [ { \"type\": \"speed\" }, { \"type\": \"speed\" } ] }", StringComparison.Ordinal)).Message, StringComparison.Ordinal);

    [Fact]
    public void Duplicate_ego_names_are_rejected() =>
        Assert.Equal("$.egos[1].name", Reject(Minimal.Replace("{ \"name\": \"ego\" }", "{ \"name\": \"ego\" }, { \"name\": \"ego\" }", StringComparison.Ordinal)).Path);

    [Fact]
    public void No_ego_is_rejected() => Assert.Contains("no ego", Reject(Minimal.Replace("[ { \"name\": \"ego\" } ]", "[]", StringComparison.Ordinal)).Message, StringComparison.Ordinal);

    [Fact]
    public void Lane_that_does_not_exist_is_rejected()
    {
        var e = Reject(Minimal.Replace("\"egos\"", "\"traffic\": [ { \"s\": 10, \"lane\": 2 } ], \"egos\"", StringComparison.Ordinal));
        Assert.Equal("$.traffic[0].lane", e.Path);
        Assert.Contains("1 lane", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inverted_randomization_range_is_rejected() =>
        Assert.Equal("$.randomization.friction", Reject(Minimal.Replace("\"egos\"", "\"randomization\": { \"friction\": [1.1, 0.9] }, \"egos\"", StringComparison.Ordinal)).Path);

    [Fact]
    public void Duplicate_json_keys_are_rejected() => Reject(Minimal.Replace("\"name\": \"t\"", "\"name\": \"t\", \"name\": \"u\"", StringComparison.Ordinal));

    [Fact]
    public void Unknown_enum_value_suggests_nearest() =>
        Assert.Contains("did you mean 'Kinematic'", Reject(Minimal.Replace("\"egos\"", "\"physics\": { \"vehicleModel\": \"kinematik\" }, \"egos\"", StringComparison.Ordinal)).Message, StringComparison.Ordinal);

    [Fact]
    public void Non_integer_where_integer_expected_is_rejected() =>
        Assert.Equal("$.lanes.count", Reject(Minimal.Replace("\"egos\"", "\"lanes\": { \"count\": 1.5 }, \"egos\"", StringComparison.Ordinal)).Path);

    [Fact]
    public void Component_on_unknown_entity_is_rejected() =>
        Assert.Equal("$.components[0].entity", Reject(Minimal.Replace("\"egos\"", "\"components\": [ { \"entity\": \"nobody\", \"type\": \"X\" } ], \"egos\"", StringComparison.Ordinal)).Path);

    [Fact]
    public void Huge_number_is_rejected() => Reject(Minimal.Replace("[100,0]", "[1e400,0]", StringComparison.Ordinal));

    [Fact]
    public void Camera_resolution_out_of_range_is_rejected() =>
        Assert.Equal("$.egos[0].sensors[0].width", Reject(Minimal.Replace("{ \"name\": \"ego\" }", "{ \"name\": \"ego\", \"sensors\": [ { \"type\": \"camera\", \"width\": 4 } ] }", StringComparison.Ordinal)).Path);

    [Fact]
    public void Missing_file_is_a_clear_input_error()
    {
        var e = Assert.Throws<SimInputException>(() => SceneLoader.LoadFile("/nonexistent/scene.json"));
        Assert.Contains("not found", e.Message, StringComparison.Ordinal);
    }
}

public class SensorListTests
{
    [Fact]
    public void Sensor_list_parses_and_replaces_the_ego_sensors()
    {
        var sensors = SceneLoader.ParseSensors("""[{"type": "camera", "width": 64, "height": 48}, {"type": "speed"}]""", "model.pt");
        Assert.Equal([SensorKind.Camera, SensorKind.Speed], sensors.Select(s => s.Kind));
        Assert.Equal(48, sensors[0].Camera!.Height);
        var scene = SceneLoader.WithEgoSensors(SceneLoader.Parse(SceneLoaderTests.Minimal), sensors);
        Assert.Equal(2, scene.Egos[0].Sensors.Length);
    }

    [Theory]
    [InlineData("""[{"type": "radar"}]""", "$.sensors[0].type")]
    [InlineData("""[{"type": "camera", "width": 2}]""", "$.sensors[0].width")]
    [InlineData("""[{"type": "speed"},""", "$.sensors")]
    public void Bad_sensor_lists_are_input_errors(string json, string path)
    {
        var e = Assert.Throws<Simulator.Core.SimInputException>(() => SceneLoader.ParseSensors(json, "model.pt"));
        Assert.Equal(path, e.Path);
        Assert.Equal("model.pt", e.File);
    }
}
