using Simulator.Core;
using Simulator.Physics;
using static Simulator.Physics.Tests.VehicleTestKit;

namespace Simulator.Physics.Tests;

public class KinematicAndRobustnessTests
{
    [Theory]
    [InlineData(0.1, 5.0)]
    [InlineData(0.3, 4.0)]
    [InlineData(-0.5, 3.0)]
    public void Kinematic_rear_axle_traces_a_circle_of_radius_L_over_tan_delta(double steer, double speed)
    {
        var p = VehicleParams.CompactCar;
        var s = new VehicleState(10, -5, 0.3, speed);
        var c = new VehicleControl(steer, 0.05, 0);
        for (int i = 0; i < 60; i++)
        {
            KinematicBicycleModel.Step(ref s, p, c, 1.0, Dt); // let the steering reach its target
        }
        double delta = steer * p.MaxSteerAngle;
        Assert.Equal(delta, s.SteerAngle, 12);
        double radius = p.Wheelbase / Math.Tan(delta);
        Vec2 rear = s.Position - p.Lr * s.Pose.Forward;
        Vec2 center = rear + radius * s.Pose.Left;
        for (int i = 0; i < 600; i++)
        {
            KinematicBicycleModel.Step(ref s, p, c, 1.0, Dt);
            rear = s.Position - p.Lr * s.Pose.Forward;
            Assert.Equal(Math.Abs(radius), Vec2.Distance(rear, center), 9);
        }
    }

    [Fact]
    public void Kinematic_model_caps_lateral_acceleration_on_ice()
    {
        var p = VehicleParams.CompactCar;
        var s = new VehicleState(0, 0, 0, 15);
        for (int i = 0; i < 120; i++)
        {
            KinematicBicycleModel.Step(ref s, p, new VehicleControl(1, 0, 0), 0.1, Dt);
            Assert.True(Math.Abs(s.Vx * s.YawRate) <= 0.1 * G + 1e-9);
        }
    }

    [Fact]
    public void Sanitising_rule_maps_nan_to_zero_and_clamps_infinities_and_out_of_range()
    {
        var c = new VehicleControl(double.NaN, double.PositiveInfinity, -3).Sanitized(out var issues);
        Assert.Equal(new VehicleControl(0, 1, 0), c);
        Assert.Equal(ControlIssues.NaN | ControlIssues.Infinity | ControlIssues.OutOfRange, issues);
        c = new VehicleControl(double.NegativeInfinity, 0.5, double.NegativeInfinity).Sanitized(out issues);
        Assert.Equal(new VehicleControl(-1, 0.5, 0), c);
        Assert.Equal(ControlIssues.Infinity, issues);
        c = new VehicleControl(-0.25, 0, 1).Sanitized(out issues);
        Assert.Equal(new VehicleControl(-0.25, 0, 1), c);
        Assert.Equal(ControlIssues.None, issues);
    }

