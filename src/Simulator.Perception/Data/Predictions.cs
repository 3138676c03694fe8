namespace Simulator.Perception.Data;

/// <summary>A detected object: class, box in image pixels (same convention as <see cref="GtBox"/>) and score in [0, 1].</summary>
public readonly record struct DetectedBox(ObjectClass Class, float X0, float Y0, float X1, float Y1, float Score)
{
    public float Width => X1 - X0;
    public float Height => Y1 - Y0;
}

/// <summary>A lane line fitted from the lane model's output: an id across the road as seen from the camera
/// (0 = the rightmost fitted line, counting leftwards), points in the image (pixels, bottom upwards) and on the
/// ground in vehicle coordinates (metres; x forward, y to the left, from the vehicle's reference point as in
/// <see cref="GtLane"/>).</summary>
public sealed record FittedLane(int Id, (float X, float Y)[] ImagePoints, (float X, float Y)[] VehiclePoints);
