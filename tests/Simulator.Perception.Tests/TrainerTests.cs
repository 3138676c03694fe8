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
        using var trainer = new ObjectTrainer(net, train, val, options, RecallAtHalf);
        TrainingReport report = trainer.Run();
        Assert.Equal("recall50", report.PrimaryMetric);
        Assert.True(report.Best.Primary >= 0.7, $"recall {report.Best.Primary}, precision {report.Best.Metrics["precision50"]}");
    }

    /// <summary>Test scorer: share of true boxes matched (same class, IoU ≥ 0.5) by a detection scoring ≥ 0.3, and
    /// the share of such detections that match.</summary>
    private static Dictionary<string, double> RecallAtHalf(IReadOnlyList<DetectedBox[]> predictions, IReadOnlyList<GtBox[]> truth)
    {
        int matched = 0, total = 0, detections = 0, correct = 0;
        for (int i = 0; i < truth.Count; i++)
        {
            var confident = predictions[i].Where(p => p.Score >= 0.3f).ToArray();
            detections += confident.Length;
            foreach (GtBox t in truth[i])
            {
                total++;
                var gt = new DetectedBox(t.Class, t.X0, t.Y0, t.X1, t.Y1, 1);
                matched += confident.Any(p => p.Class == t.Class && ObjectDecoder.Iou(p, gt) >= 0.5f) ? 1 : 0;
            }
            foreach (DetectedBox p in confident)
            {
                correct += truth[i].Any(t => t.Class == p.Class && ObjectDecoder.Iou(p, new DetectedBox(t.Class, t.X0, t.Y0, t.X1, t.Y1, 1)) >= 0.5f) ? 1 : 0;
            }
        }
        return new Dictionary<string, double>
        {
            ["recall50"] = total == 0 ? 0 : (double)matched / total,
            ["precision50"] = detections == 0 ? 0 : (double)correct / detections,
        };
    }
}
