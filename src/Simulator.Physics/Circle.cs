using Simulator.Core;

namespace Simulator.Physics;

/// <summary>A disc: pedestrians, cones, poles.</summary>
public readonly record struct Circle(Vec2 Center, double Radius)
{
    public Aabb Bounds => new(Center.X - Radius, Center.Y - Radius, Center.X + Radius, Center.Y + Radius);
}
