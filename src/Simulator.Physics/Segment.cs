using Simulator.Core;

namespace Simulator.Physics;

/// <summary>A line segment with no thickness: barriers, walls, guard rails.</summary>
public readonly record struct Segment(Vec2 A, Vec2 B)
{
    public Aabb Bounds => new(Math.Min(A.X, B.X), Math.Min(A.Y, B.Y), Math.Max(A.X, B.X), Math.Max(A.Y, B.Y));

    /// <summary>Unit normal to the left of A→B (+y for a degenerate segment).</summary>
    public Vec2 Normal
    {
        get
        {
            Vec2 d = B - A;
            double l = d.Length;
            return l > 0 ? d.PerpLeft / l : Vec2.UnitY;
        }
    }

    /// <summary>The point of the segment closest to <paramref name="p"/>.</summary>
    public Vec2 ClosestPoint(Vec2 p)
    {
        Vec2 d = B - A;
        double l2 = d.LengthSquared;
        double t = l2 > 0 ? Math.Clamp(Vec2.Dot(p - A, d) / l2, 0, 1) : 0;
        return A + d * t;
    }
}
