using Simulator.Driving.Runtime;
using Simulator.Driving.Traffic;
using Simulator.World;

namespace Simulator.Driving.Systems;

/// <summary>Sense phase: rebuilds the road occupancy (vehicles, props, walkers in track coordinates).</summary>
public sealed class PerceptionSystem : IWorldSystem
{
    public SimPhase Phase => SimPhase.Sense;
    public int Order => 0;

    public void Execute(World.World world, in StepInfo step)
    {
        var ctx = world.FindComponent<DrivingContext>()!;
        var occ = ctx.Occupancy;
        occ.Clear();
        foreach (var b in world.Components<VehicleBody>())
        {
            var q = b.Query;
            // Lateral extent of the footprint, accounting for the body's yaw relative to the road.
            double rel = b.State.Yaw - q.Heading;
            double half = Math.Abs(Math.Sin(rel)) * b.HalfLength + Math.Abs(Math.Cos(rel)) * b.HalfWidth;
            occ.Add(new RoadActor
            {
                S = q.S,
                HalfLength = b.HalfLength,
                LatMin = q.Lateral - half,
                LatMax = q.Lateral + half,
                Speed = b.SpeedAlongTrack,
                Kind = b.Kind,
                EntityId = b.Entity.Id,
            });
        }
        foreach (var p in world.Components<StaticProp>())
        {
            var pl = p.Placement;
            double rel = pl.Pose.Heading - ctx.Track.Sample(pl.S).Heading;
            double halfLat = Math.Abs(Math.Sin(rel)) * pl.HalfExtents.X + Math.Abs(Math.Cos(rel)) * pl.HalfExtents.Y;
            double halfLong = Math.Abs(Math.Cos(rel)) * pl.HalfExtents.X + Math.Abs(Math.Sin(rel)) * pl.HalfExtents.Y;
            occ.Add(new RoadActor
            {
                S = pl.S,
                HalfLength = halfLong,
                LatMin = pl.Lateral - halfLat,
                LatMax = pl.Lateral + halfLat,
                Kind = p.Kind,
                EntityId = p.Entity.Id,
            });
        }
        foreach (var w in world.Components<PedestrianWalker>())
        {
            w.Band(out double lo, out double hi);
            occ.Add(new RoadActor
            {
                S = w.S,
                HalfLength = PedestrianWalker.HalfSize,
                LatMin = lo,
                LatMax = hi,
                Kind = ActorKind.Pedestrian,
                EntityId = w.Entity.Id,
            });
        }
    }
}
