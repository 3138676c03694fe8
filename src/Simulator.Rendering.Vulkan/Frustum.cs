using System.Numerics;

namespace Simulator.Rendering.Vulkan;

/// <summary>View-frustum planes from a Vulkan clip matrix (depth 0..1) and a conservative box test, used to skip
/// static-set chunks a camera cannot see.</summary>
internal static unsafe class Frustum
{
    /// <summary>Writes 6 planes (a·x + b·y + c·z + d ≥ 0 inside) from a column-major clip matrix.</summary>
    public static void FromClipMatrix(float* m, Span<Vector4> planes)
    {
        var r0 = new Vector4(m[0], m[4], m[8], m[12]);
        var r1 = new Vector4(m[1], m[5], m[9], m[13]);
        var r2 = new Vector4(m[2], m[6], m[10], m[14]);
        var r3 = new Vector4(m[3], m[7], m[11], m[15]);
        planes[0] = r3 + r0;
        planes[1] = r3 - r0;
        planes[2] = r3 + r1;
        planes[3] = r3 - r1;
        planes[4] = r2;
        planes[5] = r3 - r2;
    }

    /// <summary>False only when the box lies entirely outside one plane (so it is certainly invisible).</summary>
    public static bool IntersectsBox(ReadOnlySpan<Vector4> planes, Vector3 min, Vector3 max)
    {
        foreach (Vector4 p in planes)
        {
            // The box corner furthest along the plane normal.
            float x = p.X >= 0 ? max.X : min.X;
            float y = p.Y >= 0 ? max.Y : min.Y;
            float z = p.Z >= 0 ? max.Z : min.Z;
            if (p.X * x + p.Y * y + p.Z * z + p.W < 0)
            {
                return false;
            }
        }
        return true;
    }
}
