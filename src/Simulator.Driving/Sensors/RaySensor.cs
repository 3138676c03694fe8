using Simulator.Core;
using Simulator.Driving.Runtime;
using Simulator.Driving.Traffic;

namespace Simulator.Driving.Sensors;

/// <summary>
/// A fan of rays from the vehicle's front, spread over the field of view (first ray rightmost): each value is the
/// distance to the nearest road edge, vehicle, prop or walker over the range, in [0, 1].
/// </summary>
public sealed class RaySensor : IVectorSensor
{
    private readonly double[] _angles;
    private readonly double _range;

    public RaySensor(string name, int count, double fovDegrees, double range)
    {
        Name = name;
        _range = range;
        _angles = new double[count];
        double fov = fovDegrees * Math.PI / 180;
        for (int i = 0; i < count; i++)
        {
            _angles[i] = count == 1 ? 0 : -fov / 2 + fov * i / (count - 1);
        }
    }

    public string Name { get; }
    public int Size => _angles.Length;

    public void Observe(EgoAgent ego, DrivingContext ctx, Span<float> output)
    {
        var body = ego.Body;
        var pose = body.Pose;
        var origin = pose.ToWorld(new Vec2(body.HalfLength, 0));
        var edges = ctx.Scene.Edges;
        var world = ego.World;
        for (int i = 0; i < _angles.Length; i++)
        {
            var dir = Vec2.FromAngle(pose.Heading + _angles[i]);
            double best = edges.Cast(origin, dir, _range);
            foreach (var v in world.Components<VehicleBody>())
            {
                if (v != body && Vec2.DistanceSquared(v.State.Position, origin) < (best + 3) * (best + 3))
                {
                    best = Math.Min(best, EdgeRaycaster.RayBox(origin, dir, v.Pose, new Vec2(v.HalfLength, v.HalfWidth)));
                }
            }
            foreach (var p in world.Components<StaticProp>())
            {
                var pl = p.Placement;
                if (Vec2.DistanceSquared(pl.Pose.Position, origin) < (best + 3) * (best + 3))
                {
                    best = Math.Min(best, EdgeRaycaster.RayBox(origin, dir, pl.Pose, pl.HalfExtents));
                }
            }
            foreach (var w in world.Components<PedestrianWalker>())
            {
                var wp = w.Position;
                if (Vec2.DistanceSquared(wp, origin) < (best + 1) * (best + 1))
                {
                    best = Math.Min(best, EdgeRaycaster.RayBox(origin, dir, new Pose2(wp, 0), new Vec2(PedestrianWalker.HalfSize, PedestrianWalker.HalfSize)));
                }
            }
            output[i] = (float)(Math.Min(best, _range) / _range);
        }
    }
}
