using Simulator.Perception.Data;
using Simulator.Perception.Decoding;
using Simulator.Perception.Models;
using Simulator.Perception.Training;
using Simulator.Torch;

namespace Simulator.Perception.Tests;

public class TrainerTests
{
    [Fact]
    public void Lane_trainer_learns_the_synthetic_road()
    {
        var train = SyntheticFrames.Lanes(64, 32, 1);
        var val = SyntheticFrames.Lanes(16, 32, 2, "val");
        using var gen = new Generator(1);
        using var net = new LaneNet(gen);
        var options = new PerceptionTrainOptions { Epochs = 40, BatchSize = 16, LearningRate = 1e-2 };
        using var trainer = new LaneTrainer(net, train, val, options);
        TrainingReport report = trainer.Run();
        Assert.Equal(40, report.Epochs.Count);
        Assert.True(report.Epochs[^1].TrainLoss < report.Epochs[0].TrainLoss / 2, $"loss {report.Epochs[0].TrainLoss} → {report.Epochs[^1].TrainLoss}");
        Assert.True(report.Best.Primary > 0.9, $"lane IoU {report.Best.Primary}");
        Assert.Equal(report.Best.Primary, report.Epochs.Max(e => e.Primary));
    }

    [Fact]
    public void Training_is_seed_deterministic()
    {
        var train = SyntheticFrames.Lanes(16, 32, 3);
        var val = SyntheticFrames.Lanes(4, 32, 4, "val");
        double[] Run(ulong seed)
        {
            using var gen = new Generator(seed);
            using var net = new LaneNet(gen);
            using var trainer = new LaneTrainer(net, train, val, new PerceptionTrainOptions { Epochs = 2, BatchSize = 8, Seed = seed });
            return [.. trainer.Run().Epochs.Select(e => e.TrainLoss)];
        }
        Assert.Equal(Run(5), Run(5));
        Assert.NotEqual(Run(5), Run(6));
    }

    [Fact]
    public void Object_trainer_learns_the_synthetic_rectangles()
    {
        var train = SyntheticFrames.Objects(96, 32, 1);
        var val = SyntheticFrames.Objects(24, 32, 2, "val");
        using var gen = new Generator(1);
        using var net = new ObjectNet(gen);
        var options = new PerceptionTrainOptions { Epochs = 25, BatchSize = 16, LearningRate = 1e-2 };
        using var trainer = new ObjectTrainer(net, train, val, options);
        TrainingReport report = trainer.Run();
        Assert.Equal("map50", report.PrimaryMetric);
        // An untrained network scores about 0; a short run on 96 frames finds most rectangles.
        Assert.True(report.Best.Primary >= 0.5 && report.Best.Metrics["recall"] >= 0.8, $"mAP@0.5 {report.Best.Primary}, recall {report.Best.Metrics["recall"]}, precision {report.Best.Metrics["precision"]}");
    }
}
