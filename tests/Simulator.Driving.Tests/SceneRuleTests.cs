using Simulator.Core;
using Simulator.Driving.Scenes;

namespace Simulator.Driving.Tests;

/// <summary>The unified reader's rules as scene files see them: every error names file, JSON path and line.</summary>
public class SceneRuleTests
{
    private const string Scene = """
        {
          "name": "rules",
          "track": { "controlPoints": [[0,0],[100,0],[100,60],[0,60]] },
          "lanes": { "count": 2, "width": 3.5 },
          "traffic": [
            { "s": 10, "lane": 0, "desiredSpeed": 8 },
            { "s": 40, "lane": 1, "desiredSpeed": 9 }
          ],
          "egos": [ { "name": "ego" } ]
        }
        """;

    private static SimInputException Reject(string from, string to)
    {
        string json = Scene.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(Scene, json);
        var e = Assert.Throws<SimInputException>(() => SceneLoader.Parse(json, "rules.json"));
        SceneFuzzTests.AssertCleanInputError(e, "rules.json");
        return e;
    }

    [Fact]
    public void The_base_scene_loads() => Assert.Equal(2, SceneLoader.Parse(Scene, "rules.json").Traffic.Length);

    [Theory]
    [InlineData("\"desiredSpeed\": 9", "\"desiredSpeed\": \"9\"", "$.traffic[1].desiredSpeed", 7, "expected a number")]
    [InlineData("\"desiredSpeed\": 9", "\"desiredSpeed\": 1e400", "$.traffic[1].desiredSpeed", 7, "not a finite number")]
    [InlineData("\"desiredSpeed\": 9", "\"desiredSpeed\": -3", "$.traffic[1].desiredSpeed", 7, "out of range")]
    [InlineData("\"width\": 3.5", "\"width\": -3.5", "$.lanes.width", 4, "out of range")]
    [InlineData("\"count\": 2", "\"count\": 2.5", "$.lanes.count", 4, "whole number")]
    [InlineData("{ \"name\": \"ego\" }", "{ \"name\": \"\" }", "$.egos[0].name", 9, "empty")]
    [InlineData("{ \"name\": \"ego\" }", "{ \"name\": \"  \" }", "$.egos[0].name", 9, "empty")]
    [InlineData("\"name\": \"rules\"", "\"name\": \"\"", "$.name", 2, "empty")]
    [InlineData("\"desiredSpeed\": 8", "\"desiredSpeeds\": 8", "$.traffic[0].desiredSpeeds", 6, "did you mean 'desiredSpeed'?")]
    [InlineData("\"lanes\": {", "\"lane\": {", "$.lane", 4, "did you mean 'lanes'?")]
    [InlineData("\"count\": 2,", "\"count\": 2, \"xyzzy\": 1,", "$.lanes.xyzzy", 4, "allowed: count, width")]
    public void Unified_rules_name_path_and_line(string from, string to, string path, int line, string text)
    {
        var e = Reject(from, to);
        Assert.Equal(path, e.Path);
        Assert.Equal(line, e.Line);
        Assert.Contains(text, e.Message, StringComparison.Ordinal);
        Assert.StartsWith($"rules.json:{line} at {path}: ", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    public void Non_finite_literals_are_syntax_errors_with_the_line(string literal)
    {
        var e = Reject("\"desiredSpeed\": 9", "\"desiredSpeed\": " + literal);
        Assert.Equal(7, e.Line);
        Assert.Contains("invalid JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_required_field_names_the_object_line()
    {
        var e = Reject("{ \"name\": \"ego\" }", "{ }");
        Assert.Equal("$.egos[0].name", e.Path);
        Assert.Equal(9, e.Line);
        Assert.Contains("required field 'name' is missing", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n  ")]
    public void Empty_scene_file_is_an_error(string text)
    {
        var e = Assert.Throws<SimInputException>(() => SceneLoader.Parse(text, "empty.json"));
        Assert.Contains("empty", e.Message, StringComparison.Ordinal);
        Assert.Equal("empty.json", e.File);
    }

    [Fact]
    public void Schema_and_comment_fields_are_always_allowed() =>
        SceneLoader.Parse(Scene.Replace("\"s\": 10,", "\"comment\": \"lead car\", \"s\": 10,", StringComparison.Ordinal), "rules.json");
}
