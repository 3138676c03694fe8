using System.Numerics;
using Simulator.Rendering.Vulkan;

namespace Simulator.Perception.GroundTruth;

/// <summary>
/// The renderer's camera projection of one view as a 3×4 matrix (world point → homogeneous clip x, y, w), recovered
/// from <see cref="CameraProjection.TryProject"/> at four points in front of the camera. The projection is affine in
/// homogeneous coordinates, so the four points determine it exactly (to float rounding); projecting many points
/// (lane samples, mesh vertices) then costs a few multiplies each instead of rebuilding the camera per point.
/// </summary>
public readonly struct CameraMatrix
{
    private readonly Vector3 _rowX, _rowY, _rowW;
    private readonly float _tx, _ty, _tw;

    private CameraMatrix(Vector3 rowX, float tx, Vector3 rowY, float ty, Vector3 rowW, float tw, int width, int height, float near)
    {
        _rowX = rowX;
        _tx = tx;
        _rowY = rowY;
        _ty = ty;
        _rowW = rowW;
        _tw = tw;
        Width = width;
        Height = height;
        Near = near;
    }

    public int Width { get; }
    public int Height { get; }
    public float Near { get; }

    /// <summary>The projection of <paramref name="view"/> (camera pose plus its randomisation offsets) for a
    /// <paramref name="width"/>×<paramref name="height"/> image.</summary>
    public static CameraMatrix Of(in EnvView view, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        var cam = view.Camera;
        var rnd = view.Randomization;
        double yaw = cam.Yaw + rnd.CameraAngleOffset.X, pitch = cam.Pitch + rnd.CameraAngleOffset.Y;
        var forward = new Vector3((float)(Math.Cos(yaw) * Math.Cos(pitch)), (float)(Math.Sin(yaw) * Math.Cos(pitch)), (float)Math.Sin(pitch));
        Vector3 p0 = cam.Position + rnd.CameraOffset + 10f * forward;
        Span<Vector3> clip = stackalloc Vector3[4];
        Span<Vector3> points = [p0, p0 + Vector3.UnitX, p0 + Vector3.UnitY, p0 + Vector3.UnitZ];
        for (int i = 0; i < 4; i++)
        {
            if (!CameraProjection.TryProject(view, width, height, points[i], out Vector2 px, out float w))
            {
                throw new InvalidOperationException("a point 10 m in front of the camera does not project");
            }
            clip[i] = new Vector3((px.X / width * 2f - 1f) * w, (px.Y / height * 2f - 1f) * w, w);
        }
        Vector3 cx = clip[1] - clip[0], cy = clip[2] - clip[0], cz = clip[3] - clip[0];
        var rowX = new Vector3(cx.X, cy.X, cz.X);
        var rowY = new Vector3(cx.Y, cy.Y, cz.Y);
        var rowW = new Vector3(cx.Z, cy.Z, cz.Z);
        return new CameraMatrix(rowX, clip[0].X - Vector3.Dot(rowX, p0), rowY, clip[0].Y - Vector3.Dot(rowY, p0),
            rowW, clip[0].Z - Vector3.Dot(rowW, p0), width, height, cam.Near);
    }

    /// <summary>Homogeneous clip coordinates (x, y, w) of a world point.</summary>
    public Vector3 Clip(Vector3 world) =>
        new(Vector3.Dot(_rowX, world) + _tx, Vector3.Dot(_rowY, world) + _ty, Vector3.Dot(_rowW, world) + _tw);

    /// <summary>Pixel position (x right, y down, pixel centres at +0.5) and linear depth, as
    /// <see cref="CameraProjection.TryProject"/> gives them; false behind the near plane.</summary>
    public bool TryProject(Vector3 world, out Vector2 pixel, out float depth)
    {
        Vector3 c = Clip(world);
        depth = c.Z;
        if (c.Z < Near)
        {
            pixel = default;
            return false;
        }
        pixel = ToPixel(c);
        return true;
    }

    /// <summary>Pixel position of clip coordinates with w &gt; 0.</summary>
    public Vector2 ToPixel(Vector3 clip) => new((clip.X / clip.Z * 0.5f + 0.5f) * Width, (clip.Y / clip.Z * 0.5f + 0.5f) * Height);
}
