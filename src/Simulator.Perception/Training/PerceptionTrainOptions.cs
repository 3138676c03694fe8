namespace Simulator.Perception.Training;

/// <summary>Settings shared by <see cref="LaneTrainer"/> and <see cref="ObjectTrainer"/>.</summary>
public sealed record PerceptionTrainOptions
{
    /// <summary>Passes over the training frames.</summary>
    public int Epochs { get; init; } = 20;

    public int BatchSize { get; init; } = 32;

    /// <summary>Adam's step size at the start; it follows a cosine down to <see cref="FinalLearningRateFraction"/> of
    /// itself at the last epoch.</summary>
    public double LearningRate { get; init; } = 3e-3;

    public double FinalLearningRateFraction { get; init; } = 0.05;

    /// <summary>Gradient norm clip (stabilises the first steps of the focal loss).</summary>
    public double MaxGradNorm { get; init; } = 5.0;

    /// <summary>Seed of the initial weights, the sample order and the augmentation draws: the same seed, data and
    /// thread count give the same model.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Mirror half of the training images left-right (boxes are mirrored with them; the lane classes
    /// carry no left/right identity, lane ids only exist after fitting).</summary>
    public bool HorizontalFlip { get; init; } = true;

    /// <summary>Brightness jitter: each training image is scaled by a gain in [1 − j, 1 + j] (each channel by a
    /// further ±j/3) and shifted by ±j/4, then clamped to [0, 1].</summary>
    public double BrightnessJitter { get; init; } = 0.3;

    /// <summary>Stop after the epoch that ends past this many minutes of wall time (0 = no limit). A budget makes
    /// the result depend on the machine's speed; leave it 0 for reproducible runs.</summary>
    public double MaxMinutes { get; init; }

    /// <summary>Where the best weights so far are saved (libtorch state dict) whenever validation improves; null
    /// keeps them in memory only.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Progress lines (one per epoch); null prints nothing.</summary>
    public Action<string>? Log { get; init; }

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Epochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1);
        if (!(LearningRate > 0) || !(FinalLearningRateFraction > 0 && FinalLearningRateFraction <= 1))
        {
            throw new ArgumentException("LearningRate must be > 0 and FinalLearningRateFraction in (0, 1]");
        }
        if (!(BrightnessJitter >= 0 && BrightnessJitter < 1) || !(MaxMinutes >= 0) || !(MaxGradNorm > 0))
        {
            throw new ArgumentException("BrightnessJitter must be in [0, 1), MaxMinutes ≥ 0 and MaxGradNorm > 0");
        }
    }
}

/// <summary>One epoch's figures: mean training loss, validation loss and the validation metrics (name → value;
/// <see cref="Primary"/> is the one model selection maximises).</summary>
public sealed record EpochReport(int Epoch, double TrainLoss, double ValidationLoss, double Primary, IReadOnlyDictionary<string, double> Metrics, double Seconds);

/// <summary>A finished training run: every epoch, the best one (whose weights the network holds afterwards).</summary>
public sealed record TrainingReport(IReadOnlyList<EpochReport> Epochs, int BestEpoch, string PrimaryMetric, int TrainFrames, int ValidationFrames, double Seconds)
{
    public EpochReport Best => Epochs[BestEpoch - 1];
}
