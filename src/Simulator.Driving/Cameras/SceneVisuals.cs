using System.Numerics;
using Simulator.Driving.Runtime;
using Simulator.Rendering.Vulkan;
using Simulator.Tracks;

namespace Simulator.Driving.Cameras;

/// <summary>What things look like: the track's static meshes with their classes and base colours, and prop colours.</summary>
public static class SceneVisuals
{
    public static readonly Vector3 Road = new(0.33f, 0.33f, 0.35f);
    public static readonly Vector3 Marking = new(0.95f, 0.95f, 0.92f);
    public static readonly Vector3 KerbColor = new(0.80f, 0.22f, 0.20f);
    public static readonly Vector3 BarrierColor = new(0.72f, 0.72f, 0.75f);
    public static readonly Vector3 Grass = new(0.30f, 0.52f, 0.24f);
    public static readonly Vector3 Ego = new(0.15f, 0.35f, 0.85f);
    public static readonly Vector3 Parked = new(0.50f, 0.50f, 0.52f);
    public static readonly Vector3 ConeColor = new(1.00f, 0.45f, 0.05f);
    public static readonly Vector3 BlockColor = new(0.85f, 0.85f, 0.85f);
    public static readonly Vector3 SignColor = new(0.90f, 0.80f, 0.10f);
    public static readonly Vector3 PedestrianColor = new(0.80f, 0.30f, 0.50f);

    private static readonly Vector3[] s_traffic =
    [
        new(0.85f, 0.15f, 0.15f), new(0.95f, 0.95f, 0.95f), new(0.10f, 0.10f, 0.12f), new(0.20f, 0.60f, 0.30f), new(0.90f, 0.70f, 0.10f),
    ];

    public static Vector3 TrafficColor(int entityId) => s_traffic[entityId % s_traffic.Length];

    // 3 m steps: curves stay smooth to a few centimetres (radius ≥ 15 m) and llvmpipe, whose vertex stage is
    // single-threaded, draws a third of the vertices of the 1 m default.
    private static readonly TrackMeshOptions s_meshOptions = new() { Step = 3.0, MaxStep = 24.0, ChordTolerance = 0.02 };

    /// <summary>
    /// A scene's static parts: its track's (<see cref="StaticParts(Track)"/>) plus its crosswalks as zebra stripes.
    /// The stripes are painted road: their segmentation class is <see cref="SemanticClass.Road"/>, so lane-marking
    /// ground truth stays the lane lines.
    /// </summary>
    public static IReadOnlyList<StaticPart> StaticParts(CompiledScene scene)
    {
        ArgumentNullException.ThrowIfNull(scene);
        var parts = new List<StaticPart>(StaticParts(scene.Track));
        var crosswalks = scene.Description.Crosswalks;
        if (crosswalks.Length > 0)
        {
            var zebra = TrackMeshBuilder.BuildCrosswalks(scene.Track, crosswalks.Select(c => (c.S, c.Width)).ToArray(), s_meshOptions);
            parts.Add(new StaticPart(ToMesh(zebra), SemanticClass.Road, Marking));
        }
        return parts;
    }

    /// <summary>The track's meshes (road, markings, kerbs, barriers, ground) as the renderer's static parts.</summary>
    public static IReadOnlyList<StaticPart> StaticParts(Track track)
    {
        var mesh = TrackMeshBuilder.Build(track, s_meshOptions);
        var parts = new List<StaticPart>(5)
        {
            new(ToMesh(mesh.Ground), SemanticClass.Terrain, Grass),
            new(ToMesh(mesh.RoadSurface), SemanticClass.Road, Road),
        };
        if (mesh.LaneMarking.TriangleCount > 0)
        {
            parts.Add(new StaticPart(ToMesh(mesh.LaneMarking), SemanticClass.LaneMarking, Marking));
        }
        if (mesh.Kerb.TriangleCount > 0)
        {
            parts.Add(new StaticPart(ToMesh(mesh.Kerb), SemanticClass.Kerb, KerbColor));
        }
        if (mesh.Barrier.TriangleCount > 0)
        {
            parts.Add(new StaticPart(ToMesh(mesh.Barrier), SemanticClass.Barrier, BarrierColor));
        }
        return parts;
    }

    /// <summary>Splits the track's interleaved vertices (position, normal, uv) into the renderer's mesh arrays.</summary>
    public static MeshData ToMesh(TrackMeshPart part)
    {
        int n = part.VertexCount;
        var positions = new float[n * 3];
        var normals = new float[n * 3];
        var uvs = new float[n * 2];
        var v = part.Vertices;
        for (int i = 0; i < n; i++)
        {
            int o = i * TrackMeshPart.FloatsPerVertex;
            positions[3 * i] = v[o];
            positions[3 * i + 1] = v[o + 1];
            positions[3 * i + 2] = v[o + 2];
            normals[3 * i] = v[o + 3];
            normals[3 * i + 1] = v[o + 4];
            normals[3 * i + 2] = v[o + 5];
            uvs[2 * i] = v[o + 6];
            uvs[2 * i + 1] = v[o + 7];
        }
        return new MeshData(positions, normals, uvs, part.Indices, part.Name);
    }

    public static (SemanticClass Class, Vector3 Color) Prop(ActorKind kind) => kind switch
    {
        ActorKind.Cone => (SemanticClass.Cone, ConeColor),
        ActorKind.Barrier => (SemanticClass.Barrier, BlockColor),
        ActorKind.ParkedCar => (SemanticClass.Vehicle, Parked),
        ActorKind.Sign => (SemanticClass.Sign, SignColor),
        _ => (SemanticClass.Pedestrian, PedestrianColor),
    };
}
