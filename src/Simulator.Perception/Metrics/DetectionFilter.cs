using Simulator.Perception.Data;

namespace Simulator.Perception.Metrics;

/// <summary>
/// Which ground-truth boxes a detector is expected to find. A box at least <see cref="MinHeight"/> pixels tall with at
/// least <see cref="MinVisibleFraction"/> of its silhouette visible is detectable; any other box is an ignore
/// region: a detection that matches it is neither a true nor a false positive, and missing it costs nothing (the
/// role of COCO's area ranges and crowd regions, and of KITTI's "hard" cut-offs).
/// </summary>
public sealed record DetectionFilter(float MinHeight = 4, float MinVisibleFraction = 0.3f)
{
    public static DetectionFilter Default { get; } = new();

    public bool IsDetectable(in GtBox box) => box.Height >= MinHeight && box.VisibleFraction >= MinVisibleFraction;
}
