using Simulator.Driving.Scenes;

namespace Simulator.Perception.Decoding;

/// <summary>
/// A forward-looking camera over flat ground, with exactly the renderer's pinhole model (Rendering.Vulkan
/// <c>EnvGpuBuilder</c>/<c>CameraProjection</c>: vertical field of view, horizontal from the aspect ratio, pixel
/// coordinates x right and y down with pixel centres at +0.5). Mounted at (<see cref="MountX"/>,
/// <see cref="MountY"/>) in the vehicle frame (x forward from the rear axle, y left; metres), <see cref="Height"/>
/// above the ground, pitched by <see cref="Pitch"/> (radians, positive looks up), no yaw or roll.
/// Maps image points to the ground (inverse perspective) and back.
/// </summary>
public readonly record struct GroundCamera(int Width, int Height, double VerticalFov, double Pitch, double MountHeight, double MountX, double MountY)
{
    /// <summary>The camera of a scene's sensor spec (the mount the snapshots use). Yaw and roll must be zero.</summary>
    public static GroundCamera FromSensor(CameraSpec camera)
    {
        if (Math.Abs(camera.Yaw) > 1e-6 || Math.Abs(camera.Roll) > 1e-6)
        {
            throw new ArgumentException($"lane fitting needs a camera without yaw and roll (yaw {camera.Yaw}°, roll {camera.Roll}°)", nameof(camera));
        }
        return new GroundCamera(camera.Width, camera.Height, camera.FovDegrees * Math.PI / 180, camera.Pitch * Math.PI / 180, camera.Z, camera.X, camera.Y);
    }

    private double TanY => Math.Tan(VerticalFov * 0.5);
    private double TanX => TanY * Width / Height;

    /// <summary>The ground point (vehicle frame) seen at pixel (<paramref name="px"/>, <paramref name="py"/>);
    /// false at or above the horizon (the ray never meets the ground in front of the camera).</summary>
    public bool TryImageToVehicle(double px, double py, out double x, out double y)
    {
        double a = TanX * (2 * px / Width - 1);
        double b = TanY * (2 * py / Height - 1);
        double cp = Math.Cos(Pitch), sp = Math.Sin(Pitch);
        // Ray = forward + a·right + b·down; forward (cp, 0, sp), right (0, −1, 0), down (sp, 0, −cp).
        double down = b * cp - sp;
        if (down <= 1e-9)
        {
            x = y = 0;
            return false;
        }
        double t = MountHeight / down;
        x = MountX + t * (cp + b * sp);
        y = MountY - t * a;
        return true;
    }

    /// <summary>The pixel of a ground point (vehicle frame); false behind the camera.</summary>
    public bool TryVehicleToImage(double x, double y, out double px, out double py)
    {
        double cp = Math.Cos(Pitch), sp = Math.Sin(Pitch);
        double vx = x - MountX, vy = y - MountY, vz = -MountHeight;
        double f = vx * cp + vz * sp;
        if (f <= 1e-6)
        {
            px = py = 0;
            return false;
        }
        double r = -vy;
        double d = vx * sp - vz * cp;
        px = (r / (TanX * f) * 0.5 + 0.5) * Width;
        py = (d / (TanY * f) * 0.5 + 0.5) * Height;
        return true;
    }

    /// <summary>The image row of the horizon (rows below it see the ground).</summary>
    public double HorizonRow => (Math.Tan(Pitch) / TanY * 0.5 + 0.5) * Height;
}
