using Simulator.Core;
using Simulator.Physics;

namespace Simulator.Physics.Tests;

public class CollisionResponseTests
{
    [Fact]
    public void Head_on_impact_conserves_momentum_and_separates()
    {
        var p = VehicleParams.CompactCar;
        var heavy = p with { Mass = 2000, YawInertia = 3500 };
        var a = new VehicleState(0, 0, 0, 10);
        var b = new VehicleState(4.1, 0, Math.PI, 5);
        Assert.True(Collide.ObbObb(Obb.ForVehicle(a, p), Obb.ForVehicle(b, heavy), out var c));
        Vec2 before = a.WorldVelocity * p.Mass + b.WorldVelocity * heavy.Mass;
        double j = CollisionResponse.ResolveVehicles(ref a, p, ref b, heavy, c, restitution: 0.3, friction: 0.5);
        Assert.True(j > 0);
        Vec2 after = a.WorldVelocity * p.Mass + b.WorldVelocity * heavy.Mass;
        Assert.Equal(before.X, after.X, 6);
        Assert.Equal(before.Y, after.Y, 6);
        double separating = Vec2.Dot(b.WorldVelocity - a.WorldVelocity, c.Normal);
        Assert.Equal(0.3 * 15, separating, 6); // restitution times the closing speed
        Assert.True(Collide.ObbObb(Obb.ForVehicle(a, p), Obb.ForVehicle(b, heavy), out var left));
        Assert.True(left.Depth < c.Depth);
    }

    [Fact]
    public void Barrier_bounces_the_car_back_and_friction_slows_the_sliding()
    {
        var p = VehicleParams.CompactCar;
        // Car hits a wall at x = 10 at 30° with 20 m/s.
        var s = new VehicleState(10 - 2.1, 0, 0.5, 20);
        var wall = new Segment(new Vec2(10, -20), new Vec2(10, 20));
        Assert.True(Collide.SegmentObb(wall, Obb.ForVehicle(s, p), out var c));
        Vec2 v0 = s.WorldVelocity;
        CollisionResponse.ResolveAgainstStatic(ref s, p, c.Normal, c.Depth, c.Point, restitution: 0.1, friction: 0.6);
        Vec2 v1 = s.WorldVelocity;
        Assert.True(s.IsFinite);
        Assert.True(v1.X < 0.2 * v0.X, "normal speed largely removed");
        Assert.True(Math.Abs(v1.Y) < Math.Abs(v0.Y), "friction reduced the sliding speed");
        Assert.True(s.X < 10 - 2.1, "pushed out of the wall");
    }

    [Fact]
    public void Degenerate_contacts_never_produce_nan()
    {
        var p = VehicleParams.CompactCar;
        var s = new VehicleState(1, 2, 0.3, 10);
        var copy = s;
        CollisionResponse.ResolveAgainstStatic(ref s, p, new Vec2(double.NaN, 0), 0.1, Vec2.Zero);
        CollisionResponse.ResolveAgainstStatic(ref s, p, Vec2.Zero, 0.1, Vec2.Zero);
        CollisionResponse.ResolveAgainstStatic(ref s, p, Vec2.UnitX, double.PositiveInfinity, Vec2.Zero);
        CollisionResponse.ResolveAgainstStatic(ref s, p, Vec2.UnitX, 0.1, new Vec2(double.NaN, 1));
        Assert.Equal(copy, s);
        CollisionResponse.ResolveAgainstStatic(ref s, p, -Vec2.UnitX, 0.1, new Vec2(1e300, 1e300), restitution: double.NaN, friction: double.PositiveInfinity);
        Assert.True(s.IsFinite);
        var b = s;
        CollisionResponse.ResolveVehicles(ref s, p, ref b, p, new Contact(Vec2.UnitX, 0.5, s.Position));
        Assert.True(s.IsFinite && b.IsFinite);
    }
}
