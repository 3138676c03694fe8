using Simulator.Core;

namespace Simulator.Tracks;

/// <summary>Result of projecting a world point onto the track (see <see cref="Track.Project"/>).</summary>
public readonly struct TrackQuery
{
    public TrackQuery(double s, double lateral, Vec2 closestPoint, Vec2 tangent, double heading, double curvature, int laneIndex, bool onRoad, int segment)
    {
        S = s;
        Lateral = lateral;
        ClosestPoint = closestPoint;
        Tangent = tangent;
        Heading = heading;
        Curvature = curvature;
        LaneIndex = laneIndex;
        OnRoad = onRoad;
        Segment = segment;
    }

    /// <summary>Arc length of the closest centerline point, in [0, Length).</summary>
    public double S { get; }
    /// <summary>Signed distance from the centerline, + left of travel.</summary>
    public double Lateral { get; }
    /// <summary>Closest point on the centerline.</summary>
    public Vec2 ClosestPoint { get; }
    public Vec2 Tangent { get; }
    /// <summary>Centerline heading at S, radians in (-π, π].</summary>
    public double Heading { get; }
    public double Curvature { get; }
    /// <summary>Lane under the point (0 = rightmost), -1 off the lanes.</summary>
    public int LaneIndex { get; }
    /// <summary>The point is on the lanes (shoulder excluded).</summary>
    public bool OnRoad { get; }
    /// <summary>Polyline segment the point projects to: pass it back as the next hint.</summary>
    public int Segment { get; }
}
