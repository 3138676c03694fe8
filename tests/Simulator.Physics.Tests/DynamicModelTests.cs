using Simulator.Core;
using Simulator.Physics;
using static Simulator.Physics.Tests.VehicleTestKit;

namespace Simulator.Physics.Tests;

public class DynamicModelTests
{
    [Theory]
    [InlineData(8.0)]
    [InlineData(15.0)]
    [InlineData(25.0)]
    [InlineData(35.0)]
    public void Steady_state_yaw_rate_matches_linear_bicycle_gain(double speed)
    {
        var p = VehicleParams.CompactCar;
        double expectedGain = speed / (p.Wheelbase + p.UndersteerGradient * speed * speed);
        // Pick δ for ~1 m/s² lateral acceleration: well inside the linear range (< 0.3 g).
        double delta = 1.0 / (speed * expectedGain);
        var s = SettleAtSpeed(p, speed, delta, 8);
        double gain = s.YawRate / delta;
        Assert.True(speed * s.YawRate < 0.3 * G);
        Assert.InRange(gain / expectedGain, 0.98, 1.02);
        Assert.Equal(expectedGain, p.SteadyStateYawRateGain(speed), 12);
    }

    [Fact]
    public void Understeer_gradient_is_derived_from_cornering_stiffnesses()
    {
        var p = VehicleParams.CompactCar;
        double expected = p.Mass / (p.Lf + p.Lr) * (p.Lr / p.CorneringStiffnessFront - p.Lf / p.CorneringStiffnessRear);
        Assert.Equal(expected, p.UndersteerGradient, 15);
        Assert.True(p.UndersteerGradient > 0, "the default compact car understeers");
    }

    [Fact]
    public void Understeering_car_has_yaw_gain_below_neutral_steer_and_oversteering_car_above()
    {
        var under = VehicleParams.CompactCar;
        var over = under with { CorneringStiffnessFront = 110_000, CorneringStiffnessRear = 70_000 };
        Assert.True(over.UndersteerGradient < 0);
        const double speed = 20, delta = 0.01;
        double neutral = speed / under.Wheelbase;
        double underGain = SettleAtSpeed(under, speed, delta, 8).YawRate / delta;
        double overGain = SettleAtSpeed(over, speed, delta, 8).YawRate / delta;
        Assert.True(underGain < 0.9 * neutral, $"understeer gain {underGain} vs neutral {neutral}");
        Assert.True(overGain > 1.1 * neutral, $"oversteer gain {overGain} vs neutral {neutral}");
        Assert.InRange(overGain / over.SteadyStateYawRateGain(speed), 0.97, 1.03);
    }

    [Fact]
    public void Top_speed_is_where_power_meets_drag_and_rolling_resistance()
    {
        var p = VehicleParams.CompactCar;
        // Solve P = c·v³ + Crr·m·g·v by bisection.
        double lo = 1, hi = 200;
        for (int i = 0; i < 100; i++)
        {
            double mid = 0.5 * (lo + hi);
            double need = p.DragCoefficient * mid * mid * mid + p.RollingResistance * p.Mass * G * mid;
            (lo, hi) = need > p.MaxDrivePower ? (lo, mid) : (mid, hi);
        }
        double expected = lo;
        var s = new VehicleState(0, 0, 0);
        var full = new VehicleControl(0, 1, 0);
        double maxSpeed = 0;
        for (int i = 0; i < 60 * 400; i++)
        {
            DynamicBicycleModel.Step(ref s, p, full, 1.0, Dt);
            maxSpeed = Math.Max(maxSpeed, s.Vx);
        }
        Assert.InRange(s.Vx / expected, 0.99, 1.0 + 1e-9);
        Assert.True(maxSpeed <= expected * (1 + 1e-9));
        Assert.Equal(0, s.Y, 9);
    }

