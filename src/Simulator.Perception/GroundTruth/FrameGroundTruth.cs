using Simulator.Driving.Runtime;
using Simulator.Driving.Snapshots;
using Simulator.Perception.Data;
using Simulator.Rendering.Vulkan;

namespace Simulator.Perception.GroundTruth;

/// <summary>
/// Turns one rendered camera frame (colour, segmentation and boxes of a <see cref="FrameView"/> row) and the snapshot
/// it was rendered from into a <see cref="PerceptionFrame"/>:
/// <list type="bullet">
/// <item>pixel classes: the renderer's <see cref="SemanticClass"/> per pixel and its <see cref="LaneClass"/>
/// (<see cref="PerceptionClasses.LaneClassOf"/>);</item>
/// <item>boxes: the renderer's visible boxes (bounds of the instance's visible pixels, so occlusion is included) of
/// every object class except the ego itself, with <see cref="GtBox.VisibleFraction"/> = visible pixels / pixels of
/// the unoccluded silhouette inside the image (<see cref="SilhouetteRasterizer"/>), clamped to [0, 1];</item>
/// <item>lanes: <see cref="LaneGroundTruth"/> in the same camera projection.</item>
/// </list>
/// Not thread-safe (it owns a rasteriser): one instance per thread.
/// </summary>
public sealed class FrameGroundTruth
{
    private readonly SilhouetteRasterizer _rasterizer = new();

    public LaneGroundTruthOptions Lanes { get; init; } = LaneGroundTruthOptions.Default;

    /// <summary>The camera view the renderer drew for <paramref name="snapshot"/> with <paramref name="camera"/>.</summary>
    public static EnvView ViewOf(WorldSnapshot snapshot, in CameraSnapshot camera)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var view = EnvView.Default;
        view.Camera = camera.Pose;
        view.Lighting = snapshot.Lighting;
        view.Randomization = snapshot.Randomization;
        return view;
    }

    /// <summary>Builds the frame of row <paramref name="row"/> of <paramref name="frame"/>, which the renderer drew from
    /// <paramref name="snapshot"/> through <paramref name="camera"/> (outputs must include Segmentation and Boxes).</summary>
    public PerceptionFrame Build(WorldSnapshot snapshot, in CameraSnapshot camera, in FrameView frame, int row, PerceptionFrameInfo info)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if ((frame.Outputs & (RenderOutputs.Segmentation | RenderOutputs.Boxes)) != (RenderOutputs.Segmentation | RenderOutputs.Boxes))
        {
            throw new ArgumentException($"the frame has outputs {frame.Outputs}; ground truth needs Segmentation and Boxes", nameof(frame));
        }
        int w = frame.Width, h = frame.Height;
        byte[] rgba = frame.ColorOf(row).ToArray();
        byte[] semantic = frame.SegmentationOf(row).ToArray();
        byte[] classes = new byte[semantic.Length];
        for (int i = 0; i < semantic.Length; i++)
        {
            classes[i] = (byte)PerceptionClasses.LaneClassOf((SemanticClass)semantic[i]);
        }
        var matrix = CameraMatrix.Of(ViewOf(snapshot, camera), w, h);
        ActorSnapshot ego = EgoOf(snapshot);
        GtBox[] boxes = Boxes(snapshot, matrix, frame.BoxesOf(row), ego.InstanceId);
        GtLane[] lanes = snapshot.Scene is null ? [] : LaneGroundTruth.Compute(snapshot.Scene.Track, matrix, ego.Position, ego.Yaw, Lanes);
        return new PerceptionFrame(w, h, rgba, classes, semantic, boxes, lanes, info);
    }

    /// <summary>The ego's actor (its position and yaw define the vehicle frame).</summary>
    public static ActorSnapshot EgoOf(WorldSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        foreach (ref readonly var a in snapshot.Actors)
        {
            if (a.Kind == ActorKind.Ego)
            {
                return a;
            }
        }
        throw new ArgumentException($"snapshot of '{snapshot.SceneName}' has no ego actor", nameof(snapshot));
    }

    private GtBox[] Boxes(WorldSnapshot snapshot, in CameraMatrix matrix, ReadOnlySpan<VisibleBox> visible, uint egoId)
    {
        var boxes = new List<GtBox>(visible.Length);
        foreach (ref readonly var b in visible)
        {
            if (b.InstanceId == egoId || PerceptionClasses.ObjectClassOf(b.Class) is not ObjectClass cls)
            {
                continue;
            }
            int silhouette = b.PixelCount;
            foreach (ref readonly var a in snapshot.Actors)
            {
                if (a.InstanceId == b.InstanceId)
                {
                    silhouette = Math.Max(silhouette, _rasterizer.CountPixels(matrix, a));
                    break;
                }
            }
            float fraction = silhouette > 0 ? Math.Clamp((float)b.PixelCount / silhouette, 0f, 1f) : 1f;
            boxes.Add(new GtBox(cls, b.MinX, b.MinY, b.MaxX + 1, b.MaxY + 1, fraction, b.InstanceId));
        }
        return [.. boxes];
    }
}
