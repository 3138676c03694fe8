using System.Numerics;
using Simulator.Rendering.Vulkan;

namespace Simulator.Viewer;

/// <summary>The viewer's 3D camera: chase, orbit or free, computed from the followed actor's pose every frame.</summary>
public sealed class ViewerCamera
{
    private const float Fov = 1.0f; // ~57° vertical
    private float _orbitAngle = MathF.PI;
    private float _orbitDistance = 14f;
    private Vector3 _freePosition;
    private float _freeYaw;
    private bool _freePlaced;

    public CameraMode Mode { get; private set; } = CameraMode.Chase;

    public void NextMode(Vector3 target, float targetYaw)
    {
        Mode = (CameraMode)(((int)Mode + 1) % 3);
        if (Mode == CameraMode.Free)
        {
            // Start the free camera where the chase camera was.
            CameraPose p = Chase(target, targetYaw);
            (_freePosition, _freeYaw, _freePlaced) = (p.Position, p.Yaw, true);
        }
    }

    /// <summary>Applies held movement keys for <paramref name="dt"/> seconds (orbit and free modes).</summary>
    public void Move(float forward, float turn, float up, float dt)
    {
        switch (Mode)
        {
            case CameraMode.Orbit:
                _orbitAngle += turn * 1.5f * dt;
                _orbitDistance = Math.Clamp(_orbitDistance * MathF.Exp(up * dt), 4f, 120f);
                break;
            case CameraMode.Free:
                _freeYaw += turn * 1.2f * dt;
                _freePosition += new Vector3(MathF.Cos(_freeYaw), MathF.Sin(_freeYaw), 0) * (forward * 20f * dt);
                _freePosition.Z = Math.Clamp(_freePosition.Z + up * 10f * dt, 0.5f, 300f);
                break;
        }
    }

    /// <summary>The pose to draw from, looking at an actor at <paramref name="target"/> heading <paramref name="targetYaw"/>.</summary>
    public CameraPose Pose(Vector3 target, float targetYaw)
    {
        switch (Mode)
        {
            case CameraMode.Orbit:
            {
                float a = targetYaw + _orbitAngle;
                Vector3 eye = target + new Vector3(MathF.Cos(a) * _orbitDistance, MathF.Sin(a) * _orbitDistance, 0.35f * _orbitDistance + 1.5f);
                Vector3 d = target + new Vector3(0, 0, 1f) - eye;
                float yaw = MathF.Atan2(d.Y, d.X);
                float pitch = MathF.Atan2(d.Z, MathF.Sqrt(d.X * d.X + d.Y * d.Y));
                return CameraPose.Create(eye, yaw, pitch, Fov, 0.2f, 400f);
            }
            case CameraMode.Free when _freePlaced:
                return CameraPose.Create(_freePosition, _freeYaw, -0.25f, Fov, 0.2f, 600f);
            default:
                return Chase(target, targetYaw);
        }
    }

    private static CameraPose Chase(Vector3 target, float yaw)
    {
        var back = new Vector3(MathF.Cos(yaw), MathF.Sin(yaw), 0);
        Vector3 eye = target - 8.5f * back + new Vector3(0, 0, 3.6f);
        return CameraPose.Create(eye, yaw, -0.22f, Fov, 0.2f, 400f);
    }
}
