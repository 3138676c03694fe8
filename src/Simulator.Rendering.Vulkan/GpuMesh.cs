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

/// <summary>A static set on the GPU: its <see cref="StaticSetLayout"/> (chunks, box parts) uploaded as one mesh.</summary>
internal sealed class StaticSetGpu : IDisposable
{
    public StaticSetGpu(VulkanContext ctx, StaticSetLayout layout)
    {
        Layout = layout;
        Mesh = new GpuMesh(ctx, layout.Vertices, layout.Indices);
    }

    public StaticSetLayout Layout { get; }
    public GpuMesh Mesh { get; }
    public int TriangleCount => Layout.TriangleCount;

    public void Dispose() => Mesh.Dispose();
}
