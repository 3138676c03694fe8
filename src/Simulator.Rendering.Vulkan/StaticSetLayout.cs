using System.Numerics;

namespace Simulator.Rendering.Vulkan;

/// <summary>
/// The CPU side of a static set: all parts merged into one vertex/index stream and cut into spatial chunks (grid
/// cells by triangle centroid) with bounding boxes, so each camera draws only the chunks inside its frustum. Plain
/// data: the draw-list builder reads it without a device; <see cref="StaticSetGpu"/> uploads it.
/// </summary>
internal sealed class StaticSetLayout
{
    /// <summary>Most chunks per static set (bounds the per-frame draw-record buffer).</summary>
    public const int MaxChunks = 192;

    private StaticSetLayout(float[] vertices, uint[] indices, Chunk[] chunks, (uint, SemanticClass)[] boxParts, int triangles)
    {
        Vertices = vertices;
        Indices = indices;
        Chunks = chunks;
        BoxParts = boxParts;
        TriangleCount = triangles;
    }

    /// <summary>Interleaved vertices of all parts, in part order.</summary>
    public float[] Vertices { get; }

    /// <summary>Indices regrouped chunk by chunk (a chunk is one contiguous index range).</summary>
    public uint[] Indices { get; }

    public Chunk[] Chunks { get; }

    /// <summary>Parts with an instance id (they can appear in the 2D boxes).</summary>
    public (uint InstanceId, SemanticClass Class)[] BoxParts { get; }

    public int TriangleCount { get; }

    public static StaticSetLayout Build(IReadOnlyList<StaticPart> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var vertices = new List<float>();
        int triangles = 0;
        var boxParts = new List<(uint, SemanticClass)>();
        foreach (StaticPart part in parts)
        {
            vertices.AddRange(part.Mesh.Interleave());
            triangles += part.Mesh.TriangleCount;
            if (part.InstanceId != 0)
            {
                boxParts.Add((part.InstanceId, part.Class));
            }
        }
        // Grow the cell size until the chunk count fits the record budget.
        float cell = 24f;
        List<Chunk> chunks;
        List<uint> indices;
        while (!TryChunk(parts, cell, out chunks, out indices))
        {
            cell *= 1.5f;
        }
        return new StaticSetLayout([.. vertices], [.. indices], [.. chunks], [.. boxParts], triangles);
    }

    private static bool TryChunk(IReadOnlyList<StaticPart> parts, float cell, out List<Chunk> chunks, out List<uint> indices)
    {
        chunks = [];
        indices = [];
        uint baseVertex = 0;
        foreach (StaticPart part in parts)
        {
            MeshData m = part.Mesh;
            // Sorted dictionary keeps chunk order deterministic (cell y, then x).
            var cells = new SortedDictionary<(int, int), List<int>>();
            for (int t = 0; t < m.TriangleCount; t++)
            {
                Vector3 c = (Vertex(m, m.Indices[t * 3]) + Vertex(m, m.Indices[t * 3 + 1]) + Vertex(m, m.Indices[t * 3 + 2])) / 3f;
                var key = ((int)MathF.Floor(c.Y / cell), (int)MathF.Floor(c.X / cell));
                if (!cells.TryGetValue(key, out List<int>? list))
                {
                    cells[key] = list = [];
                }
                list.Add(t);
            }
            foreach (List<int> tris in cells.Values)
            {
                var min = new Vector3(float.MaxValue);
                var max = new Vector3(float.MinValue);
                uint first = (uint)indices.Count;
                foreach (int t in tris)
                {
                    for (int k = 0; k < 3; k++)
                    {
                        uint i = m.Indices[t * 3 + k];
                        Vector3 v = Vertex(m, i);
                        min = Vector3.Min(min, v);
                        max = Vector3.Max(max, v);
                        indices.Add(i + baseVertex);
                    }
                }
                chunks.Add(new Chunk(first, (uint)(indices.Count - first), part.Class, part.Color, part.InstanceId, min, max));
                if (chunks.Count > MaxChunks)
                {
                    return false;
                }
            }
            baseVertex += (uint)m.VertexCount;
        }
        return true;
    }

    private static Vector3 Vertex(MeshData m, uint i) => new(m.Positions[i * 3], m.Positions[i * 3 + 1], m.Positions[i * 3 + 2]);

    internal readonly record struct Chunk(uint FirstIndex, uint IndexCount, SemanticClass Class, Vector3 Color, uint InstanceId, Vector3 Min, Vector3 Max);
}
