namespace Simulator.Perception.Data;

/// <summary>A ground-truth 2D box in image pixels (x right, y down; X1/Y1 exclusive edges, so a one-pixel object
/// at (3, 4) is [3, 4, 4, 5)). <see cref="VisibleFraction"/> is the share of the object's unoccluded silhouette
/// that is visible (1 = fully visible).</summary>
public readonly record struct GtBox(ObjectClass Class, float X0, float Y0, float X1, float Y1, float VisibleFraction, uint InstanceId)
{
    public float Width => X1 - X0;
    public float Height => Y1 - Y0;
}

/// <summary>A lane line (a marking or road edge) seen by the camera: its id across the road (0 = the rightmost
/// line, counting leftwards), its points in the image (pixels, ordered from the bottom of the image upwards) and the
/// same points on the ground in vehicle coordinates (metres; x forward, y to the left, from the vehicle's reference point: its state position, the centre of gravity, which camera mounts are relative to).</summary>
public sealed record GtLane(int Id, (float X, float Y)[] ImagePoints, (float X, float Y)[] VehiclePoints);

/// <summary>One camera frame with the renderer's ground truth. <see cref="Rgba"/> is H×W×4 (camera readback
/// layout); <see cref="Classes"/> is H×W <see cref="LaneClass"/> values; <see cref="Semantic"/> is H×W renderer
/// <see cref="Simulator.Rendering.Vulkan.SemanticClass"/> values.</summary>
public sealed record PerceptionFrame(
    int Width,
    int Height,
    byte[] Rgba,
    byte[] Classes,
    byte[] Semantic,
    GtBox[] Boxes,
    GtLane[] Lanes,
    PerceptionFrameInfo Info);

/// <summary>Where a frame came from: the split, the generated track's seed, the env and the step.</summary>
public sealed record PerceptionFrameInfo(string Split, int TrackSeed, int Env, long Step, string Scene);
