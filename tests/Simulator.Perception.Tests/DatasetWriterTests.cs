using System.Text.Json;
using Simulator.Perception.Data;
using Simulator.Perception.Dataset;

namespace Simulator.Perception.Tests;

[Collection(RendererCollection.Name)]
public sealed class DatasetWriterTests(RendererFixture fx) : IDisposable
{
    private static readonly PerceptionDatasetOptions s_small = new()
    {
        TrainFrames = 6, ValFrames = 2, TestFrames = 2, Tracks = 2, Envs = 2, WarmupSteps = 60, StepsPerFrame = 20,
    };

    private readonly string _root = Path.Combine(Path.GetTempPath(), "sim-perception-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void Written_dataset_reads_back_into_the_same_frames()
    {
        string dir = Path.Combine(_root, "a");
        using var gen = new PerceptionDatasetGenerator(s_small, fx.Renderer);
        var summary = new PerceptionDatasetWriter(dir).Write(gen);
        Assert.Equal(10, summary.Total);
        foreach (var split in PerceptionSplits.All)
        {
            var expected = gen.Generate(split).ToList();
            var actual = PerceptionDatasetReader.Read(dir, split).ToList();
            Assert.Equal(expected.Count, actual.Count);
            Assert.Equal(expected.Count, PerceptionDatasetReader.Count(dir, split));
            for (int i = 0; i < expected.Count; i++)
            {
                var (e, a) = (expected[i], actual[i]);
                Assert.Equal((e.Width, e.Height, e.Info), (a.Width, a.Height, a.Info));
                Assert.Equal(e.Rgba, a.Rgba);
                Assert.Equal(e.Classes, a.Classes);
                Assert.Equal(e.Semantic, a.Semantic);
                Assert.Equal(e.Boxes, a.Boxes);
                Assert.Equal(e.Lanes.Select(l => l.Id), a.Lanes.Select(l => l.Id));
                for (int k = 0; k < e.Lanes.Length; k++)
                {
                    Assert.Equal(e.Lanes[k].ImagePoints, a.Lanes[k].ImagePoints);
                    Assert.Equal(e.Lanes[k].VehiclePoints, a.Lanes[k].VehiclePoints);
                }
            }
        }
        // The formats other tools read.
        using var coco = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "train", "coco.json")));
        Assert.Equal(6, coco.RootElement.GetProperty("images").GetArrayLength());
        Assert.Equal(5, coco.RootElement.GetProperty("categories").GetArrayLength());
        foreach (var a in coco.RootElement.GetProperty("annotations").EnumerateArray())
        {
            var bbox = a.GetProperty("bbox").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Assert.Equal(bbox[2] * bbox[3], a.GetProperty("area").GetDouble(), 6);
            Assert.Equal(0, a.GetProperty("iscrowd").GetInt32());
        }
        Assert.Equal(string.Join('\n', PerceptionClasses.ObjectClassNames) + "\n", File.ReadAllText(Path.Combine(dir, "train", "yolo", "classes.txt")));
        var first = File.ReadLines(Path.Combine(dir, "train", "lanes.json")).First();
        using var lanes = JsonDocument.Parse(first);
        int samples = lanes.RootElement.GetProperty("h_samples").GetArrayLength();
        Assert.Equal(48, samples);
        Assert.All(lanes.RootElement.GetProperty("lanes").EnumerateArray(), l => Assert.Equal(samples, l.GetArrayLength()));
        Assert.Equal("images/000000.png", lanes.RootElement.GetProperty("raw_file").GetString());
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "manifest.json")));
        Assert.Equal(6, manifest.RootElement.GetProperty("splits").GetProperty("train").GetProperty("frames").GetInt32());
        Assert.Equal(2, manifest.RootElement.GetProperty("splits").GetProperty("val").GetProperty("trackSeeds").GetArrayLength());
        fx.AssertNoValidationMessages();
    }

    [Fact]
    public void Same_options_write_byte_identical_files()
    {
        string a = Path.Combine(_root, "a"), b = Path.Combine(_root, "b");
        using (var gen = new PerceptionDatasetGenerator(s_small, fx.Renderer))
        {
            new PerceptionDatasetWriter(a).Write(gen);
        }
        using (var gen = new PerceptionDatasetGenerator(s_small, fx.Renderer))
        {
            new PerceptionDatasetWriter(b).Write(gen);
        }
        var files = Directory.GetFiles(a, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(a, f)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(files, Directory.GetFiles(b, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(b, f)).Order(StringComparer.Ordinal));
        // 10 frames × (image, mask, semantic, yolo) + 3 × (coco, lanes, classes) + manifest.
        Assert.Equal(10 * 4 + 3 * 3 + 1, files.Length);
        foreach (var f in files)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(a, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(b, f))), $"{f} differs");
        }
    }

    [Fact]
    public void A_non_empty_output_folder_is_refused()
    {
        Directory.CreateDirectory(_root);
        File.WriteAllText(Path.Combine(_root, "x"), "x");
        var e = Assert.Throws<Core.SimInputException>(() => new PerceptionDatasetWriter(_root));
        Assert.Contains("not empty", e.Message);
    }

    [Fact]
    public void Damaged_dataset_files_are_clear_errors()
    {
        string dir = Path.Combine(_root, "a");
        using var gen = new PerceptionDatasetGenerator(s_small with { TrainFrames = 2, ValFrames = 0, TestFrames = 0 }, fx.Renderer);
        new PerceptionDatasetWriter(dir).Write(gen);
        File.WriteAllText(Path.Combine(dir, "train", "masks", "000001.png"), "not a png");
        var e = Assert.Throws<Core.SimInputException>(() => PerceptionDatasetReader.Read(dir, "train").ToList());
        Assert.Contains("000001.png", e.Message);
        File.WriteAllText(Path.Combine(dir, "train", "lanes.json"), "{}\n");
        e = Assert.Throws<Core.SimInputException>(() => PerceptionDatasetReader.Read(dir, "train").ToList());
        Assert.Contains("lanes.json", e.Message);
    }
}
