namespace Simulator.Perception.Decoding;

/// <summary>Settings of <see cref="LaneDecoder"/> (pixel values for a 96×96 image scale with its width).</summary>
public sealed record LaneDecoderOptions
{
    /// <summary>A marking run in a row is linked to a line whose predicted column is within this many pixels
    /// (plus <see cref="LinkToleranceGrowth"/> per skipped row).</summary>
    public float LinkTolerance { get; init; } = 3f;

    /// <summary>Extra linking tolerance (pixels) per row since the line's last point (dashes leave gaps).</summary>
    public float LinkToleranceGrowth { get; init; } = 0.15f;

    /// <summary>A line not extended for this many rows is closed (longer than the gap between dashes near the car).</summary>
    public int MaxRowGap { get; init; } = 28;

    /// <summary>Runs wider than this fraction of the image width (stop lines, crossings, blobs) are ignored.</summary>
    public float MaxRunWidthFraction { get; init; } = 0.2f;

    /// <summary>Lines with fewer rows than this are dropped as noise.</summary>
    public int MinPoints { get; init; } = 5;

    /// <summary>Fitted polylines are sampled every this many rows.</summary>
    public int SampleStep { get; init; } = 4;

    /// <summary>At most this many lines are kept (the longest).</summary>
    public int MaxLanes { get; init; } = 8;

    public void Validate()
    {
        if (!(LinkTolerance > 0) || !(LinkToleranceGrowth >= 0) || !(MaxRunWidthFraction > 0 && MaxRunWidthFraction <= 1))
        {
            throw new ArgumentException("LinkTolerance must be > 0, LinkToleranceGrowth ≥ 0 and MaxRunWidthFraction in (0, 1]");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRowGap, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MinPoints, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(SampleStep, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLanes, 1);
    }
}
