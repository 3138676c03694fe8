using Simulator.Perception.Data;

namespace Simulator.Perception.Metrics;

/// <summary>
/// Which ground-truth boxes a detector is expected to find, COCO's area range in box heights. A box at least
/// <see cref="MinHeight"/> and less than <see cref="MaxHeight"/> pixels tall with at least
/// <see cref="MinVisibleFraction"/> of its silhouette visible is detectable; any other box is an ignore region: a
/// detection that matches it is neither a true nor a false positive, and missing it costs nothing (the role of COCO's
/// area ranges and crowd regions, and of KITTI's "hard" cut-offs). As in COCO's evaluation, a detection that matches
/// no box is ignored too when its own height lies outside the range (<see cref="IgnoresUnmatched"/>): a detector is
/// not charged for finding the objects the range leaves out.
/// </summary>
public sealed record DetectionFilter(float MinHeight = 4, float MinVisibleFraction = 0.3f, float MaxHeight = float.PositiveInfinity)
{
    public static DetectionFilter Default { get; } = new();

    /// <summary>The size bands <c>sim eval perception</c> reports (COCO's small, medium and large, by height): 4-8,
    /// 8-16 and 16 px and up at the default visibility.</summary>
    public static IReadOnlyList<DetectionFilter> SizeBands { get; } = [new(4, 0.3f, 8), new(8, 0.3f, 16), new(16, 0.3f)];

    public bool IsDetectable(in GtBox box) => box.Height >= MinHeight && box.Height < MaxHeight && box.VisibleFraction >= MinVisibleFraction;

    /// <summary>Whether a detection that matched no box is left out rather than counted a false positive: its height
    /// is outside [<see cref="MinHeight"/>, <see cref="MaxHeight"/>).</summary>
    public bool IgnoresUnmatched(in DetectedBox detection) => detection.Height < MinHeight || detection.Height >= MaxHeight;

    /// <summary>"4-8 px", "16+ px".</summary>
    public string HeightRange => float.IsPositiveInfinity(MaxHeight) ? $"{MinHeight:0.##}+ px" : $"{MinHeight:0.##}-{MaxHeight:0.##} px";
}
