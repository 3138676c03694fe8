using System.Numerics;
using Simulator.Rendering.Vulkan;

namespace Simulator.Rendering.Vulkan.Tests;

/// <summary>Small procedural meshes for tests.</summary>
internal static class TestMeshes
{
    /// <summary>An axis-aligned box from (-hx,-hy,0) to (hx,hy,2hz): origin on the ground like the prop assets.</summary>
    public static MeshData Box(float hx, float hy, float height, string name = "box")
    {
        var p = new List<float>();
        var n = new List<float>();
        var idx = new List<uint>();
        void Face(Vector3 normal, Vector3 a, Vector3 b, Vector3 c, Vector3 d)
        {
            uint b0 = (uint)(p.Count / 3);
            foreach (Vector3 v in new[] { a, b, c, d })
            {
                p.AddRange([v.X, v.Y, v.Z]);
                n.AddRange([normal.X, normal.Y, normal.Z]);
            }
            idx.AddRange([b0, b0 + 1, b0 + 2, b0, b0 + 2, b0 + 3]);
        }
        float h = height;
        Face(Vector3.UnitX, new(hx, -hy, 0), new(hx, hy, 0), new(hx, hy, h), new(hx, -hy, h));
        Face(-Vector3.UnitX, new(-hx, hy, 0), new(-hx, -hy, 0), new(-hx, -hy, h), new(-hx, hy, h));
        Face(Vector3.UnitY, new(hx, hy, 0), new(-hx, hy, 0), new(-hx, hy, h), new(hx, hy, h));
        Face(-Vector3.UnitY, new(-hx, -hy, 0), new(hx, -hy, 0), new(hx, -hy, h), new(-hx, -hy, h));
        Face(Vector3.UnitZ, new(-hx, -hy, h), new(hx, -hy, h), new(hx, hy, h), new(-hx, hy, h));
        Face(-Vector3.UnitZ, new(-hx, hy, 0), new(hx, hy, 0), new(hx, -hy, 0), new(-hx, -hy, 0));
        return new MeshData([.. p], [.. n], null, [.. idx], name);
    }

    /// <summary>A flat ground quad of half-size <paramref name="half"/> at height z, uv = world xy.</summary>
    public static MeshData Ground(float half, float z = 0f)
    {
        float[] p = [-half, -half, z, half, -half, z, half, half, z, -half, half, z];
        float[] n = [0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1];
        float[] uv = [-half, -half, half, -half, half, half, -half, half];
        return new MeshData(p, n, uv, [0, 1, 2, 0, 2, 3], "ground");
    }

    /// <summary>A vertical wall facing -X at x = <paramref name="x"/> (a plane at known distance for depth tests).</summary>
    public static MeshData Wall(float x, float half)
    {
        float[] p = [x, -half, -half, x, half, -half, x, half, half, x, -half, half];
        float[] n = [-1, 0, 0, -1, 0, 0, -1, 0, 0, -1, 0, 0];
        return new MeshData(p, n, null, [0, 1, 2, 0, 2, 3], "wall");
    }
}
