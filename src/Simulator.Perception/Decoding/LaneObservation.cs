using Simulator.Perception.Data;

namespace Simulator.Perception.Decoding;

/// <summary>
/// The ego's place in its lane from fitted lines (vehicle coordinates): <see cref="LateralOffset"/> is the ego's
/// offset from the lane centre (metres, positive = ego left of centre) and <see cref="HeadingError"/> the ego's
/// heading minus the lane's (radians, positive = ego turned left of the lane), both measured between
/// <see cref="LaneObservationOptions.NearDistance"/> and <see cref="LaneObservationOptions.FarDistance"/> ahead.
/// The lane is bounded by the nearest line on each side; with one side missing, the other is offset by the nominal
/// lane width. <see cref="Valid"/> is false when no line reaches the near distance.
/// </summary>
public readonly record struct LaneObservation(bool Valid, float LateralOffset, float HeadingError, float LaneWidth)
{
    public static LaneObservation FromLanes(ReadOnlySpan<FittedLane> lanes, LaneObservationOptions? options = null)
    {
        options ??= LaneObservationOptions.Default;
        double near = options.NearDistance, far = options.FarDistance;
        double leftNear = double.PositiveInfinity, rightNear = double.NegativeInfinity, leftFar = 0, rightFar = 0;
        foreach (FittedLane lane in lanes)
        {
            if (!TryLateral(lane.VehiclePoints, near, out double yn) || !TryLateral(lane.VehiclePoints, far, out double yf))
            {
                continue;
            }
            if (yn >= 0 && yn < leftNear)
            {
                leftNear = yn;
                leftFar = yf;
            }
            else if (yn < 0 && yn > rightNear)
            {
                rightNear = yn;
                rightFar = yf;
            }
        }
        bool hasLeft = !double.IsPositiveInfinity(leftNear), hasRight = !double.IsNegativeInfinity(rightNear);
        if (!hasLeft && !hasRight)
        {
            return new LaneObservation(false, 0, 0, 0);
        }
        double w = options.NominalLaneWidth;
        if (!hasLeft)
        {
            (leftNear, leftFar) = (rightNear + w, rightFar + w);
        }
        else if (!hasRight)
        {
            (rightNear, rightFar) = (leftNear - w, leftFar - w);
        }
        double centreNear = (leftNear + rightNear) / 2, centreFar = (leftFar + rightFar) / 2;
        double laneHeading = Math.Atan2(centreFar - centreNear, far - near);
        return new LaneObservation(true, (float)-centreNear, (float)-laneHeading, (float)(leftNear - rightNear));
    }

    /// <summary>The line's lateral position at <paramref name="x"/> metres ahead, interpolated between its points
    /// (ordered by distance or not); false when the line does not reach that distance (no extrapolation beyond
    /// 1 m).</summary>
    public static bool TryLateral(ReadOnlySpan<(float X, float Y)> points, double x, out double y)
    {
        y = 0;
        if (points.Length == 0)
        {
            return false;
        }
        int nearest = -1;
        for (int i = 0; i + 1 < points.Length; i++)
        {
            double x0 = points[i].X, x1 = points[i + 1].X;
            if ((x0 <= x && x <= x1) || (x1 <= x && x <= x0))
            {
                double t = x1 == x0 ? 0 : (x - x0) / (x1 - x0);
                y = points[i].Y + t * (points[i + 1].Y - points[i].Y);
                return true;
            }
        }
        for (int i = 0; i < points.Length; i++)
        {
            if (nearest < 0 || Math.Abs(points[i].X - x) < Math.Abs(points[nearest].X - x))
            {
                nearest = i;
            }
        }
        if (Math.Abs(points[nearest].X - x) <= 1.0)
        {
            y = points[nearest].Y;
            return true;
        }
        return false;
    }
}

/// <summary>Where <see cref="LaneObservation"/> measures the lane.</summary>
public sealed record LaneObservationOptions
{
    public static readonly LaneObservationOptions Default = new();

    /// <summary>Metres ahead of the rear axle for the offset (the closest ground the default camera sees well).</summary>
    public double NearDistance { get; init; } = 5;

    /// <summary>Second distance for the lane's heading.</summary>
    public double FarDistance { get; init; } = 12;

    /// <summary>Lane width assumed when only one side's line is seen (metres).</summary>
    public double NominalLaneWidth { get; init; } = 3.5;
}
