using Simulator.Core;

namespace Simulator.Physics;

/// <summary>
/// Result of a narrow-phase test between shapes A and B: <see cref="Normal"/> is a unit vector pointing from A to B
/// (moving B by Normal·Depth separates them), <see cref="Depth"/> ≥ 0 (0 when just touching) and
/// <see cref="Point"/> a representative world point of the contact (the deepest point of the penetrating shape).
/// </summary>
public readonly record struct Contact(Vec2 Normal, double Depth, Vec2 Point)
{
    /// <summary>The same contact seen from B: normal reversed.</summary>
    public Contact Flipped => new(-Normal, Depth, Point);
}
