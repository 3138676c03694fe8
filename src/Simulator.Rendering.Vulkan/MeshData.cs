using Simulator.Core;

namespace Simulator.Rendering.Vulkan;

/// <summary>
/// An indexed triangle mesh in float: positions xyz (metres, Z up, mesh-local for props and world for static
/// sets), unit normals xyz, optional uv (for track geometry u = lateral offset in metres, v = arc length), and
/// counter-clockwise triangles as uint indices.
/// </summary>
public sealed class MeshData
{
    public MeshData(float[] positions, float[] normals, float[]? uvs, uint[] indices, string name = "mesh")
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(normals);
        ArgumentNullException.ThrowIfNull(indices);
        Name = name;
        if (positions.Length == 0 || positions.Length % 3 != 0)
        {
            throw new SimInputException($"positions must be a non-empty multiple of 3 floats (got {positions.Length})", name, "positions");
        }
        int vertices = positions.Length / 3;
        if (normals.Length != positions.Length)
        {
            throw new SimInputException($"normals must have one xyz per vertex ({positions.Length} floats, got {normals.Length})", name, "normals");
        }
        if (uvs != null && uvs.Length != vertices * 2)
        {
            throw new SimInputException($"uvs must have one uv per vertex ({vertices * 2} floats, got {uvs.Length})", name, "uvs");
        }
        if (indices.Length == 0 || indices.Length % 3 != 0)
        {
            throw new SimInputException($"indices must be a non-empty multiple of 3 (got {indices.Length})", name, "indices");
        }
        for (int i = 0; i < indices.Length; i++)
        {
            if (indices[i] >= vertices)
            {
                throw new SimInputException($"index {indices[i]} at position {i} is out of range (mesh has {vertices} vertices)", name, "indices");
            }
        }
        for (int i = 0; i < positions.Length; i++)
        {
            if (!float.IsFinite(positions[i]) || !float.IsFinite(normals[i]))
            {
                throw new SimInputException($"vertex {i / 3} has a non-finite position or normal", name, "positions");
            }
        }
        Positions = positions;
        Normals = normals;
        Uvs = uvs;
        Indices = indices;
    }

    public string Name { get; }
    public float[] Positions { get; }
    public float[] Normals { get; }
    public float[]? Uvs { get; }
    public uint[] Indices { get; }
    public int VertexCount => Positions.Length / 3;
    public int TriangleCount => Indices.Length / 3;

    /// <summary>Interleaves into the GPU vertex layout: position (3), normal (3), uv (2) floats = 32 bytes.</summary>
    internal float[] Interleave()
    {
        int n = VertexCount;
        var v = new float[n * 8];
        for (int i = 0; i < n; i++)
        {
            v[i * 8 + 0] = Positions[i * 3 + 0];
            v[i * 8 + 1] = Positions[i * 3 + 1];
            v[i * 8 + 2] = Positions[i * 3 + 2];
            v[i * 8 + 3] = Normals[i * 3 + 0];
            v[i * 8 + 4] = Normals[i * 3 + 1];
            v[i * 8 + 5] = Normals[i * 3 + 2];
            if (Uvs != null)
            {
                v[i * 8 + 6] = Uvs[i * 2 + 0];
                v[i * 8 + 7] = Uvs[i * 2 + 1];
            }
        }
        return v;
    }
}
