using Simulator.Perception.Data;
using Simulator.Perception.Dataset;

namespace Simulator.Perception.Tests;

[Collection(RendererCollection.Name)]
public class DatasetGeneratorTests(RendererFixture fx)
{
    private static readonly PerceptionDatasetOptions s_small = new()
    {
        TrainFrames = 10, ValFrames = 3, TestFrames = 3, Tracks = 3, Envs = 2, WarmupSteps = 10, StepsPerFrame = 5,
    };

    [Fact]
    public void Same_options_give_the_same_frames_bit_for_bit()
    {
        var a = Generate(s_small, PerceptionSplits.Train);
        var b = Generate(s_small, PerceptionSplits.Train);
        Assert.Equal(10, a.Count);
        Assert.Equal(a.Count, b.Count);
        for (int i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i].Info, b[i].Info);
            Assert.Equal(a[i].Rgba, b[i].Rgba);
            Assert.Equal(a[i].Semantic, b[i].Semantic);
            Assert.Equal(a[i].Classes, b[i].Classes);
            Assert.Equal(a[i].Boxes, b[i].Boxes);
            Assert.Equal(a[i].Lanes.Length, b[i].Lanes.Length);
            for (int k = 0; k < a[i].Lanes.Length; k++)
            {
                Assert.Equal(a[i].Lanes[k].Id, b[i].Lanes[k].Id);
                Assert.Equal(a[i].Lanes[k].ImagePoints, b[i].Lanes[k].ImagePoints);
                Assert.Equal(a[i].Lanes[k].VehiclePoints, b[i].Lanes[k].VehiclePoints);
            }
        }
        // Another dataset seed gives other tracks and other frames.
        var c = Generate(s_small with { Seed = 5 }, PerceptionSplits.Train);
        Assert.NotEqual(a[0].Info.TrackSeed, c[0].Info.TrackSeed);
        Assert.NotEqual(a[0].Rgba, c[0].Rgba);
        fx.AssertNoValidationMessages();
    }

    [Fact]
    public void Frames_are_shared_between_tracks_and_labelled()
    {
        var frames = Generate(s_small, PerceptionSplits.Val);
        Assert.Equal(3, frames.Count);
        Assert.All(frames, f =>
        {
            Assert.Equal((96, 96), (f.Width, f.Height));
            Assert.Equal(96 * 96 * 4, f.Rgba.Length);
            Assert.Equal(PerceptionSplits.Val, f.Info.Split);
            Assert.True(PerceptionSplits.InRange(PerceptionSplits.Val, (ulong)f.Info.TrackSeed));
            Assert.NotEmpty(f.Lanes);
            Assert.All(f.Boxes, b => Assert.True(b.X1 > b.X0 && b.Y1 > b.Y0 && b.VisibleFraction is > 0 and <= 1));
        });
        // 3 frames over 3 tracks: one each.
        Assert.Equal(3, frames.Select(f => f.Info.TrackSeed).Distinct().Count());
    }

    [Fact]
    public void Scene_files_are_driven_in_every_split_and_loaded_once()
    {
        string procedural = Path.Combine(TestScenes.RepoRoot(), "scenes", "procedural.json");
        using var gen = new PerceptionDatasetGenerator(s_small with { Scenes = [procedural], TrainFrames = 2, ValFrames = 1 }, fx.Renderer);
        Assert.Empty(gen.TrackSeeds(PerceptionSplits.Train));
        var train = gen.Generate(PerceptionSplits.Train).ToList();
        var val = gen.Generate(PerceptionSplits.Val).ToList();
        Assert.Equal(2, train.Count);
        Assert.Single(val);
        Assert.All(train.Concat(val), f => Assert.Equal(("procedural", 42), (f.Info.Scene, f.Info.TrackSeed)));
        // Other episode seeds per split: the views differ.
        Assert.NotEqual(train[0].Rgba, val[0].Rgba);
        int sets = fx.Renderer.StaticSetCount;
        _ = gen.Generate(PerceptionSplits.Test).ToList();
        Assert.Equal(sets, fx.Renderer.StaticSetCount);
        fx.AssertNoValidationMessages();
    }

    [Fact]
    public void Split_seed_ranges_never_overlap()
    {
        var ranges = PerceptionSplits.All.Select(s => (Start: PerceptionSplits.SeedBase(s), End: PerceptionSplits.SeedBase(s) + PerceptionSplits.SeedsPerSplit)).ToArray();
        for (int i = 0; i < ranges.Length; i++)
        {
            for (int j = i + 1; j < ranges.Length; j++)
            {
                Assert.True(ranges[i].End <= ranges[j].Start || ranges[j].End <= ranges[i].Start, $"{PerceptionSplits.All[i]} and {PerceptionSplits.All[j]} overlap");
            }
        }
        foreach (ulong datasetSeed in new ulong[] { 0, 1, 12345, ulong.MaxValue })
        {
            var seen = new Dictionary<ulong, string>();
            foreach (var split in PerceptionSplits.All)
            {
                for (int i = 0; i < 2000; i++)
                {
                    ulong seed = PerceptionSplits.TrackSeed(split, datasetSeed, i);
                    Assert.True(PerceptionSplits.InRange(split, seed));
                    Assert.True(seen.TryAdd(seed, split), $"seed {seed} in {split} and {seen.GetValueOrDefault(seed)}");
                }
            }
        }
    }

    [Fact]
    public void Resolved_track_seeds_lie_in_their_split_range()
    {
        using var gen = new PerceptionDatasetGenerator(s_small with { Tracks = 6 }, fx.Renderer);
        foreach (var split in PerceptionSplits.All)
        {
            var seeds = gen.TrackSeeds(split);
            Assert.Equal(6, seeds.Count);
            Assert.All(seeds, s => Assert.True(PerceptionSplits.InRange(split, s)));
        }
    }

    [Fact]
    public void Bad_options_are_refused_naming_the_option()
    {
        var e = Assert.Throws<Core.SimInputException>(() => new PerceptionDatasetOptions { Width = 4 }.Validate());
        Assert.Contains("--size", e.Message + e.Path);
        e = Assert.Throws<Core.SimInputException>(() => new PerceptionDatasetOptions { TrainFrames = -1 }.Validate());
        Assert.Contains("--frames", e.Message + e.Path);
    }

    private List<PerceptionFrame> Generate(PerceptionDatasetOptions options, string split)
    {
        using var gen = new PerceptionDatasetGenerator(options, fx.Renderer);
        return gen.Generate(split).ToList();
    }
}
