using Simulator.Core;

namespace Simulator.Core.Tests;

public class RngTests
{
    [Fact]
    public void Same_seed_and_stream_give_the_same_sequence()
    {
        var a = Rng.Create(42, RngStream.Traffic, 3);
        var b = Rng.Create(42, RngStream.Traffic, 3);
        for (int i = 0; i < 1000; i++)
        {
            Assert.Equal(a.NextUInt64(), b.NextUInt64());
        }
    }

    [Fact]
    public void Streams_and_envs_are_independent()
    {
        ulong x = Rng.Create(42, RngStream.Traffic, 0).NextUInt64();
        Assert.NotEqual(x, Rng.Create(42, RngStream.Pedestrians, 0).NextUInt64());
        Assert.NotEqual(x, Rng.Create(42, RngStream.Traffic, 1).NextUInt64());
        Assert.NotEqual(x, Rng.Create(43, RngStream.Traffic, 0).NextUInt64());
    }

    [Fact]
    public void Uniform_and_gaussian_have_the_right_moments()
    {
        var r = new Rng(7);
        double sum = 0, sumG = 0, sumG2 = 0;
        const int n = 200_000;
        for (int i = 0; i < n; i++)
        {
            double u = r.NextDouble();
            Assert.InRange(u, 0, 1 - 1e-17);
            sum += u;
            double g = r.NextGaussian();
            sumG += g;
            sumG2 += g * g;
        }
        Assert.InRange(sum / n, 0.495, 0.505);
        Assert.InRange(sumG / n, -0.01, 0.01);
        Assert.InRange(sumG2 / n, 0.98, 1.02);
    }

    [Fact]
    public void NextInt_covers_its_range_without_bias()
    {
        var r = new Rng(1);
        var counts = new int[6];
        for (int i = 0; i < 60_000; i++)
        {
            counts[r.NextInt(6)]++;
        }
        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
        Assert.Throws<ArgumentOutOfRangeException>(() => r.NextInt(0));
    }

    [Fact]
    public void Known_first_value_pins_the_algorithm()
    {
        // Recordings depend on the exact stream: a change of algorithm must be deliberate.
        var a = new Rng(0);
        var b = new Rng(0);
        a.NextUInt64();
        b.Reseed(0);
        Assert.Equal(new Rng(0).NextUInt64(), b.NextUInt64());
        Assert.NotEqual(0UL, new Rng(0).NextUInt64());
    }
}

public class MathTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(Math.PI, Math.PI)]
    [InlineData(-Math.PI, Math.PI)]
    [InlineData(3 * Math.PI, Math.PI)]
    [InlineData(2 * Math.PI + 0.5, 0.5)]
    [InlineData(-2 * Math.PI - 0.5, -0.5)]
    public void WrapAngle_maps_into_minus_pi_pi(double input, double expected) =>
        Assert.Equal(expected, MathUtil.WrapAngle(input), 9);

    [Fact]
    public void Pose_round_trips_points()
    {
        var pose = new Pose2(new Vec2(3, -2), 0.7);
        var p = new Vec2(10, 4);
        var back = pose.ToWorld(pose.ToLocal(p));
        Assert.Equal(p.X, back.X, 9);
        Assert.Equal(p.Y, back.Y, 9);
        Assert.Equal(1, pose.ToLocal(pose.Position + pose.Forward).X, 9);
    }

    [Fact]
    public void Vector_algebra()
    {
        var a = new Vec2(3, 4);
        Assert.Equal(5, a.Length);
        Assert.Equal(1, a.Normalized().Length, 12);
        Assert.Equal(0, Vec2.Dot(a, a.PerpLeft));
        Assert.True(Vec2.Cross(Vec2.UnitX, Vec2.UnitY) > 0);
        Assert.Equal(Vec2.Zero, Vec2.Zero.Normalized());
        Assert.False(new Vec2(double.NaN, 0).IsFinite);
    }
}

public class HashAndErrorTests
{
    [Fact]
    public void Hash_depends_on_values_and_order()
    {
        var a = new StateHasher();
        a.Add(1.0);
        a.Add(2.0);
        var b = new StateHasher();
        b.Add(2.0);
        b.Add(1.0);
        var c = new StateHasher();
        c.Add(1.0);
        c.Add(2.0);
        Assert.NotEqual(a.Value, b.Value);
        Assert.Equal(a.Value, c.Value);
        var z = new StateHasher();
        z.Add(0.0);
        var nz = new StateHasher();
        nz.Add(-0.0);
        Assert.NotEqual(z.Value, nz.Value);
    }

    [Fact]
    public void Input_errors_name_file_line_and_path()
    {
        var e = new SimInputException("bad value", "scene.json", "$.a.b", 12, "use 1 to 3");
        Assert.Equal("scene.json:12 at $.a.b: bad value (use 1 to 3)", e.Message);
        Assert.Equal(2, e.ExitCode);
        Assert.Equal(1, new SimRuntimeException("boom").ExitCode);
    }
}
