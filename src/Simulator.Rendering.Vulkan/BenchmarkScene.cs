using System.Numerics;

namespace Simulator.Rendering.Vulkan;

/// <summary>
/// A realistic test scene: a closed curving road (a few thousand triangles) with lane markings, kerbs and a terrain
/// grid as one static set, plus ~10 props per env placed along the road. Used by the benchmark and tests.
/// </summary>
public static class BenchmarkScene
{
    /// <summary>Centre line of the loop road at arc parameter s in [0, 1): a wobbly ellipse of ~600 m.</summary>
    public static (Vector3 Position, float Heading) RoadPoint(float s)
    {
        float a = MathF.Tau * s;
        float r = 1f + 0.12f * MathF.Sin(3 * a);
        var p = new Vector3(110f * r * MathF.Cos(a), 70f * r * MathF.Sin(a), 0f);
        float a2 = a + 0.001f;
        float r2 = 1f + 0.12f * MathF.Sin(3 * a2);
        var q = new Vector3(110f * r2 * MathF.Cos(a2), 70f * r2 * MathF.Sin(a2), 0f);
        return (p, MathF.Atan2(q.Y - p.Y, q.X - p.X));
    }

    /// <summary>Builds the static set parts: road (7 m wide), centre and edge markings, kerbs, terrain.</summary>
    public static IReadOnlyList<StaticPart> BuildStaticParts(int segments = 300)
    {
        return
        [
            new StaticPart(Strip(segments, -3.5f, 3.5f, 0.0f, lateralSteps: 1, "road"), SemanticClass.Road, new Vector3(0.32f, 0.32f, 0.34f)),
            new StaticPart(Markings(segments), SemanticClass.LaneMarking, new Vector3(0.95f, 0.95f, 0.9f)),
            new StaticPart(Merge("kerbs", Strip(segments, -3.8f, -3.5f, 0.1f, 1, "kerb_l"), Strip(segments, 3.5f, 3.8f, 0.1f, 1, "kerb_r")), SemanticClass.Kerb, new Vector3(0.8f, 0.2f, 0.2f)),
            new StaticPart(Terrain(24, 170f), SemanticClass.Terrain, new Vector3(0.3f, 0.55f, 0.25f)),
        ];
    }

    /// <summary>Camera of env <paramref name="env"/> of <paramref name="envCount"/>: spread around the loop, on the road, looking ahead.</summary>
    public static EnvView View(int env, int envCount, int staticSet)
    {
        (Vector3 p, float heading) = RoadPoint((env + 0.37f) / Math.Max(envCount, 1));
        EnvView view = EnvView.Default;
        view.StaticSet = staticSet;
        // 150 m far plane: an 84-pixel camera resolves nothing useful beyond it, and lavapipe pays per triangle.
        view.Camera = CameraPose.Create(p + new Vector3(0, 0, 1.4f), heading, pitch: -0.05f, far: 150f);
        return view;
    }

