using System.Collections.Immutable;
using Simulator.Core;
using Simulator.Perception.GroundTruth;

namespace Simulator.Perception.Dataset;

/// <summary>
/// What a perception dataset is made of. Same options, same frames (bit for bit). Generated tracks (the default) are
/// split by seed (<see cref="PerceptionSplits"/>); with <see cref="Scenes"/> every split drives the same scene files
/// (their tracks then overlap across splits; only the episode seeds differ).
/// </summary>
public sealed record PerceptionDatasetOptions
{
    public int TrainFrames { get; init; } = 2000;
    public int ValFrames { get; init; } = 400;
    public int TestFrames { get; init; } = 400;
    public int Width { get; init; } = 96;
    public int Height { get; init; } = 96;
    /// <summary>Generated tracks per split (ignored with <see cref="Scenes"/>).</summary>
    public int Tracks { get; init; } = 16;
    /// <summary>Scene files to drive instead of generated tracks (empty: generated tracks).</summary>
    public ImmutableArray<string> Scenes { get; init; } = [];
    /// <summary>Dataset seed: shifts the track seeds inside each split's range and seeds the episodes.</summary>
    public ulong Seed { get; init; }
    /// <summary>Simulation steps (60 Hz) between two frames of one env.</summary>
    public int StepsPerFrame { get; init; } = 24;
    /// <summary>Steps after each group's reset before the first frame (the car gets going).</summary>
    public int WarmupSteps { get; init; } = 30;
    /// <summary>Envs stepped and rendered together (one track each).</summary>
    public int Envs { get; init; } = 8;
    /// <summary>Standard deviation of the autopilot's steering perturbation (the car weaves, so views vary).</summary>
    public double SteerNoise { get; init; } = 0.12;
    /// <summary>Cones and barrier blocks per km on generated tracks.</summary>
    public double Obstacles { get; init; } = 14;
    /// <summary>Traffic vehicles per km on generated tracks.</summary>
    public double Traffic { get; init; } = 12;
    /// <summary>Roadside signs per km on generated tracks.</summary>
    public double Signs { get; init; } = 12;
    /// <summary>Pedestrians standing on the roadside per km on generated tracks.</summary>
    public double Pedestrians { get; init; } = 10;
    public LaneGroundTruthOptions Lanes { get; init; } = LaneGroundTruthOptions.Default;

    public int FramesOf(string split) => PerceptionSplits.IndexOf(split) switch
    {
        0 => TrainFrames,
        1 => ValFrames,
        _ => TestFrames,
    };

    /// <summary>Throws <see cref="SimInputException"/> naming the first bad option.</summary>
    public void Validate()
    {
        static void Check(bool ok, string option, string problem, string? hint = null)
        {
            if (!ok)
            {
                throw new SimInputException(problem, path: option, hint: hint);
            }
        }
        Check(TrainFrames is >= 0 and <= 10_000_000, "--frames", $"train frames {TrainFrames} is out of range [0, 10000000]");
        Check(ValFrames is >= 0 and <= 10_000_000, "--val-frames", $"val frames {ValFrames} is out of range [0, 10000000]");
        Check(TestFrames is >= 0 and <= 10_000_000, "--test-frames", $"test frames {TestFrames} is out of range [0, 10000000]");
        Check(Width is >= 16 and <= 1024 && Height is >= 16 and <= 1024, "--size", $"size {Width}x{Height} is out of range", "use 16 to 1024 pixels per side, e.g. 96x96");
        Check(Tracks is >= 1 and <= 100_000, "--tracks", $"track count {Tracks} is out of range [1, 100000]");
        Check(StepsPerFrame is >= 1 and <= 10_000, "--steps-per-frame", $"steps per frame {StepsPerFrame} is out of range [1, 10000]");
        Check(WarmupSteps is >= 0 and <= 100_000, "--warmup", $"warm-up steps {WarmupSteps} is out of range [0, 100000]");
        Check(Envs is >= 1 and <= 256, "--envs", $"env count {Envs} is out of range [1, 256]");
        Check(SteerNoise is >= 0 and <= 1, "--steer-noise", $"steer noise {SteerNoise} is out of range [0, 1]");
        Check(Obstacles is >= 0 and <= 20, "--obstacles", $"obstacle density {Obstacles}/km is out of range [0, 20]");
        Check(Traffic is >= 0 and <= 20, "--traffic", $"traffic density {Traffic}/km is out of range [0, 20]");
        Check(Signs is >= 0 and <= 40, "--signs", $"sign density {Signs}/km is out of range [0, 40]");
        Check(Pedestrians is >= 0 and <= 40, "--pedestrians", $"pedestrian density {Pedestrians}/km is out of range [0, 40]");
        Check(Lanes.MaxRange is > 0 and <= 200 && Lanes.Step is > 0 and <= 10 && Lanes.Behind is >= 0 and <= 50, "--lane-range", "lane sampling is out of range", "max range (0, 200] m, step (0, 10] m");
    }
}
