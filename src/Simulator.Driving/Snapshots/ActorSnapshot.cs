using System.Numerics;
using Simulator.Driving.Runtime;
using Simulator.Rendering.Vulkan;

namespace Simulator.Driving.Snapshots;

/// <summary>One visible actor at the snapshot's instant: what it is, its shape, pose, size, colour and identity.</summary>
public struct ActorSnapshot
{
    public ActorKind Kind;
    public MeshKind Mesh;
    /// <summary>World position of the actor's ground point (metres; X east, Y north, Z up).</summary>
    public Vector3 Position;
    /// <summary>Heading, radians counter-clockwise from +X.</summary>
    public float Yaw;
    /// <summary>Scale of the unit mesh along the actor's own x (length), y (width) and z (height).</summary>
    public Vector3 Scale;
    /// <summary>Linear RGB albedo 0..1.</summary>
    public Vector3 Color;
    public SemanticClass Class;
    /// <summary>Entity id + 1 (0 means "no instance"), stable for the episode.</summary>
    public uint InstanceId;
}
