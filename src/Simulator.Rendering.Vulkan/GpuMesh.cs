using System.Numerics;
using System.Runtime.InteropServices;
using Simulator.Rendering.Vulkan.Interop;

namespace Simulator.Rendering.Vulkan;

/// <summary>Vertex and index buffers of one uploaded mesh (a prop mesh or a merged static set).</summary>
internal sealed class GpuMesh : IDisposable
{
    public GpuMesh(VulkanContext ctx, ReadOnlySpan<float> interleaved, ReadOnlySpan<uint> indices)
    {
        Vertices = ctx.UploadBuffer(MemoryMarshal.AsBytes(interleaved), VkConst.VK_BUFFER_USAGE_VERTEX_BUFFER_BIT);
        try
        {
            Indices = ctx.UploadBuffer(MemoryMarshal.AsBytes(indices), VkConst.VK_BUFFER_USAGE_INDEX_BUFFER_BIT);
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

/// <summary>A static set on the GPU: all parts merged into one mesh, drawn as one index range per part.</summary>
internal sealed class StaticSetGpu : IDisposable
{
    public StaticSetGpu(VulkanContext ctx, IReadOnlyList<StaticPart> parts)
    {
        var vertices = new List<float>();
        var indices = new List<uint>();
        Parts = new PartRange[parts.Count];
        for (int p = 0; p < parts.Count; p++)
        {
            StaticPart part = parts[p];
            uint baseVertex = (uint)(vertices.Count / 8);
            Parts[p] = new PartRange((uint)indices.Count, (uint)part.Mesh.Indices.Length, part.Class, part.Color, part.InstanceId);
            vertices.AddRange(part.Mesh.Interleave());
            foreach (uint i in part.Mesh.Indices)
            {
                indices.Add(i + baseVertex);
            }
            TriangleCount += part.Mesh.TriangleCount;
        }
        Mesh = new GpuMesh(ctx, CollectionsMarshal.AsSpan(vertices), CollectionsMarshal.AsSpan(indices));
    }

    public GpuMesh Mesh { get; }
    public PartRange[] Parts { get; }
    public int TriangleCount { get; }

    public void Dispose() => Mesh.Dispose();

    internal readonly record struct PartRange(uint FirstIndex, uint IndexCount, SemanticClass Class, Vector3 Color, uint InstanceId);
}
