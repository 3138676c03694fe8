using Simulator.Core;

namespace Simulator.Physics;

/// <summary>
/// Oriented box: centre, half extents along its own axes (X along the heading, Y to the left) and heading (rad).
/// The unit axes are computed once at construction so the SAT tests need no trigonometry.
/// </summary>
public readonly struct Obb
{
    public readonly Vec2 Center;
    public readonly Vec2 HalfExtents;
    public readonly double Heading;
    /// <summary>Unit vector along the heading.</summary>
    public readonly Vec2 AxisX;
    /// <summary>Unit vector to the left of the heading.</summary>
    public readonly Vec2 AxisY;

    public Obb(Vec2 center, Vec2 halfExtents, double heading)
    {
        Center = center;
        HalfExtents = halfExtents;
        Heading = heading;
        AxisX = new Vec2(Math.Cos(heading), Math.Sin(heading));
        AxisY = AxisX.PerpLeft;
    }

    /// <summary>The body box of a vehicle: BodyLength × BodyWidth centred on its centre of gravity.</summary>
    public static Obb ForVehicle(in VehicleState s, in VehicleParams p) =>
        new(new Vec2(s.X, s.Y), new Vec2(0.5 * p.BodyLength, 0.5 * p.BodyWidth), s.Yaw);

    /// <summary>Half-length of the box's shadow on unit axis <paramref name="n"/>.</summary>
    public double Radius(Vec2 n) =>
        HalfExtents.X * Math.Abs(Vec2.Dot(n, AxisX)) + HalfExtents.Y * Math.Abs(Vec2.Dot(n, AxisY));

    /// <summary>
    /// The box's farthest point in direction <paramref name="d"/>; where an edge faces d (within a tolerance) its
    /// middle, so face-to-face contacts get a central point instead of an arbitrary corner.
    /// </summary>
    public Vec2 Support(Vec2 d)
    {
        double dx = Vec2.Dot(d, AxisX), dy = Vec2.Dot(d, AxisY);
        const double flat = 1e-9;
        double sx = Math.Abs(dx) <= flat ? 0 : Math.Sign(dx);
        double sy = Math.Abs(dy) <= flat ? 0 : Math.Sign(dy);
        return Center + AxisX * (sx * HalfExtents.X) + AxisY * (sy * HalfExtents.Y);
    }

    /// <summary>Corner i (0..3, counter-clockwise from front-left).</summary>
    public Vec2 Corner(int i)
    {
        double sx = i is 0 or 3 ? 1 : -1;
        double sy = i is 0 or 1 ? 1 : -1;
        return Center + AxisX * (sx * HalfExtents.X) + AxisY * (sy * HalfExtents.Y);
    }

    public Aabb Bounds
    {
        get
        {
            double ex = HalfExtents.X * Math.Abs(AxisX.X) + HalfExtents.Y * Math.Abs(AxisY.X);
            double ey = HalfExtents.X * Math.Abs(AxisX.Y) + HalfExtents.Y * Math.Abs(AxisY.Y);
            return new Aabb(Center.X - ex, Center.Y - ey, Center.X + ex, Center.Y + ey);
        }
    }

    /// <summary>Whether the world point lies inside or on the box.</summary>
    public bool Contains(Vec2 p)
    {
        Vec2 d = p - Center;
        return Math.Abs(Vec2.Dot(d, AxisX)) <= HalfExtents.X && Math.Abs(Vec2.Dot(d, AxisY)) <= HalfExtents.Y;
    }
}