    [Theory]
    [InlineData(VehicleModelKind.Dynamic)]
    [InlineData(VehicleModelKind.Kinematic)]
    public void Bad_controls_never_corrupt_state_and_act_like_their_sanitised_version(VehicleModelKind kind)
    {
        var p = VehicleParams.CompactCar;
        var bad = new VehicleState(1, 2, 0.5, 12);
        var good = bad;
        double[] values = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e308, -1e308, 7, -0.0, 0.5];
        var rng = new Rng(7);
        for (int i = 0; i < 2000; i++)
        {
            var c = new VehicleControl(values[rng.NextInt(values.Length)], values[rng.NextInt(values.Length)], values[rng.NextInt(values.Length)]);
            var issues = VehicleModel.Step(kind, ref bad, p, c, 1.0, Dt);
            var clean = c.Sanitized(out var expectedIssues);
            Assert.Equal(expectedIssues, issues);
            Assert.Equal(ControlIssues.None, VehicleModel.Step(kind, ref good, p, clean, 1.0, Dt));
            Assert.True(bad.IsFinite);
            Assert.Equal(good, bad);
        }
    }

    [Fact]
    public void Invalid_time_step_or_friction_throws()
    {
        var p = VehicleParams.CompactCar;
        var s = new VehicleState(0, 0, 0, 5);
        Assert.Throws<ArgumentOutOfRangeException>(() => DynamicBicycleModel.Step(ref s, p, default, 1.0, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => DynamicBicycleModel.Step(ref s, p, default, 1.0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => KinematicBicycleModel.Step(ref s, p, default, double.NaN, Dt));
        Assert.Throws<ArgumentOutOfRangeException>(() => KinematicBicycleModel.Step(ref s, p, default, -0.1, Dt));
        Assert.Equal(5, s.Vx);
        DynamicBicycleModel.Step(ref s, p, default, 0, Dt); // friction 0 is allowed: no grip, no NaN
        Assert.True(s.IsFinite);
    }

    [Theory]
    [InlineData(VehicleModelKind.Dynamic)]
    [InlineData(VehicleModelKind.Kinematic)]
    public void Same_inputs_give_the_same_bits(VehicleModelKind kind)
    {
        Assert.Equal(RunHash(kind, 42), RunHash(kind, 42));
        Assert.NotEqual(RunHash(kind, 42), RunHash(kind, 43));
    }

    private static ulong RunHash(VehicleModelKind kind, ulong seed)
    {
        var p = VehicleParams.CompactCar;
        var rng = new Rng(seed);
        var s = new VehicleState(0, 0, 0);
        var h = new StateHasher();
        for (int i = 0; i < 3000; i++)
        {
            var c = new VehicleControl(rng.Range(-1, 1), rng.NextDouble(), rng.Chance(0.1) ? rng.NextDouble() : 0);
            VehicleModel.Step(kind, ref s, p, c, 0.2 + 0.8 * rng.NextDouble(), Dt);
            s.AddTo(ref h);
        }
        return h.Value;
    }

    [Fact]
    public void Step_does_not_allocate()
    {
        var p = VehicleParams.CompactCar;
        var s = new VehicleState(0, 0, 0, 0);
        var c = new VehicleControl(0.3, 0.8, 0);
        DynamicBicycleModel.Step(ref s, p, c, 1.0, Dt);
        KinematicBicycleModel.Step(ref s, p, c, 1.0, Dt);
        Assert.Equal(0, ThreadAllocations.Smallest(() =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                c.Steer = (i % 200) < 100 ? 0.3 : -0.3;
                DynamicBicycleModel.Step(ref s, p, c, 1.0, Dt);
                KinematicBicycleModel.Step(ref s, p, c, 0.5, Dt);
                VehicleModel.Step(VehicleModelKind.Dynamic, ref s, p, c, 1.0, Dt);
            }
        }).Bytes);
    }

    [Fact]
    public void Validation_names_the_bad_field_and_default_car_is_valid()
    {
        VehicleParams.CompactCar.Validate();
        var e = Assert.Throws<SimInputException>(() => (VehicleParams.CompactCar with { Mass = double.NaN }).Validate("car.json", "$.ego"));
        Assert.Equal("$.ego.mass", e.Path);
        Assert.Equal("car.json", e.File);
        Assert.Contains("positive", e.Message, StringComparison.Ordinal);
        Assert.Throws<SimInputException>(() => (VehicleParams.CompactCar with { PacejkaCFront = 2.5 }).Validate());
        Assert.Throws<SimInputException>(() => (VehicleParams.CompactCar with { FrontBrakeFraction = 1.5 }).Validate());
        Assert.Throws<SimInputException>(() => (VehicleParams.CompactCar with { MaxDrivePower = double.PositiveInfinity }).Validate());
        Assert.Throws<SimInputException>(() => (VehicleParams.CompactCar with { BodyLength = 2 }).Validate());
        Assert.Throws<SimInputException>(() => default(VehicleParams).Validate());
    }
}
