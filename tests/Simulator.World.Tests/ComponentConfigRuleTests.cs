using System.Text.Json;
using Simulator.Core;

namespace Simulator.World.Tests;

/// <summary>Component settings follow the scene files' rules: they are read by the same reader.</summary>
public class ComponentConfigRuleTests
{
    private static ComponentConfig Config(string json) => new(JsonDocument.Parse(json).RootElement, "$.c", "scene.json");

    [Theory]
    [InlineData("""{ "speed": "4" }""", "expected a number")]
    [InlineData("""{ "speed": 1e400 }""", "not a finite number")]
    [InlineData("""{ "speed": -1 }""", "out of range")]
    [InlineData("""{ "speed": true }""", "expected a number")]
    public void Numbers_must_be_finite_json_numbers_in_range(string json, string problem)
    {
        var e = Assert.Throws<SimInputException>(() => Config(json).RequireDouble("speed", 0, 100));
        Assert.Equal("$.c.speed", e.Path);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "label": "" }""")]
    [InlineData("""{ "label": "   " }""")]
    public void Blank_strings_are_refused(string json)
    {
        var e = Assert.Throws<SimInputException>(() => Config(json).OptionalString("label"));
        Assert.Equal("$.c.label", e.Path);
        Assert.Contains("empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_fields_get_a_did_you_mean_hint_and_comment_is_allowed()
    {
        var e = Assert.Throws<SimInputException>(() => Config("""{ "type": "X", "sped": 1 }""").RejectUnknownFields("speed", "unit"));
        Assert.Contains("did you mean 'speed'?", e.Message, StringComparison.Ordinal);
        Config("""{ "type": "X", "comment": "why", "speed": 1 }""").RejectUnknownFields("speed");
    }

    [Fact]
    public void Errors_in_a_scene_file_name_the_line()
    {
        var registry = new ComponentRegistry();
        registry.Register("Picky", static c =>
        {
            c.RejectUnknownFields("speed");
            c.RequireDouble("speed", 0, 10);
            return new Position();
        });
        var e = Assert.Throws<SimInputException>(() => SceneLoader.LoadJson(new World(0.1), registry, """
            {
              "entities": [
                { "name": "a", "components": [
                  { "type": "Picky",
                    "speed": 11 }
                ] }
              ]
            }
            """, "scene.json"));
        Assert.Equal("$.entities[0].components[0].speed", e.Path);
        Assert.Equal(5, e.Line);
        Assert.StartsWith("scene.json:5 at $.entities[0].components[0].speed: 11 is out of range", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_entity_name_is_refused_with_its_line()
    {
        var e = Assert.Throws<SimInputException>(() => SceneLoader.LoadJson(new World(0.1), new ComponentRegistry(), "{\n \"entities\": [\n  { \"name\": \"\" }\n ] }", "scene.json"));
        Assert.Equal("$.entities[0].name", e.Path);
        Assert.Equal(3, e.Line);
    }
}
