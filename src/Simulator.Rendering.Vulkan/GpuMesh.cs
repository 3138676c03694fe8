using System.Numerics;
using System.Runtime.InteropServices;
using Silk.NET.Vulkan;

namespace Simulator.Rendering.Vulkan;

/// <summary>Vertex and index buffers of one uploaded mesh (a prop mesh or a merged static set).</summary>
internal sealed class GpuMesh : IDisposable
{
    public GpuMesh(VulkanContext ctx, ReadOnlySpan<float> interleaved, ReadOnlySpan<uint> indices)
    {
        Vertices = ctx.UploadBuffer(MemoryMarshal.AsBytes(interleaved), BufferUsageFlags.VertexBufferBit);
        try
        {
            Indices = ctx.UploadBuffer(MemoryMarshal.AsBytes(indices), BufferUsageFlags.IndexBufferBit);
        }
        catch
        {
            Vertices.Dispose();
            throw;
        }
        IndexCount = (uint)indices.Length;
    }

    public GpuBuffer Vertices { get; }
    public GpuBuffer Indices { get; }
    public uint IndexCount { get; }

    public void Dispose()
    {
        Vertices.Dispose();
        Indices.Dispose();
    }
}

/// <summary>
/// A static set on the GPU: all parts merged into one mesh and cut into spatial chunks (grid cells by triangle
/// centroid) with bounding boxes, so each env draws only the chunks inside its view frustum.
/// </summary>
internal sealed class StaticSetGpu : IDisposable
{
    /// <summary>Most chunks per static set (bounds the per-frame draw-record buffer).</summary>
    public const int MaxChunks = 192;

    public StaticSetGpu(VulkanContext ctx, IReadOnlyList<StaticPart> parts)
    {
        var vertices = new List<float>();
        foreach (StaticPart part in parts)
        {
            vertices.AddRange(part.Mesh.Interleave());
            TriangleCount += part.Mesh.TriangleCount;
        }
        // Grow the cell size until the chunk count fits the record budget.
        float cell = 24f;
        List<Chunk> chunks;
        List<uint> indices;
        while (!TryChunk(parts, cell, out chunks, out indices))
        {
            cell *= 1.5f;
        }
        Chunks = [.. chunks];
        BoxParts = parts.Where(p => p.InstanceId != 0).Select(p => (p.InstanceId, p.Class)).ToArray();
        Mesh = new GpuMesh(ctx, CollectionsMarshal.AsSpan(vertices), CollectionsMarshal.AsSpan(indices));
    }

    public GpuMesh Mesh { get; }
    public Chunk[] Chunks { get; }

    /// <summary>Parts with an instance id (they can appear in the 2D boxes).</summary>
    public (uint InstanceId, SemanticClass Class)[] BoxParts { get; }
    public int TriangleCount { get; }

    public void Dispose() => Mesh.Dispose();

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