    /// <summary>Adds 10 props (cars, cones, a barrier, a pedestrian, a sign) to batch env <paramref name="env"/>, ahead
    /// of the camera of <see cref="View"/>(<paramref name="index"/>, <paramref name="count"/>).</summary>
    public static void AddProps(CameraBatch batch, int env, PropLibrary props, int index, int count)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(props);
        float s0 = (index + 0.37f) / Math.Max(count, 1);
        uint id = 1;
        for (int k = 0; k < 10; k++)
        {
            (Vector3 p, float h) = RoadPoint(s0 + 0.014f + 0.009f * k); // ~8 m to ~55 m ahead
            var left = new Vector3(-MathF.Sin(h), MathF.Cos(h), 0);
            (int mesh, SemanticClass cls, Vector3 color, float lateral) = (k % 5) switch
            {
                0 => (props.Car, SemanticClass.Vehicle, new Vector3(0.1f, 0.2f, 0.8f), -1.7f),
                1 => (props.Cone, SemanticClass.Cone, new Vector3(1f, 0.45f, 0f), 3.2f),
                2 => (props.Car, SemanticClass.Vehicle, new Vector3(0.85f, 0.85f, 0.1f), 1.7f),
                3 => (props.BarrierBlock, SemanticClass.Barrier, new Vector3(0.6f, 0.6f, 0.6f), 5.0f),
                _ => (k == 4 ? props.Pedestrian : props.Sign, k == 4 ? SemanticClass.Pedestrian : SemanticClass.Sign, new Vector3(0.8f, 0.3f, 0.5f), -5.0f),
            };
            batch.AddInstance(env, PropInstance.Create(mesh, p + left * lateral, h, color, cls, id++));
        }
    }

    private static MeshData Strip(int segments, float from, float to, float z, int lateralSteps, string name)
    {
        int cols = lateralSteps + 1;
        var p = new float[(segments + 1) * cols * 3];
        var n = new float[p.Length];
        var uv = new float[(segments + 1) * cols * 2];
        var idx = new List<uint>();
        for (int i = 0; i <= segments; i++)
        {
            (Vector3 c, float h) = RoadPoint((float)i / segments);
            var left = new Vector3(-MathF.Sin(h), MathF.Cos(h), 0);
            for (int j = 0; j < cols; j++)
            {
                float u = from + (to - from) * j / lateralSteps;
                Vector3 v = c + left * u + new Vector3(0, 0, z);
                int k = i * cols + j;
                (p[k * 3], p[k * 3 + 1], p[k * 3 + 2]) = (v.X, v.Y, v.Z);
                n[k * 3 + 2] = 1f;
                uv[k * 2] = u;
                uv[k * 2 + 1] = i * 600f / segments;
            }
        }
        for (int i = 0; i < segments; i++)
        {
            for (int j = 0; j < lateralSteps; j++)
            {
                uint a = (uint)(i * cols + j), b = a + 1, c = a + (uint)cols, d = c + 1;
                idx.AddRange([a, c, b, b, c, d]);
            }
        }
        return new MeshData(p, n, uv, [.. idx], name);
    }

    private static MeshData Markings(int segments)
    {
        // Dashed centre line (every other segment pair) and continuous edge lines, 1 cm above the road.
        MeshData centre = Strip(segments, -0.06f, 0.06f, 0.01f, 1, "centre");
        var keep = new List<uint>();
        for (int t = 0; t < centre.Indices.Length; t += 6)
        {
            if ((t / 6) % 4 < 2)
            {
                keep.AddRange(centre.Indices.AsSpan(t, 6).ToArray());
            }
        }
        var dashed = new MeshData(centre.Positions, centre.Normals, centre.Uvs, [.. keep], "centre");
        return Merge("markings", dashed, Strip(segments, -3.3f, -3.18f, 0.01f, 1, "edge_l"), Strip(segments, 3.18f, 3.3f, 0.01f, 1, "edge_r"));
    }

    private static MeshData Terrain(int cells, float half)
    {
        int verts = cells + 1;
        var p = new float[verts * verts * 3];
        var n = new float[p.Length];
        var idx = new List<uint>();
        for (int y = 0; y < verts; y++)
        {
            for (int x = 0; x < verts; x++)
            {
                int k = y * verts + x;
                p[k * 3] = -half + 2 * half * x / cells;
                p[k * 3 + 1] = -half + 2 * half * y / cells;
                p[k * 3 + 2] = -0.05f;
                n[k * 3 + 2] = 1f;
            }
        }
        for (int y = 0; y < cells; y++)
        {
            for (int x = 0; x < cells; x++)
            {
                uint a = (uint)(y * verts + x), b = a + 1, c = a + (uint)verts, d = c + 1;
                idx.AddRange([a, b, c, b, d, c]);
            }
        }
        return new MeshData(p, n, null, [.. idx], "terrain");
    }

    private static MeshData Merge(string name, params MeshData[] meshes)
    {
        var p = new List<float>();
        var n = new List<float>();
        var uv = new List<float>();
        var idx = new List<uint>();
        foreach (MeshData m in meshes)
        {
            uint b = (uint)(p.Count / 3);
            p.AddRange(m.Positions);
            n.AddRange(m.Normals);
            uv.AddRange(m.Uvs ?? new float[m.VertexCount * 2]);
            foreach (uint i in m.Indices)
            {
                idx.Add(i + b);
            }
        }
        return new MeshData([.. p], [.. n], [.. uv], [.. idx], name);
    }
}
