namespace Simulator.Perception.Decoding;

/// <summary>Settings of <see cref="ObjectDecoder"/>.</summary>
public sealed record ObjectDecoderOptions
{
    /// <summary>Heatmap peaks below this probability are dropped (low, so that mAP sees the whole ranking).</summary>
    public float ScoreThreshold { get; init; } = 0.05f;

    /// <summary>At most this many peaks (highest first) are turned into boxes before NMS.</summary>
    public int TopK { get; init; } = 64;

    /// <summary>Boxes of one class overlapping a higher-scoring box of the same class by more than this IoU are
    /// suppressed.</summary>
    public float NmsIou { get; init; } = 0.5f;

    public void Validate()
    {
        if (!(ScoreThreshold >= 0 && ScoreThreshold <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ScoreThreshold), ScoreThreshold, "must be in [0, 1]");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(TopK, 1);
        if (!(NmsIou > 0 && NmsIou <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(NmsIou), NmsIou, "must be in (0, 1]");
        }
    }
}
