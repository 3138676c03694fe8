namespace Simulator.Physics;

public enum ShapeType : byte
{
    Obb = 0,
    Circle = 1,
    Segment = 2,
}

/// <summary>One of the three shapes (a tagged union kept as a plain struct so worlds store them in one array).</summary>
public readonly struct CollisionShape
{
    public readonly ShapeType Type;
    public readonly Obb Obb;
    public readonly Circle Circle;
    public readonly Segment Segment;

    private CollisionShape(ShapeType type, Obb obb, Circle circle, Segment segment)
    {
        Type = type;
        Obb = obb;
        Circle = circle;
        Segment = segment;
    }

    public static CollisionShape From(in Obb obb) => new(ShapeType.Obb, obb, default, default);
    public static CollisionShape From(in Circle circle) => new(ShapeType.Circle, default, circle, default);
    public static CollisionShape From(in Segment segment) => new(ShapeType.Segment, default, default, segment);

    public static implicit operator CollisionShape(Obb obb) => From(obb);
    public static implicit operator CollisionShape(Circle circle) => From(circle);
    public static implicit operator CollisionShape(Segment segment) => From(segment);

    public Aabb Bounds => Type switch
    {
        ShapeType.Obb => Obb.Bounds,
        ShapeType.Circle => Circle.Bounds,
        _ => Segment.Bounds,
    };

    /// <summary>Centre used as the lever-arm origin for contact-point velocities.</summary>
    public Simulator.Core.Vec2 Center => Type switch
    {
        ShapeType.Obb => Obb.Center,
        ShapeType.Circle => Circle.Center,
        _ => 0.5 * (Segment.A + Segment.B),
    };

    public bool IsFinite => Type switch
    {
        ShapeType.Obb => Obb.Center.IsFinite && Obb.HalfExtents.IsFinite && double.IsFinite(Obb.Heading) && Obb.HalfExtents.X >= 0 && Obb.HalfExtents.Y >= 0,
        ShapeType.Circle => Circle.Center.IsFinite && double.IsFinite(Circle.Radius) && Circle.Radius >= 0,
        _ => Segment.A.IsFinite && Segment.B.IsFinite,
    };
}
