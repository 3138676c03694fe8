using System.Text.Json;
using Simulator.Core;

namespace Simulator.World.Tests;

/// <summary>The plugin use case: a component type the engine does not know, registered by name.</summary>
internal sealed class Odometer : Behaviour
{
    public enum Unit { Metres, Kilometres }

    public Odometer(double speed, Unit unit, Vec2 direction, string? label)
    {
        Speed = speed;
        DisplayUnit = unit;
        Direction = direction.Normalized();
        Label = label;
    }

    public double Speed { get; }
    public Unit DisplayUnit { get; }
    public Vec2 Direction { get; }
    public string? Label { get; }
    public double Distance { get; private set; }
    public double Reading => DisplayUnit == Unit.Kilometres ? Distance / 1000 : Distance;

    public static Odometer FromConfig(ComponentConfig config)
    {
        config.RejectUnknownFields("speed", "unit", "direction", "label");
        return new Odometer(
            config.RequireDouble("speed", 0, 100),
            config.OptionalEnum("unit", Unit.Metres),
            config.OptionalVec2("direction", Vec2.UnitX),
            config.OptionalString("label"));
    }

    protected override void FixedUpdate(in StepInfo step)
    {
        Distance += Speed * step.DeltaTime;
        var position = Entity.GetComponent<Position>();
        if (position != null)
        {
            position.Value += Direction * (Speed * step.DeltaTime);
        }
    }
}

public class RegistryTests
{
    private const string File = "scene.json";

    private static ComponentRegistry Registry()
    {
        var registry = new ComponentRegistry();
        registry.Register("Odometer", Odometer.FromConfig);
        registry.Register<Position>("Position");
        return registry;
    }

    private static ComponentConfig Config(string json, string path = "$.entities[0].components[0]") =>
        new(JsonDocument.Parse(json).RootElement, path, File);

    [Fact]
    public void Custom_component_from_json_runs_in_the_loop()
    {
        var world = new World(0.5);
        var entities = SceneLoader.LoadJson(world, Registry(), """
            {
              "entities": [
                { "name": "car", "tags": ["vehicle"], "components": [
                    { "type": "Position" },
                    { "type": "Odometer", "speed": 4, "unit": "kilometres", "direction": [0, 2], "label": "trip" }
                ] },
                { "name": "marker" }
              ]
            }
            """, File);

        Assert.Equal(2, entities.Count);
        var car = entities[0];
        Assert.True(car.HasTag("vehicle"));
        var odometer = car.RequireComponent<Odometer>();
        Assert.Equal(Odometer.Unit.Kilometres, odometer.DisplayUnit);
        Assert.Equal("trip", odometer.Label);

        world.Step(10);

        Assert.Equal(20.0, odometer.Distance);
        Assert.Equal(0.02, odometer.Reading);
        Assert.Equal(new Vec2(0, 20), car.RequireComponent<Position>().Value);
    }

    [Fact]
    public void Unknown_type_lists_known_names_and_points_at_the_field()
    {
        var e = Assert.Throws<SimInputException>(() => Registry().Create(Config("""{ "type": "Odometr", "speed": 1 }""")));
        Assert.Equal(File, e.File);
        Assert.Equal("$.entities[0].components[0].type", e.Path);
        Assert.Contains("unknown component type 'Odometr'", e.Message, StringComparison.Ordinal);
        Assert.Contains("known types: Odometer, Position", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, e.ExitCode);
    }

    [Fact]
    public void Missing_type_is_a_clear_error()
    {
        var e = Assert.Throws<SimInputException>(() => Registry().Create(Config("""{ "speed": 1 }""")));
        Assert.Equal("$.entities[0].components[0].type", e.Path);
    }

    [Fact]
    public void Duplicate_registration_is_rejected()
    {
        var registry = Registry();
        var e = Assert.Throws<InvalidOperationException>(() => registry.Register("Odometer", Odometer.FromConfig));
        Assert.Contains("'Odometer' is already registered", e.Message, StringComparison.Ordinal);
        Assert.Equal(["Odometer", "Position"], registry.TypeNames);
        Assert.True(registry.Contains("Position"));
    }

