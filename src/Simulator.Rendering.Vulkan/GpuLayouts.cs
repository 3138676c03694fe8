using System.Numerics;
using System.Runtime.InteropServices;

namespace Simulator.Rendering.Vulkan;

/// <summary>std430 mirror of EnvData in Shaders/common.glsl (288 bytes); the sky shader reads it, and it is the
/// source of the draw records.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct EnvGpu
{
    public fixed float ViewProj[16];
    public Vector4 CameraPos;
    public Vector4 CameraForward;
    public Vector4 CameraRight;
    public Vector4 CameraDown;
    public Vector4 SunDir;
    public Vector4 SunColor;
    public Vector4 Ambient;
    public Vector4 FogColor;
    public Vector4 SkyZenith;
    public Vector4 SkyHorizon;
    public Vector4 RoadTint;
    public Vector4 GrassTint;
    public Vector4 SkyTint;
    public uint NoiseSeed;
    /// <summary>Layer of this env's camera inside its render pass (see CameraBatch's render passes).</summary>
    public uint Layer;
    public uint Pad1;
    public uint Pad2;
}

/// <summary>
/// One drawn object in one env (a static-set chunk or a prop instance), read by scene.vert as per-instance vertex
/// attributes (locations 3..17, 240 bytes). Everything constant over the object is resolved on the CPU: on lavapipe
/// a shader buffer read indexed per instance is a gather per lane, and those reads were most of the vertex cost.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct DrawRecordGpu
{
    /// <summary>Columns of viewProj × model (mat4 at locations 3..6).</summary>
    public fixed float Mvp[16];
    /// <summary>Rows of model → (world − camera) × fog density: xyz · p + w (locations 7..9).</summary>
    public Vector4 FogRow0, FogRow1, FogRow2;
    /// <summary>model → metres along the view direction (location 10).</summary>
    public Vector4 DepthRow;
    /// <summary>cos yaw, sin yaw, layer inside the render pass, unused (location 11).</summary>
    public Vector4 NormalRot;
    /// <summary>1 / scale (location 12).</summary>
    public Vector4 InvScale;
    /// <summary>albedo × ambient (location 13).</summary>
    public Vector4 Ambient;
    /// <summary>albedo × sun colour × intensity (location 14).</summary>
    public Vector4 Sun;
    /// <summary>Unit vector towards the sun (location 15).</summary>
    public Vector4 SunDir;
    /// <summary>Fog colour (location 16).</summary>
    public Vector4 FogColor;
    /// <summary>Noise seed, semantic class, instance id, noise sigma as float bits (location 17).</summary>
    public uint Seed, Class, InstanceId, SigmaBits;

    public const int Locations = 15;
}

/// <summary>Builds the per-env shader constants from an <see cref="EnvView"/> (camera basis and Vulkan projection).</summary>
internal static unsafe class EnvGpuBuilder
{
    public static void Build(in EnvView view, float aspect, EnvGpu* dst)
    {
        CameraPose cam = view.Camera;
        Randomization rnd = view.Randomization;
        double yaw = cam.Yaw + rnd.CameraAngleOffset.X;
        double pitch = cam.Pitch + rnd.CameraAngleOffset.Y;
        double roll = cam.Roll + rnd.CameraAngleOffset.Z;
        Vector3 c = cam.Position + rnd.CameraOffset;
        // Basis in double: forward from yaw/pitch, right/up from the horizontal right vector, then roll about forward.
        var f = new Vec3d(Math.Cos(yaw) * Math.Cos(pitch), Math.Sin(yaw) * Math.Cos(pitch), Math.Sin(pitch));
        var r0 = new Vec3d(Math.Sin(yaw), -Math.Cos(yaw), 0);
        Vec3d u0 = Vec3d.Cross(r0, f);
        double cr = Math.Cos(roll), sr = Math.Sin(roll);
        Vec3d r = r0 * cr + u0 * sr;
        Vec3d u = u0 * cr - r0 * sr;
        Vec3d d = u * -1;
        double tanY = Math.Tan(cam.VerticalFov * 0.5);
        double tanX = tanY * aspect;
        double near = cam.Near, far = cam.Far;
        double a = far / (far - near), b = -far * near / (far - near);
        var pos = new Vec3d(c.X, c.Y, c.Z);
        // Rows of clip = M · (world, 1); stored column-major for GLSL (element [col*4 + row]).
        Span<double> m = stackalloc double[16];
        SetRow(m, 0, r * (1 / tanX), -Vec3d.Dot(r, pos) / tanX);
        SetRow(m, 1, d * (1 / tanY), -Vec3d.Dot(d, pos) / tanY);
        SetRow(m, 2, f * a, -a * Vec3d.Dot(f, pos) + b);
        SetRow(m, 3, f, -Vec3d.Dot(f, pos));
        for (int i = 0; i < 16; i++)
        {
            dst->ViewProj[i] = (float)m[i];
        }
        Lighting l = view.Lighting;
        dst->CameraPos = new Vector4(c, cam.Far);
        dst->CameraForward = new Vector4(f.ToVector3(), cam.Near);
        dst->CameraRight = new Vector4(r.ToVector3(), (float)tanX);
        dst->CameraDown = new Vector4(d.ToVector3(), (float)tanY);
        Vector3 sun = l.SunDirection.LengthSquared() > 0 ? Vector3.Normalize(l.SunDirection) : Vector3.UnitZ;
        dst->SunDir = new Vector4(sun, l.SunIntensity);
        dst->SunColor = new Vector4(l.SunColor, l.FogDensity);
        dst->Ambient = new Vector4(l.Ambient, rnd.NoiseSigma);
        dst->FogColor = new Vector4(l.FogColor, 0);
        dst->SkyZenith = new Vector4(l.SkyZenith, 0);
        dst->SkyHorizon = new Vector4(l.SkyHorizon, 0);
        dst->RoadTint = new Vector4(rnd.RoadTint, 0);
        dst->GrassTint = new Vector4(rnd.GrassTint, 0);
        dst->SkyTint = new Vector4(rnd.SkyTint, 0);
        dst->NoiseSeed = rnd.NoiseSeed;
        dst->Layer = dst->Pad1 = dst->Pad2 = 0;
    }

    private static void SetRow(Span<double> m, int row, Vec3d xyz, double w)
    {
        m[0 * 4 + row] = xyz.X;
        m[1 * 4 + row] = xyz.Y;
        m[2 * 4 + row] = xyz.Z;
        m[3 * 4 + row] = w;
    }

    private readonly record struct Vec3d(double X, double Y, double Z)
    {
        public static Vec3d operator *(Vec3d v, double s) => new(v.X * s, v.Y * s, v.Z * s);
        public static Vec3d operator +(Vec3d a, Vec3d b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);
        public static Vec3d operator -(Vec3d a, Vec3d b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);
        public static double Dot(Vec3d a, Vec3d b) => a.X * b.X + a.Y * b.Y + a.Z * b.Z;
        public static Vec3d Cross(Vec3d a, Vec3d b) => new(a.Y * b.Z - a.Z * b.Y, a.Z * b.X - a.X * b.Z, a.X * b.Y - a.Y * b.X);
        public Vector3 ToVector3() => new((float)X, (float)Y, (float)Z);
    }
}
