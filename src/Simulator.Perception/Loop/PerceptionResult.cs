using Simulator.Perception.Data;
using Simulator.Perception.Decoding;

namespace Simulator.Perception.Loop;

/// <summary>What perception made of one camera frame: pixel classes and fitted lane lines (lane model), detected
/// objects (object model), and the ego's lane observation derived from the lines. Reused frame after frame.</summary>
public sealed class PerceptionResult
{
    internal PerceptionResult(int width, int height, int maxDetections)
    {
        Classes = new byte[width * height];
        DetectionBuffer = new DetectedBox[maxDetections];
    }

    /// <summary>Per-pixel <see cref="LaneClass"/> (H×W), valid when the lane model ran.</summary>
    public byte[] Classes { get; }
    public FittedLane[] Lanes { get; internal set; } = [];
    public LaneObservation Lane { get; internal set; }
    internal DetectedBox[] DetectionBuffer { get; }
    public int DetectionCount { get; internal set; }
    public ReadOnlySpan<DetectedBox> Detections => DetectionBuffer.AsSpan(0, DetectionCount);
    public bool HasLanes { get; internal set; }
    public bool HasObjects { get; internal set; }
}
