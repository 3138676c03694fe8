using System.Numerics;
using Simulator.Driving.Runtime;
using Simulator.Driving.Snapshots;
using Simulator.Rendering.Vulkan;

namespace Simulator.Viewer.Export;

/// <summary>Camera poses of the export views, computed from a snapshot alone.</summary>
public static class ExportCameras
{
    private static readonly ViewerCamera s_chase = new(); // chase mode is stateless: one instance serves every call

    /// <summary>Height of the top view above the ego (metres): about 90 m of road across a 16:9 frame.</summary>
    public const float TopHeight = 48f;

    /// <param name="lateral">Metres to the camera's left (negative: right), e.g. the side cameras of a Udacity
    /// dataset; the camera keeps its heading.</param>
    public static CameraPose Pose(ExportView view, WorldSnapshot snapshot, float lateral = 0)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        CameraPose pose;
        if (view == ExportView.Agent && !snapshot.Cameras.IsEmpty)
        {
            pose = snapshot.Cameras[0].Pose;
        }
        else
        {
            ActorSnapshot ego = Ego(snapshot);
            pose = view switch
            {
                ExportView.Agent => Bonnet(ego),
                ExportView.Top => Top(ego),
                _ => s_chase.Pose(ego.Position, ego.Yaw),
            };
        }
        if (lateral != 0)
        {
            pose.Position += lateral * new Vector3(-MathF.Sin(pose.Yaw), MathF.Cos(pose.Yaw), 0);
        }
        return pose;
    }

    /// <summary>The viewer's bonnet camera (as its inset uses when the ego has no camera sensor).</summary>
    public static CameraPose Bonnet(in ActorSnapshot ego)
    {
        var forward = new Vector3(MathF.Cos(ego.Yaw), MathF.Sin(ego.Yaw), 0);
        return CameraPose.Create(ego.Position + 1.0f * forward + new Vector3(0, 0, 1.4f), ego.Yaw, -0.14f, 1.0f, 0.1f, 160f);
    }

    /// <summary>Looking down at the ego from <see cref="TopHeight"/>, north up. The pitch stops short of straight
    /// down (the view matrix needs a horizontal forward), and the eye sits south of the ego by as much as that
    /// leaves, so the ego stays in the middle of the frame.</summary>
    public static CameraPose Top(in ActorSnapshot ego)
    {
        const float pitch = -1.5f;
        float back = TopHeight / MathF.Tan(-pitch);
        Vector3 eye = ego.Position + new Vector3(0, -back, TopHeight);
        return CameraPose.Create(eye, MathF.PI / 2, pitch, 1.1f, 1f, 400f);
    }

    /// <summary>The ego in the snapshot (the first actor when none is marked as the ego).</summary>
    public static ActorSnapshot Ego(WorldSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ReadOnlySpan<ActorSnapshot> actors = snapshot.Actors;
        for (int i = 0; i < actors.Length; i++)
        {
            if (actors[i].Kind == ActorKind.Ego)
            {
                return actors[i];
            }
        }
        return actors.IsEmpty ? default : actors[0];
    }
}
