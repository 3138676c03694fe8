using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Simulator.Physics;
using Simulator.World;

namespace Simulator.Driving.Systems;

/// <summary>
/// Act phase: turns each ego's pending action into vehicle controls through the documented sanitising rule
/// (<see cref="DrivingAction.Sanitize"/>), so no NaN or out-of-range value ever reaches the dynamics.
/// </summary>
public sealed class ActuationSystem : IWorldSystem
{
    public SimPhase Phase => SimPhase.Act;
    public int Order => 0;

    public void Execute(World.World world, in StepInfo step)
    {
        foreach (var ego in world.Components<EgoAgent>())
        {
            var a = DrivingAction.Sanitize(ego.PendingAction.Steer, ego.PendingAction.Accel, out bool changed);
            ego.ActionSanitized = changed;
            ego.Body.Control = new VehicleControl(a.Steer, a.Throttle, a.Brake);
            ego.PendingAction = a;
        }
    }
}