    [Theory]
    [InlineData(1.0, 25.0)]
    [InlineData(0.8, 25.0)]
    [InlineData(0.3, 20.0)]
    public void Braking_distance_at_the_friction_limit_is_v_squared_over_two_mu_g(double mu, double v0)
    {
        var p = VehicleParams.CompactCar;
        var s = new VehicleState(0, 0, 0, v0);
        var brake = new VehicleControl(0, 0, 1);
        int steps = 0;
        while (s.Vx > 0 && steps < 60 * 60)
        {
            DynamicBicycleModel.Step(ref s, p, brake, mu, Dt);
            Assert.True(s.Vx >= 0);
            steps++;
        }
        double ideal = v0 * v0 / (2 * mu * G);
        // Slightly short of ideal: drag and rolling resistance help, the brake split leaves a little rear grip unused.
        Assert.InRange(s.X / ideal, 0.93, 1.03);
        double xStopped = s.X;
        for (int i = 0; i < 120; i++)
        {
            DynamicBicycleModel.Step(ref s, p, brake, mu, Dt);
        }
        Assert.Equal(0, s.Vx);
        Assert.Equal(xStopped, s.X);
    }

    [Fact]
    public void Ice_limits_lateral_acceleration_to_mu_g()
    {
        var p = VehicleParams.CompactCar;
        double dry = MaxLateralAcceleration(p, 1.0);
        double ice = MaxLateralAcceleration(p, 0.1);
        Assert.True(dry > 0.7 * G, $"dry {dry / G} g");
        Assert.True(ice <= 0.1 * G * 1.05, $"ice {ice / G} g");
        Assert.True(ice > 0.05 * G, $"ice {ice / G} g: the car should still turn a little");
    }

    private static double MaxLateralAcceleration(in VehicleParams p, double mu)
    {
        var s = new VehicleState(0, 0, 0, 15);
        var c = new VehicleControl(0.5, 0, 0);
        double max = 0;
        Vec2 vPrev = s.WorldVelocity;
        for (int i = 0; i < 180; i++)
        {
            DynamicBicycleModel.Step(ref s, p, c, mu, Dt);
            Vec2 v = s.WorldVelocity;
            Vec2 a = (v - vPrev) / Dt;
            vPrev = v;
            Assert.True(s.IsFinite);
            max = Math.Max(max, Math.Abs(Vec2.Dot(a, s.Pose.Left)));
        }
        return max;
    }

    [Fact]
    public void Starts_from_rest_turns_slowly_and_stops_without_rolling_back()
    {
        var p = VehicleParams.CompactCar;
        var s = new VehicleState(3, 4, 1.0);
        for (int i = 0; i < 600; i++)
        {
            // Creep at walking pace through the blend zone with full lock: throttle on and off.
            var c = new VehicleControl(1, s.Vx < 2 ? 0.15 : 0, 0);
            DynamicBicycleModel.Step(ref s, p, c, 1.0, Dt);
            Assert.True(s.IsFinite);
            Assert.True(s.YawRate >= -1e-9, "full left lock never yaws right");
            Assert.True(s.Vx < 3.5);
        }
        Assert.True(s.Vx > 1);
        var brake = new VehicleControl(1, 0, 0.5);
        for (int i = 0; i < 300; i++)
        {
            DynamicBicycleModel.Step(ref s, p, brake, 1.0, Dt);
            Assert.True(s.Vx >= 0);
        }
        Assert.Equal(0, s.Vx);
        Assert.Equal(0, s.YawRate);
    }

    [Fact]
    public void Steering_angle_is_rate_limited_and_bounded()
    {
        var p = VehicleParams.CompactCar;
        var s = new VehicleState(0, 0, 0, 10);
        DynamicBicycleModel.Step(ref s, p, new VehicleControl(1, 0, 0), 1.0, Dt);
        Assert.Equal(p.MaxSteerRate * Dt, s.SteerAngle, 12);
        for (int i = 0; i < 120; i++)
        {
            DynamicBicycleModel.Step(ref s, p, new VehicleControl(1, 0, 0), 1.0, Dt);
        }
        Assert.Equal(p.MaxSteerAngle, s.SteerAngle, 12);
    }

    [Fact]
    public void Dynamic_model_at_high_speed_straight_line_keeps_heading()
    {
        var p = VehicleParams.CompactCar;
        var s = new VehicleState(0, 0, 0.7, 30);
        for (int i = 0; i < 600; i++)
        {
            DynamicBicycleModel.Step(ref s, p, new VehicleControl(0, 0.5, 0), 1.0, Dt);
        }
        Assert.Equal(0.7, s.Yaw, 12);
        Assert.Equal(Math.Tan(0.7), s.Y / s.X, 9);
    }
}
