namespace Simulator.Core;

/// <summary>Position and heading (radians, counter-clockwise from +x) on the ground plane.</summary>
public readonly record struct Pose2(Vec2 Position, double Heading)
{
    public Vec2 Forward => Vec2.FromAngle(Heading);
    public Vec2 Left => Vec2.FromAngle(Heading + Math.PI / 2);

    /// <summary>Transforms a point from this pose's local frame (x forward, y left) to the world.</summary>
    public Vec2 ToWorld(Vec2 local) => Position + local.Rotate(Heading);

    /// <summary>Transforms a world point into this pose's local frame.</summary>
    public Vec2 ToLocal(Vec2 world) => (world - Position).Rotate(-Heading);
}
