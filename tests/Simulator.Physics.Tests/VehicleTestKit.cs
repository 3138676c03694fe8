using Simulator.Physics;

namespace Simulator.Physics.Tests;

internal static class VehicleTestKit
{
    public const double Dt = 1.0 / 60;
    public const double G = VehicleParams.Gravity;

    /// <summary>Runs the dynamic model with a fixed command, holding the forward speed (a cruise controller in effect).</summary>
    public static VehicleState SettleAtSpeed(in VehicleParams p, double speed, double steerAngle, double seconds, double friction = 1.0)
    {
        var s = new VehicleState(0, 0, 0, speed);
        var c = new VehicleControl(steerAngle / p.MaxSteerAngle, 0, 0);
        int steps = (int)(seconds / Dt);
        for (int i = 0; i < steps; i++)
        {
            DynamicBicycleModel.Step(ref s, p, c, friction, Dt);
            s.Vx = speed;
        }
        return s;
    }
}
