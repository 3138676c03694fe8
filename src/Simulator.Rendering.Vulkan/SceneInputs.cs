using System.Numerics;

namespace Simulator.Rendering.Vulkan;

/// <summary>
/// A camera in the world frame (X east, Y north, Z up). Yaw is counter-clockwise from +X, positive pitch looks
/// up, positive roll lifts the image's right side. Angles in radians, distances in metres.
/// </summary>
public struct CameraPose
{
    public Vector3 Position;
    public float Yaw;
    public float Pitch;
    public float Roll;
    /// <summary>Vertical field of view (radians).</summary>
    public float VerticalFov;
    public float Near;
    public float Far;

    public static CameraPose Create(Vector3 position, float yaw, float pitch = 0f, float verticalFov = 1.0472f, float near = 0.1f, float far = 300f) =>
        new() { Position = position, Yaw = yaw, Pitch = pitch, VerticalFov = verticalFov, Near = near, Far = far };
}

/// <summary>Sun, ambient, fog and sky of one env.</summary>
public struct Lighting
{
    /// <summary>Unit vector pointing towards the sun.</summary>
    public Vector3 SunDirection;
    public float SunIntensity;
    public Vector3 SunColor;
    public Vector3 Ambient;
    /// <summary>Exponential fog density per metre (0 = no fog): colour = mix(fog, colour, exp(-density·distance)).</summary>
    public float FogDensity;
    public Vector3 FogColor;
    public Vector3 SkyZenith;
    public Vector3 SkyHorizon;

    public static Lighting Default => new()
    {
        SunDirection = Vector3.Normalize(new Vector3(0.4f, 0.3f, 0.85f)),
        SunIntensity = 0.8f,
        SunColor = new Vector3(1f, 0.97f, 0.9f),
        Ambient = new Vector3(0.35f, 0.37f, 0.4f),
        FogDensity = 0f,
        FogColor = new Vector3(0.75f, 0.8f, 0.85f),
        SkyZenith = new Vector3(0.25f, 0.45f, 0.85f),
        SkyHorizon = new Vector3(0.75f, 0.82f, 0.92f),
    };
}

/// <summary>Domain randomisation of one env: tints, camera jitter and deterministic Gaussian image noise.</summary>
public struct Randomization
{
    public Vector3 RoadTint;
    public Vector3 GrassTint;
    public Vector3 SkyTint;
    /// <summary>Added to the camera position (metres).</summary>
    public Vector3 CameraOffset;
    /// <summary>Added to yaw, pitch, roll (radians).</summary>
    public Vector3 CameraAngleOffset;
    /// <summary>Standard deviation of per-channel noise in colour units (0..1); 0 = none.</summary>
    public float NoiseSigma;
    /// <summary>Seed of the counter-based noise hash: same seed, same noise. Give each env and step its own seed
    /// (e.g. a hash of env index, episode and step); the layer index is deliberately not part of the hash.</summary>
    public uint NoiseSeed;

    public static Randomization None => new() { RoadTint = Vector3.One, GrassTint = Vector3.One, SkyTint = Vector3.One };
}

/// <summary>Everything one env's camera needs for one frame, apart from its prop instances.</summary>
public struct EnvView
{
    /// <summary>Static set to draw (from <see cref="VulkanRenderer.AddStaticSet"/>), or -1 for none.</summary>
    public int StaticSet;
    public CameraPose Camera;
    public Lighting Lighting;
    public Randomization Randomization;

    public static EnvView Default => new()
    {
        StaticSet = -1,
        Camera = CameraPose.Create(new Vector3(0, 0, 1.5f), 0f),
        Lighting = Lighting.Default,
        Randomization = Randomization.None,
    };
}

/// <summary>One instanced prop (car, cone, ...) in one env for one frame.</summary>
public struct PropInstance
{
    /// <summary>Mesh id from <see cref="VulkanRenderer.AddMesh"/>.</summary>
    public int Mesh;
    public Vector3 Position;
    public float Yaw;
    public Vector3 Scale;
    /// <summary>Linear RGB albedo 0..1.</summary>
    public Vector3 Color;
    public SemanticClass Class;
    /// <summary>Written to the instance-id image and the boxes; 0 means "no instance".</summary>
    public uint InstanceId;

    public static PropInstance Create(int mesh, Vector3 position, float yaw, Vector3 color, SemanticClass cls, uint instanceId) =>
        new() { Mesh = mesh, Position = position, Yaw = yaw, Scale = Vector3.One, Color = color, Class = cls, InstanceId = instanceId };
}

/// <summary>One part of a static set: a world-space mesh with its class and colour (road, markings, kerbs...).</summary>
public sealed record StaticPart(MeshData Mesh, SemanticClass Class, Vector3 Color, uint InstanceId = 0);

/// <summary>2D box of a visible instance in one env's image, occlusion included (only visible pixels count).</summary>
public struct VisibleBox
{
    public uint InstanceId;
    public SemanticClass Class;
    /// <summary>Inclusive pixel bounds (x right, y down).</summary>
    public int MinX;
    public int MinY;
    public int MaxX;
    public int MaxY;
    public int PixelCount;
}
