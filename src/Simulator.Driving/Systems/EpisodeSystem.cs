using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Simulator.Driving.Traffic;
using Simulator.World;

namespace Simulator.Driving.Systems;

/// <summary>
/// Post-step phase: progress and laps, reward terms, and the end of the episode (collision, off-road beyond the
/// margin, laps completed, stall, time limit), published on the bus as events for watchers.
/// </summary>
public sealed class EpisodeSystem : IWorldSystem
{
    private const double StallSpeed = 0.5;
    private const double StallGrace = 3.0;

    public SimPhase Phase => SimPhase.PostStep;
    public int Order => 0;

    public void Execute(World.World world, in StepInfo step)
    {
        var ctx = world.FindComponent<DrivingContext>()!;
        var scene = ctx.Scene.Description;
        var track = ctx.Track;
        double t = step.EndTime;
        double dt = step.DeltaTime;
        foreach (var ego in world.Components<EgoAgent>())
        {
            if (ego.End != EpisodeEnd.None)
            {
                continue;
            }
            var body = ego.Body;
            var q = body.Query;
            double ds = track.DeltaS(ego.LastS, q.S);
            ego.LastS = q.S;
            ego.Progress += ds;
            ego.Distance += body.State.Speed * dt;
            if (ego.Progress >= (ego.Laps + 1) * track.Length)
            {
                ego.Laps++;
                ego.LastLapTime = t - ego.LapStartTime;
                ego.BestLapTime = ego.BestLapTime == 0 ? ego.LastLapTime : Math.Min(ego.BestLapTime, ego.LastLapTime);
                ego.LapStartTime = t;
                world.Bus.Publish(new LapCompleted(ctx.EnvIndex, ego.Entity.Id, ego.Laps, ego.LastLapTime, step.Index));
            }
            double halfWidth = track.Layout.HalfRoadWidth;
            bool offRoad = Math.Abs(q.Lateral) > halfWidth;
            if (offRoad)
            {
                ego.OffRoadTime += dt;
            }
            ego.StallTime = t > StallGrace && body.State.Speed < StallSpeed ? ego.StallTime + dt : 0;
            if (body.Collided)
            {
                ego.Collisions++;
            }
            bool failingToYield = WalkerYield.FailsToYield(track, body, world.Components<PedestrianWalker>());
            if (failingToYield && !ego.FailingToYield)
            {
                ego.YieldFailures++;
            }
            ego.FailingToYield = failingToYield;
            double laneCenter = q.LaneIndex >= 0 ? track.LaneCenter(q.LaneIndex) : Math.Clamp(q.Lateral, -halfWidth, halfWidth);
            var a = ego.PendingAction;
            ego.Reward = RewardFunction.Compute(scene.Reward, ds, body.State.Vx, ego.Spec.MaxSpeed, q.Lateral - laneCenter,
                track.Layout.LaneWidth, offRoad, body.Collided, a.Steer - ego.LastAction.Steer, a.Accel - ego.LastAction.Accel, failingToYield);
            ego.LastAction = a;
            ego.End = Decide(ego, scene.Episode, q.Lateral, halfWidth, t);
            if (ego.End != EpisodeEnd.None)
            {
                world.Bus.Publish(new EpisodeEnded(ctx.EnvIndex, ego.Entity.Id, ego.End, ego.Laps, t, step.Index));
            }
        }
    }

    private static EpisodeEnd Decide(EgoAgent ego, Scenes.EpisodeSpec episode, double lateral, double halfWidth, double t)
    {
        if (ego.Body.Collided)
        {
            return EpisodeEnd.Collision;
        }
        if (Math.Abs(lateral) > halfWidth + episode.OffRoadMargin)
        {
            return EpisodeEnd.OffRoad;
        }
        if (episode.Laps > 0 && ego.Laps >= episode.Laps)
        {
            return EpisodeEnd.LapsCompleted;
        }
        if (ego.StallTime >= episode.StallTime)
        {
            return EpisodeEnd.Stalled;
        }
        return t >= episode.TimeLimit - 1e-9 ? EpisodeEnd.TimeLimit : EpisodeEnd.None;
    }
}
