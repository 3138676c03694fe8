using Simulator.Core;
using Simulator.Learning.Driving;
using Simulator.Learning.Runs;
using Simulator.Perception.Loop;
using Simulator.Perception.Onnx;

namespace Simulator.Learning.Tests;

/// <summary>The trainer config's <c>perception:</c> block and its record in a model's meta.</summary>
public class PerceptionConfigTests
{
    [Fact]
    public void Without_the_block_there_is_no_perception_and_an_empty_block_gives_the_shipped_models()
    {
        Assert.Null(TrainerConfigYaml.Parse("name: a\n").Perception);
        Assert.Null(TrainerConfigYaml.Parse("name: a\nperception: ~\n").Perception);
        var p = TrainerConfigYaml.Parse("name: a\nperception: {}\n").Perception!;
        Assert.Equal(PerceptionConfig.ShippedLaneModel, p.LaneModel);
        Assert.Equal(PerceptionConfig.ShippedObjectModel, p.ObjectModel);
        Assert.True(p.Pixels);
        Assert.Equal(ExecutionProvider.Cpu, p.Ep);
        Assert.Equal(1, p.Threads);
    }

    [Fact]
    public void Every_setting_is_read_and_relative_paths_resolve_against_the_root()
    {
        var c = TrainerConfigYaml.Parse("name: a\nperception:\n  lane_model: my/lanes.onnx\n  object_model: /abs/objects.onnx\n  pixels: false\n  ep: cuda\n  threads: 2\n");
        Assert.Equal(new PerceptionSettings { LaneModel = "my/lanes.onnx", ObjectModel = "/abs/objects.onnx", Pixels = false, Ep = ExecutionProvider.Cuda, Threads = 2 }, c.Perception);
        PerceptionConfig stage = c.Perception!.ToConfig("/repo");
        Assert.Equal(Path.Combine("/repo", "my/lanes.onnx"), stage.LaneModel);
        Assert.Equal("/abs/objects.onnx", stage.ObjectModel);
        Assert.Equal(ExecutionProvider.Cuda, stage.Run.Provider);
        Assert.Equal(2, stage.Run.IntraOpThreads);
    }

    [Theory]
    [InlineData("name: a\nperception:\n  lane_modle: x.onnx\n", "perception.lane_modle", 3, "did you mean 'lane_model'?")]
    [InlineData("name: a\nperception:\n  threads: 0\n", "perception.threads", 3, "out of range")]
    [InlineData("name: a\nperception:\n  threads: 65\n", "perception.threads", 3, "out of range")]
    [InlineData("name: a\nperception:\n  threads: .nan\n", "perception.threads", 3, "not a finite number")]
    [InlineData("name: a\nperception:\n  pixels: maybe\n", "perception.pixels", 3, "expected true or false")]
    [InlineData("name: a\nperception:\n  ep: tpu\n", "perception.ep", 3, "unknown value")]
    [InlineData("name: a\nperception:\n  object_model: ''\n", "perception.object_model", 3, "empty")]
    [InlineData("name: a\nperception: yes\n", "perception", 2, "expected a block of settings")]
    [InlineData("name: a\nbc:\n  demos: [runs/a.mcap]\nperception:\n  pixels: false\n", "bc.demos", 3, "no perception features")]
    public void Bad_perception_settings_name_file_key_and_line(string yaml, string path, int line, string text)
    {
        var e = Assert.Throws<SimInputException>(() => TrainerConfigYaml.Parse(yaml, "cfg.yaml"));
        Assert.Equal(path, e.Path);
        Assert.Equal("cfg.yaml", e.File);
        Assert.Equal(line, e.Line);
        Assert.Contains(text, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Dml_is_refused_off_windows_at_the_key()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Equal(ExecutionProvider.Dml, TrainerConfigYaml.Parse("name: a\nperception:\n  ep: dml\n", "cfg.yaml").Perception!.Ep);
            return;
        }
        var e = Assert.Throws<SimInputException>(() => TrainerConfigYaml.Parse("name: a\nperception:\n  ep: dml\n", "cfg.yaml"));
        Assert.Equal("perception.ep", e.Path);
        Assert.Equal(3, e.Line);
        Assert.Contains("Windows", e.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name: a\n")]
    [InlineData("name: a\nperception:\n  lane_model: l.onnx\n  pixels: false\n  ep: cuda\n  threads: 3\n")]
    public void Written_config_reads_back_the_same_perception(string yaml)
    {
        var c = TrainerConfigYaml.Parse(yaml);
        var back = TrainerConfigYaml.Parse(TrainerConfigYaml.Write(c));
        Assert.Equal(c.Perception, back.Perception);
        Assert.Equal(TrainerConfigYaml.Write(c), TrainerConfigYaml.Write(back));
    }

    [Fact]
    public void Models_saved_before_perception_load_without_it()
    {
        var meta = ModelFile.ReadMeta(TrainerConfigTests.RepoFile("models", "pixels-driver.pt"));
        Assert.Null(meta.Perception);
        Assert.True(meta.UsesCamera());
        var settings = EvalSettings.ForModel(meta, "/repo");
        Assert.Null(settings.Perception);
        Assert.Equal(meta.ActionRepeat, settings.ActionRepeat);
    }
}