    [Theory]
    [InlineData("""{ "type": "Odometer" }""", "speed", "required field 'speed' is missing")]
    [InlineData("""{ "type": "Odometer", "speed": "fast" }""", "speed", "expected a number, found \"fast\"")]
    [InlineData("""{ "type": "Odometer", "speed": 250 }""", "speed", "250 is out of range")]
    [InlineData("""{ "type": "Odometer", "speed": 1, "unit": "miles" }""", "unit", "unknown value \"miles\"")]
    [InlineData("""{ "type": "Odometer", "speed": 1, "unit": 1 }""", "unit", "expected one of Metres, Kilometres, found 1")]
    [InlineData("""{ "type": "Odometer", "speed": 1, "direction": [1] }""", "direction", "expected a vector [x, y]")]
    [InlineData("""{ "type": "Odometer", "speed": 1, "label": 3 }""", "label", "expected a string, found 3")]
    [InlineData("""{ "type": "Odometer", "speed": 1, "sped": 2 }""", "sped", "unknown field 'sped'")]
    [InlineData("""{ "type": "Position", "x": 2 }""", "x", "unknown field 'x'")]
    public void Bad_fields_name_file_and_json_path(string json, string field, string problem)
    {
        var e = Assert.Throws<SimInputException>(() => Registry().Create(Config(json, "$.cars[3]")));
        Assert.Equal(File, e.File);
        Assert.Equal($"$.cars[3].{field}", e.Path);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{File} at $.cars[3].{field}: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Typed_reads_cover_ints_bools_objects_and_defaults()
    {
        var config = Config("""{ "lanes": 3, "night": true, "nested": { "gain": 0.5 }, "skip": null }""", "$");
        Assert.Equal(3, config.RequireInt("lanes", 1, 8));
        Assert.True(config.RequireBool("night"));
        Assert.False(config.OptionalBool("rain", false));
        Assert.Equal(7, config.OptionalInt("skip", 7));
        Assert.Equal(1.5, config.OptionalDouble("missing", 1.5));
        var nested = config.RequireObject("nested");
        Assert.Equal("$.nested", nested.Path);
        Assert.Equal(0.5, nested.RequireDouble("gain"));
        var e = Assert.Throws<SimInputException>(() => nested.RequireDouble("gain", 1, 2));
        Assert.Equal("$.nested.gain", e.Path);
        Assert.Contains("[1, 2]", e.Message, StringComparison.Ordinal);
        Assert.Throws<SimInputException>(() => config.RequireInt("lanes", 4, 8));
        Assert.Throws<SimInputException>(() => Config("[1, 2]", "$.x"));
    }

    [Fact]
    public void Constructor_argument_errors_become_input_errors_with_the_path()
    {
        var registry = new ComponentRegistry();
        registry.Register("Picky", static c => throw new ArgumentException("radius must be positive"));
        var e = Assert.Throws<SimInputException>(() => registry.Create(Config("""{ "type": "Picky" }""", "$.p")));
        Assert.Equal("$.p", e.Path);
        Assert.Contains("radius must be positive", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_scene_leaves_the_world_untouched()
    {
        var world = new World(0.1);
        var e = Assert.Throws<SimInputException>(() => SceneLoader.LoadJson(world, Registry(), """
            { "entities": [
                { "name": "ok", "components": [ { "type": "Position" } ] },
                { "name": "bad", "components": [ { "type": "Odometer", "speed": -1 } ] }
            ] }
            """, File));
        Assert.Equal("$.entities[1].components[0].speed", e.Path);
        Assert.Equal(0, world.EntityCount);
    }

    [Theory]
    [InlineData("""{ "entities": [ { "name": "a", "colour": "red" } ] }""", "$.entities[0].colour")]
    [InlineData("""{ "entities": [ { "name": "a", "tags": ["x", 1] } ] }""", "$.entities[0].tags[1]")]
    [InlineData("""{ "entities": [ { "tags": [] } ] }""", "$.entities[0].name")]
    [InlineData("""{ "entities": {} }""", "$.entities")]
    [InlineData("""{ "things": [] }""", "$")]
    public void Scene_structure_errors_name_the_path(string json, string path)
    {
        var e = Assert.Throws<SimInputException>(() => SceneLoader.LoadJson(new World(0.1), Registry(), json, File));
        Assert.Equal(path, e.Path);
    }

    [Fact]
    public void Json_syntax_errors_give_the_line()
    {
        var e = Assert.Throws<SimInputException>(() => SceneLoader.LoadJson(new World(0.1), Registry(), "{\n \"entities\": [\n  { \"name\": }\n ] }", File));
        Assert.Equal(3, e.Line);
        Assert.StartsWith($"{File}:3", e.Message, StringComparison.Ordinal);
    }
}
