using System.Runtime.CompilerServices;

namespace Simulator.Core;

/// <summary>A 2D vector in double precision: world-plane positions (x east, y north), velocities, forces.</summary>
public readonly record struct Vec2(double X, double Y)
{
    public static readonly Vec2 Zero = new(0, 0);
    public static readonly Vec2 UnitX = new(1, 0);
    public static readonly Vec2 UnitY = new(0, 1);

    public double Length => Math.Sqrt(X * X + Y * Y);
    public double LengthSquared => X * X + Y * Y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec2 operator +(Vec2 a, Vec2 b) => new(a.X + b.X, a.Y + b.Y);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec2 operator -(Vec2 a, Vec2 b) => new(a.X - b.X, a.Y - b.Y);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec2 operator -(Vec2 a) => new(-a.X, -a.Y);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec2 operator *(Vec2 a, double s) => new(a.X * s, a.Y * s);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec2 operator *(double s, Vec2 a) => new(a.X * s, a.Y * s);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec2 operator /(Vec2 a, double s) => new(a.X / s, a.Y / s);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Dot(Vec2 a, Vec2 b) => a.X * b.X + a.Y * b.Y;

    /// <summary>z component of the 3D cross product: positive when b is counter-clockwise from a.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Cross(Vec2 a, Vec2 b) => a.X * b.Y - a.Y * b.X;

    public static double Distance(Vec2 a, Vec2 b) => (a - b).Length;
    public static double DistanceSquared(Vec2 a, Vec2 b) => (a - b).LengthSquared;
    public static Vec2 Lerp(Vec2 a, Vec2 b, double t) => new(a.X + (b.X - a.X) * t, a.Y + (b.Y - a.Y) * t);

    /// <summary>Unit vector at angle <paramref name="radians"/> from +x, counter-clockwise.</summary>
    public static Vec2 FromAngle(double radians) => new(Math.Cos(radians), Math.Sin(radians));

    public Vec2 Normalized()
    {
        double l = Length;
        return l > 0 ? new Vec2(X / l, Y / l) : Zero;
    }

    /// <summary>Left-hand perpendicular (rotated +90°).</summary>
    public Vec2 PerpLeft => new(-Y, X);

    public Vec2 Rotate(double radians)
    {
        double c = Math.Cos(radians), s = Math.Sin(radians);
        return new Vec2(c * X - s * Y, s * X + c * Y);
    }

    public double Angle => Math.Atan2(Y, X);

    public bool IsFinite => double.IsFinite(X) && double.IsFinite(Y);

    public override string ToString() => FormattableString.Invariant($"({X:0.###}, {Y:0.###})");
}
