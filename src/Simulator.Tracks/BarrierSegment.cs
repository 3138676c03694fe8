using Simulator.Core;

namespace Simulator.Tracks;

public enum TrackSide
{
    Left = 0,
    Right = 1,
}

/// <summary>A straight piece of barrier wall for collision tests; <see cref="S"/> is the arc length at its start.</summary>
public readonly record struct BarrierSegment(Vec2 A, Vec2 B, TrackSide Side, double S)
{
    /// <summary>Closest point on the segment to p.</summary>
    public Vec2 ClosestPoint(Vec2 p)
    {
        Vec2 e = B - A;
        double len2 = e.LengthSquared;
        double t = len2 > 0 ? Math.Clamp(Vec2.Dot(p - A, e) / len2, 0, 1) : 0;
        return A + e * t;
    }

    public double Distance(Vec2 p) => Vec2.Distance(p, ClosestPoint(p));
}
