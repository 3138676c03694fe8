using Simulator.Driving.Runtime;
using Simulator.Physics;
using Simulator.World;

namespace Simulator.Driving.Systems;

/// <summary>Physics phase: integrates every moving vehicle one fixed step and updates its track coordinates.</summary>
public sealed class VehiclePhysicsSystem : IWorldSystem
{
    public SimPhase Phase => SimPhase.Physics;
    public int Order => 0;

    public void Execute(World.World world, in StepInfo step)
    {
        var ctx = world.FindComponent<DrivingContext>()!;
        var track = ctx.Track;
        double friction = ctx.Conditions.Friction;
        foreach (var b in world.Components<VehicleBody>())
        {
            if (b.Kind != ActorKind.ParkedCar)
            {
                b.LastControlIssues = VehicleModel.Step(b.Model, ref b.State, b.Params, b.Control, friction, step.DeltaTime);
            }
            b.Query = track.Project(b.State.Position, ref b.TrackHint);
        }
    }
}
