using System.Numerics;
using Simulator.Driving.Snapshots;
using Simulator.Rendering.Vulkan;

namespace Simulator.Perception.GroundTruth;

/// <summary>
/// Counts the pixels of an actor's unoccluded silhouette: its prop mesh (the same OBJ the renderer draws, with the
/// same model transform T(position)·Rz(yaw)·S(scale)) rasterised alone on the CPU with the renderer's camera
/// projection, a pixel counted when its centre lies inside a projected triangle. Only pixels inside the image count
/// (truncation by the image border is not occlusion). Triangles with a vertex behind the near plane are skipped (an
/// object that close to the camera). Not thread-safe: one instance per thread.
/// </summary>
public sealed class SilhouetteRasterizer
{
    private static readonly Lazy<MeshData[]> s_meshes = new(LoadMeshes);
    private int[] _stamp = [];
    private int _serial;
    private Vector2[] _screen = [];
    private bool[] _inFront = [];

    /// <summary>Pixels covered by the actor's silhouette inside the image.</summary>
    public int CountPixels(in CameraMatrix camera, in ActorSnapshot actor)
    {
        int w = camera.Width, h = camera.Height;
        if (_stamp.Length < w * h)
        {
            _stamp = new int[w * h];
            _serial = 0;
        }
        _serial++;
        MeshData mesh = MeshOf(actor.Mesh);
        int vertices = mesh.Positions.Length / 3;
        if (_screen.Length < vertices)
        {
            _screen = new Vector2[vertices];
            _inFront = new bool[vertices];
        }
        Vector3 s = actor.Scale == Vector3.Zero ? Vector3.One : actor.Scale;
        float c = MathF.Cos(actor.Yaw), sn = MathF.Sin(actor.Yaw);
        float[] p = mesh.Positions;
        for (int i = 0; i < vertices; i++)
        {
            float lx = p[3 * i] * s.X, ly = p[3 * i + 1] * s.Y, lz = p[3 * i + 2] * s.Z;
            var world = new Vector3(c * lx - sn * ly + actor.Position.X, sn * lx + c * ly + actor.Position.Y, lz + actor.Position.Z);
            _inFront[i] = camera.TryProject(world, out _screen[i], out _);
        }
        int count = 0;
        uint[] idx = mesh.Indices;
        for (int t = 0; t + 2 < idx.Length; t += 3)
        {
            int a = (int)idx[t], b = (int)idx[t + 1], d = (int)idx[t + 2];
            if (_inFront[a] && _inFront[b] && _inFront[d])
            {
                count += Fill(_screen[a], _screen[b], _screen[d], w, h);
            }
        }
        return count;
    }

    /// <summary>Marks the pixels whose centres lie inside the triangle (edges inclusive); returns the newly marked.</summary>
    private int Fill(Vector2 a, Vector2 b, Vector2 c, int w, int h)
    {
        float area = Edge(a, b, c);
        if (area == 0 || !float.IsFinite(area))
        {
            return 0;
        }
        int x0 = Math.Max(0, (int)MathF.Floor(MathF.Min(a.X, MathF.Min(b.X, c.X)) - 0.5f));
        int x1 = Math.Min(w - 1, (int)MathF.Ceiling(MathF.Max(a.X, MathF.Max(b.X, c.X)) - 0.5f));
        int y0 = Math.Max(0, (int)MathF.Floor(MathF.Min(a.Y, MathF.Min(b.Y, c.Y)) - 0.5f));
        int y1 = Math.Min(h - 1, (int)MathF.Ceiling(MathF.Max(a.Y, MathF.Max(b.Y, c.Y)) - 0.5f));
        float sign = area > 0 ? 1f : -1f;
        int marked = 0;
        for (int y = y0; y <= y1; y++)
        {
            for (int x = x0; x <= x1; x++)
            {
                var q = new Vector2(x + 0.5f, y + 0.5f);
                if (sign * Edge(a, b, q) >= 0 && sign * Edge(b, c, q) >= 0 && sign * Edge(c, a, q) >= 0 && _stamp[y * w + x] != _serial)
                {
                    _stamp[y * w + x] = _serial;
                    marked++;
                }
            }
        }
        return marked;
    }

    private static float Edge(Vector2 a, Vector2 b, Vector2 q) => (b.X - a.X) * (q.Y - a.Y) - (b.Y - a.Y) * (q.X - a.X);

    private static MeshData MeshOf(MeshKind kind) => s_meshes.Value[kind switch
    {
        MeshKind.Car => 0,
        MeshKind.Cone => 1,
        MeshKind.BarrierBlock => 2,
        MeshKind.Pedestrian => 3,
        MeshKind.Sign => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown mesh kind"),
    }];

    /// <summary>The renderer's prop meshes, in <see cref="PropLibrary.Names"/> order (car, cone, barrier_block,
    /// pedestrian, sign), from the same assets folder.</summary>
    private static MeshData[] LoadMeshes()
    {
        var meshes = new MeshData[PropLibrary.Names.Length];
        for (int i = 0; i < meshes.Length; i++)
        {
            meshes[i] = ObjLoader.Load(Path.Combine(PropLibrary.DefaultDirectory, PropLibrary.Names[i] + ".obj"));
        }
        return meshes;
    }
}
