using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Simulator.Physics;
using Simulator.World;

namespace Simulator.Driving.Systems;

/// <summary>
/// Act phase: turns each ego's pending action into vehicle controls through the documented sanitising rule
/// (<see cref="DrivingAction.Sanitize"/>), so no NaN or out-of-range value ever reaches the dynamics, and applies
/// the ego's speed limiter (throttle fades out within 1 m/s of <c>maxSpeed</c>).
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
            // Speed limiter: the drive force fades out over the last metre per second below the ego's maxSpeed.
            double headroom = ego.Spec.MaxSpeed - ego.Body.State.Vx;
            double throttle = a.Throttle * Math.Clamp(headroom, 0, 1);
            ego.Body.Control = new VehicleControl(a.Steer, throttle, a.Brake);
            ego.PendingAction = a;
        }
    }
}
