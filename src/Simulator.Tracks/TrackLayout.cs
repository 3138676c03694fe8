using Simulator.Core;

namespace Simulator.Tracks;

/// <summary>How a painted line is drawn.</summary>
public enum MarkingStyle
{
    None = 0,
    Solid = 1,
    Dashed = 2,
}

/// <summary>
/// Cross-section of the road, the same all along the track. Lateral coordinates are metres, + to the left of the
/// travel direction (increasing s), 0 on the centerline of the whole road. All lanes run in the direction of
/// increasing s; lane 0 is the rightmost lane. From the centre outwards on each side: lanes, shoulder (paved),
/// kerb (raised), then grass; a barrier, when present, stands <see cref="BarrierOffset"/> beyond the lane edge.
/// </summary>
public sealed record TrackLayout
{
    public const int MaxLanes = 4;

    public int LaneCount { get; init; } = 2;
    public double LaneWidth { get; init; } = 3.5;
    public double ShoulderWidth { get; init; } = 1.0;
    public double KerbWidth { get; init; } = 0.5;
    /// <summary>Distance from the lane edge to the barrier wall; 0 means no barrier.</summary>
    public double BarrierOffset { get; init; } = 3.0;
    public double BarrierHeight { get; init; } = 1.0;
    public MarkingStyle EdgeMarking { get; init; } = MarkingStyle.Solid;
    public MarkingStyle DividerMarking { get; init; } = MarkingStyle.Dashed;
    public double DashLength { get; init; } = 3.0;
    public double GapLength { get; init; } = 6.0;
    public double MarkingWidth { get; init; } = 0.15;
    /// <summary>Figure-eight style level crossings of the centerline are allowed (at ≥ 30°) and reported.</summary>
    public bool AllowCrossings { get; init; }

    public static TrackLayout Default { get; } = new();

    /// <summary>Width of all lanes together (lane edge to lane edge).</summary>
    public double RoadWidth => LaneCount * LaneWidth;
    public double HalfRoadWidth => 0.5 * LaneCount * LaneWidth;
    public bool HasBarrier => BarrierOffset > 0;

    /// <summary>Lateral of the outer edge of the kerb.</summary>
    public double KerbOuterLateral => HalfRoadWidth + ShoulderWidth + KerbWidth;

    /// <summary>Lateral of the barriers (0 when there are none).</summary>
    public double BarrierLateral => HasBarrier ? HalfRoadWidth + BarrierOffset : 0;

    /// <summary>Half-width of everything the track occupies (lanes, shoulder, kerb, barrier): what must not overlap.</summary>
    public double HalfExtent => Math.Max(KerbOuterLateral, BarrierLateral);

    /// <summary>Lateral offset of the centre of lane <paramref name="lane"/> (0 = rightmost).</summary>
    public double LaneCenter(int lane)
    {
        if ((uint)lane >= (uint)LaneCount)
        {
            throw new ArgumentOutOfRangeException(nameof(lane), lane, $"Lane must be in 0..{LaneCount - 1}.");
        }
        return -HalfRoadWidth + (lane + 0.5) * LaneWidth;
    }

    /// <summary>Lane under a lateral offset, or -1 off the lanes.</summary>
    public int LaneIndexAt(double lateral)
    {
        double x = lateral + HalfRoadWidth;
        if (!(x >= 0) || x > RoadWidth)
        {
            return -1;
        }
        int lane = (int)(x / LaneWidth);
        return lane >= LaneCount ? LaneCount - 1 : lane;
    }

    /// <summary>Throws <see cref="SimInputException"/> naming the first bad field.</summary>
    public void Validate(string? file = null, string path = "$.track.layout")
    {
        Check(LaneCount is >= 1 and <= MaxLanes, "laneCount", $"lane count {LaneCount} is out of range", "use 1 to 4 lanes");
        Check(double.IsFinite(LaneWidth) && LaneWidth is >= 2 and <= 6, "laneWidth", $"lane width {LaneWidth} m is out of range", "use 2 to 6 m");
        Check(double.IsFinite(ShoulderWidth) && ShoulderWidth is >= 0 and <= 10, "shoulderWidth", $"shoulder width {ShoulderWidth} m is out of range", "use 0 to 10 m");
        Check(double.IsFinite(KerbWidth) && KerbWidth is >= 0 and <= 3, "kerbWidth", $"kerb width {KerbWidth} m is out of range", "use 0 to 3 m");
        Check(double.IsFinite(BarrierOffset) && BarrierOffset is >= 0 and <= 30, "barrierOffset", $"barrier offset {BarrierOffset} m is out of range", "use 0 (no barrier) to 30 m");
        Check(!HasBarrier || BarrierOffset >= ShoulderWidth + KerbWidth, "barrierOffset",
            $"barrier offset {BarrierOffset} m would stand on the shoulder or kerb ({ShoulderWidth + KerbWidth} m wide)",
            "make it at least shoulderWidth + kerbWidth, or 0 for no barrier");
        Check(double.IsFinite(BarrierHeight) && BarrierHeight is > 0 and <= 10, "barrierHeight", $"barrier height {BarrierHeight} m is out of range", "use 0 to 10 m");
        Check(Enum.IsDefined(EdgeMarking) && EdgeMarking != MarkingStyle.Dashed, "edgeMarking", $"edge marking {EdgeMarking} is not supported", "edges are solid or none");
        Check(Enum.IsDefined(DividerMarking), "dividerMarking", $"divider marking {DividerMarking} is unknown", "use none, solid or dashed");
        Check(double.IsFinite(MarkingWidth) && MarkingWidth > 0 && MarkingWidth <= LaneWidth / 4, "markingWidth", $"marking width {MarkingWidth} m is out of range", "use a positive width up to a quarter of the lane width");
        if (DividerMarking == MarkingStyle.Dashed)
        {
            Check(double.IsFinite(DashLength) && DashLength is >= 0.2 and <= 100, "dashLength", $"dash length {DashLength} m is out of range", "use 0.2 to 100 m");
            Check(double.IsFinite(GapLength) && GapLength is >= 0.2 and <= 100, "gapLength", $"gap length {GapLength} m is out of range", "use 0.2 to 100 m");
        }

        void Check(bool ok, string field, string problem, string hint)
        {
            if (!ok)
            {
                throw new SimInputException(problem, file, $"{path}.{field}", hint: hint);
            }
        }
    }
}
