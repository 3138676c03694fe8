namespace Simulator.Physics;

/// <summary>Axis-aligned bounds, for the broad phase.</summary>
public readonly record struct Aabb(double MinX, double MinY, double MaxX, double MaxY)
{
    /// <summary>Closed-interval overlap: touching bounds overlap (touching shapes are reported as contacts).</summary>
    public bool Overlaps(in Aabb o) => MinX <= o.MaxX && o.MinX <= MaxX && MinY <= o.MaxY && o.MinY <= MaxY;

    public Aabb Union(in Aabb o) =>
        new(Math.Min(MinX, o.MinX), Math.Min(MinY, o.MinY), Math.Max(MaxX, o.MaxX), Math.Max(MaxY, o.MaxY));

    public bool IsFinite => double.IsFinite(MinX) && double.IsFinite(MinY) && double.IsFinite(MaxX) && double.IsFinite(MaxY);
}
