using System.Numerics;

namespace Simulator.Rendering.Vulkan;

/// <summary>Projects world points with exactly the camera model the shaders use (for labels, tests, overlays).</summary>
public static unsafe class CameraProjection
{
    /// <summary>Pixel position (x right, y down, pixel centres at +0.5) and linear depth of a world point;
    /// false when the point is behind the near plane.</summary>
    public static bool TryProject(in EnvView view, int width, int height, Vector3 world, out Vector2 pixel, out float depth)
    {
        EnvGpu env;
        EnvGpuBuilder.Build(in view, (float)width / height, &env);
        float* m = env.ViewProj;
        float x = m[0] * world.X + m[4] * world.Y + m[8] * world.Z + m[12];
        float y = m[1] * world.X + m[5] * world.Y + m[9] * world.Z + m[13];
        float w = m[3] * world.X + m[7] * world.Y + m[11] * world.Z + m[15];
        depth = w;
        if (w < view.Camera.Near)
        {
            pixel = default;
            return false;
        }
        pixel = new Vector2((x / w * 0.5f + 0.5f) * width, (y / w * 0.5f + 0.5f) * height);
        return true;
    }
}
