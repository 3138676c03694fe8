using Simulator.Core;
using Simulator.Driving.Scenes;
using Simulator.Learning.Ppo;
using Simulator.Learning.Runs;

namespace Simulator.Learning.Tests;

/// <summary>Trainer configs follow the scene files' rules: every error names file, key path and line, in plain words.</summary>
public class ConfigYamlRuleTests
{
    private static SimInputException Reject(string yaml)
    {
        var e = Assert.Throws<SimInputException>(() => TrainerConfigYaml.Parse(yaml, "cfg.yaml"));
        ConfigFuzzTests.AssertCleanInputError(e, "cfg.yaml");
        return e;
    }

    [Theory]
    [InlineData("name: a\nppo:\n  learning_rate: .nan\n", "ppo.learning_rate", 3, "not a finite number")]
    [InlineData("name: a\nppo:\n  learning_rate: .inf\n", "ppo.learning_rate", 3, "not a finite number")]
    [InlineData("name: a\nppo:\n  gamma: -.inf\n", "ppo.gamma", 3, "not a finite number")]
    [InlineData("name: a\nppo:\n  learning_rate: NaN\n", "ppo.learning_rate", 3, "not a finite number")]
    [InlineData("name: a\nppo:\n  learning_rate: -0.1\n", "ppo.learning_rate", 3, "out of range")]
    [InlineData("name: a\nppo:\n  learning_rate: '0.1'\n", "ppo.learning_rate", 3, "expected a number")]
    [InlineData("name: a\nppo:\n  learning_rate: fast\n", "ppo.learning_rate", 3, "expected a number")]
    [InlineData("name: a\nppo:\n  epochs: 2.5\n", "ppo.epochs", 3, "whole number")]
    [InlineData("name: a\nppo:\n  network:\n    frame_stack: 99\n", "ppo.network.frame_stack", 4, "out of range")]
    [InlineData("name: a\nppo:\n  network:\n    vector_hidden: [64, -1]\n", "ppo.network.vector_hidden[1]", 4, "out of range")]
    [InlineData("name: a\nseed: -1\n", "seed", 2, "out of range")]
    [InlineData("name: a\nenvs: 100000\n", "envs", 2, "out of range")]
    [InlineData("name: a\nbc:\n  steer_noise: 2\n", "bc.steer_noise", 3, "out of range")]
    [InlineData("name: a\nbc:\n  demos: ['runs/a.mcap', '']\n", "bc.demos[1]", 3, "empty")]
    [InlineData("name: a\nbc:\n  demos: runs/a.mcap\n", "bc.demos", 3, "list")]
    [InlineData("name: a\neval:\n  every: -10\n", "eval.every", 3, "out of range")]
    [InlineData("name: a\ngenerator:\n  time_limit: .inf\n", "generator.time_limit", 3, "not a finite number")]
    [InlineData("name: a\ngenerator:\n  obstacles: -2\n", "generator.obstacles", 3, "out of range")]
    [InlineData("name: ''\n", "name", 1, "empty")]
    [InlineData("name: a\ndevice:\n", "device", 2, "no value")]
    [InlineData("name: a\nscenes: ['oval', '']\n", "scenes[1]", 2, "empty")]
    [InlineData("name: a\nactions: continous\n", "actions", 2, "did you mean 'continuous'?")]
    [InlineData("name: a\nenvz: 4\n", "envz", 2, "did you mean 'envs'?")]
    [InlineData("name: a\nppo:\n  gama: 0.9\n", "ppo.gama", 3, "did you mean 'gamma'?")]
    [InlineData("name: a\nppo: 3\n", "ppo", 2, "expected a block of settings")]
    [InlineData("name: a\nanneal: [1]\n", "anneal", 2, "unknown key")]
    public void Bad_values_name_key_path_and_line(string yaml, string path, int line, string text)
    {
        var e = Reject(yaml);
        Assert.Equal(path, e.Path);
        Assert.Equal(line, e.Line);
        Assert.Contains(text, e.Message, StringComparison.Ordinal);
        Assert.StartsWith($"cfg.yaml:{line} at {path}: ", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n")]
    [InlineData("# only a comment\n")]
    [InlineData("~\n")]
    [InlineData("---\n")]
    public void Empty_config_is_an_error_not_defaults(string yaml) => Assert.Contains("empty", Reject(yaml).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("- name: a\n", "a list")]
    [InlineData("just some text\n", "'just some text'")]
    [InlineData("42\n", "'42'")]
    public void Config_that_is_not_a_mapping_is_an_error(string yaml, string found)
    {
        var e = Reject(yaml);
        Assert.Contains("expected a mapping of settings", e.Message, StringComparison.Ordinal);
        Assert.Contains(found, e.Message, StringComparison.Ordinal);
        Assert.Equal(1, e.Line);
    }

    [Theory]
    [InlineData("name: a\nenvs: [1,\n")]
    [InlineData("name: a\n  envs: 4\n")]
    [InlineData("name: a\nname: b\n")]
    [InlineData("name: 'a\n")]
    [InlineData("name: *nothing\n")]
    public void Syntax_errors_have_a_line_and_no_library_internals(string yaml)
    {
        var e = Reject(yaml);
        Assert.NotNull(e.Line);
        Assert.Contains("invalid YAML", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sensors_are_a_yaml_list_with_the_scene_keys()
    {
        var c = TrainerConfigYaml.Parse("""
            name: cam
            generator:
              ego_sensors:
                - type: camera
                  width: 64
                  height: 48
                  mount: { x: 1.9, pitch: -9 }
                - type: rays
                  count: 5
            """, "cfg.yaml");
        var sensors = c.Generator!.EgoSensors;
        Assert.Equal([SensorKind.Camera, SensorKind.Rays], sensors.Select(s => s.Kind));
        Assert.Equal(48, sensors[0].Camera!.Height);
        Assert.Equal(-9, sensors[0].Camera!.Pitch);
        Assert.Equal(5, sensors[1].RayCount);
        Assert.Contains("- type: camera", TrainerConfigYaml.Write(c), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("      - type: camera\n        width: 4\n", "generator.ego_sensors[0].width", 5, "out of range")]
    [InlineData("      - type: camera\n        widht: 64\n", "generator.ego_sensors[0].widht", 5, "did you mean 'width'?")]
    [InlineData("      - type: speed\n      - type: lidar\n", "generator.ego_sensors[1].type", 5, "unknown value")]
    [InlineData("      - type: camera\n        fov: .nan\n", "generator.ego_sensors[0].fov", 5, "not a finite number")]
    [InlineData("      - type: camera\n        name: ''\n", "generator.ego_sensors[0].name", 5, "empty")]
    public void Sensor_errors_name_the_yaml_key_path_and_line(string sensors, string path, int line, string text)
    {
        var e = Reject("name: a\ngenerator:\n  ego_sensors:\n" + sensors.Replace("      ", "    ", StringComparison.Ordinal));
        Assert.Equal(path, e.Path);
        Assert.Equal(line, e.Line);
        Assert.Contains(text, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sensors_as_json_text_are_refused_with_the_yaml_form_as_hint()
    {
        var e = Reject("name: a\ngenerator:\n  ego_sensors: '[{\"type\": \"camera\"}]'\n");
        Assert.Equal("generator.ego_sensors", e.Path);
        Assert.Contains("- type: camera", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ppo_options_follow_the_same_rules()
    {
        var e = Assert.Throws<SimInputException>(() => PpoOptionsYaml.Parse("gamma: 0.9\nclip_range: .inf\n", "ppo.yaml"));
        Assert.Equal("clip_range", e.Path);
        Assert.Equal(2, e.Line);
        Assert.Throws<SimInputException>(() => PpoOptionsYaml.Parse("", "ppo.yaml"));
        var empty = Assert.Throws<SimInputException>(() => PpoOptionsYaml.Parse("network:\n  vector_hidden: []\n", "ppo.yaml"));
        Assert.Equal("network.vector_hidden", empty.Path);
        Assert.Equal(2, empty.Line);
    }

    [Fact]
    public void Every_numeric_setting_documents_its_range()
    {
        foreach (var type in new[] { typeof(TrainerConfig), typeof(GeneratorConfig), typeof(BcConfig), typeof(EvalConfig), typeof(PpoOptions), typeof(Networks.NetworkOptions) })
        {
            foreach (var p in type.GetProperties().Where(p => p.CanWrite))
            {
                var t = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
                if (t == typeof(int) || t == typeof(long) || t == typeof(ulong) || t == typeof(double) || t == typeof(int[]))
                {
                    Assert.True(p.GetCustomAttributes(typeof(ConfigRangeAttribute), false).Length == 1, $"{type.Name}.{p.Name} has no ConfigRange");
                }
            }
        }
    }

    [Fact]
    public void Value_clip_range_may_be_null()
    {
        var o = PpoOptionsYaml.Parse("value_clip_range: ~\ngamma: 0.9\n", "ppo.yaml");
        Assert.Null(o.ValueClipRange);
    }
}
