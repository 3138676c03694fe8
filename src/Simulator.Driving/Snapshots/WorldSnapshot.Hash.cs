using System.Numerics;
using Simulator.Core;
using Simulator.Rendering.Vulkan;

namespace Simulator.Driving.Snapshots;

public sealed partial class WorldSnapshot
{
    /// <summary>
    /// A deterministic hash of every value in the snapshot (exact bits of every float; the scene by name): same seed
    /// and actions, same hashes. Allocates nothing once the snapshot has hashed a scene of its size.
    /// </summary>
    public ulong ContentHash()
    {
        var h = new StateHasher(_hashBuffer);
        foreach (char c in SceneName)
        {
            h.Add((int)c);
        }
        h.Add(EnvIndex);
        h.Add(Episode);
        h.Add(Step);
        h.Add(Time);
        var k = Conditions;
        h.Add(k.Friction);
        h.Add(k.TrafficSpeedScale);
        h.Add(k.SunAzimuthDegrees);
        h.Add(k.SunElevationDegrees);
        h.Add(k.SunIntensity);
        h.Add(k.ColorJitter);
        h.Add(k.CameraJitter);
        h.Add(k.ImageNoise);
        h.Add(k.VisualSeed);
        AddLighting(ref h, Lighting);
        h.Add(Weather.FogDensity);
        h.Add(Weather.Wetness);
        var r = Randomization;
        Add(ref h, r.RoadTint);
        Add(ref h, r.GrassTint);
        Add(ref h, r.SkyTint);
        Add(ref h, r.CameraOffset);
        Add(ref h, r.CameraAngleOffset);
        h.Add(r.NoiseSigma);
        h.Add((ulong)r.NoiseSeed);
        foreach (ref readonly var c in Cameras)
        {
            Add(ref h, c.Pose.Position);
            h.Add(c.Pose.Yaw);
            h.Add(c.Pose.Pitch);
            h.Add(c.Pose.Roll);
            h.Add(c.Pose.VerticalFov);
            h.Add(c.Pose.Near);
            h.Add(c.Pose.Far);
            h.Add(c.Width);
            h.Add(c.Height);
            h.Add((int)c.Outputs);
        }
        foreach (ref readonly var a in Actors)
        {
            h.Add((int)a.Kind);
            h.Add((int)a.Mesh);
            Add(ref h, a.Position);
            h.Add(a.Yaw);
            Add(ref h, a.Scale);
            Add(ref h, a.Color);
            h.Add((int)a.Class);
            h.Add((ulong)a.InstanceId);
        }
        _hashBuffer = h.Buffer!;
        return h.Value;
    }

    private ulong[] _hashBuffer = new ulong[64];

    private static void AddLighting(ref StateHasher h, in Lighting l)
    {
        Add(ref h, l.SunDirection);
        h.Add(l.SunIntensity);
        Add(ref h, l.SunColor);
        Add(ref h, l.Ambient);
        h.Add(l.FogDensity);
        Add(ref h, l.FogColor);
        Add(ref h, l.SkyZenith);
        Add(ref h, l.SkyHorizon);
    }

    private static void Add(ref StateHasher h, Vector3 v)
    {
        h.Add(v.X);
        h.Add(v.Y);
        h.Add(v.Z);
    }
}
