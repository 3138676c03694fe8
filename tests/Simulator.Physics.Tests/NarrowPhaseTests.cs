using Simulator.Core;
using Simulator.Physics;

namespace Simulator.Physics.Tests;

public class NarrowPhaseTests
{
    private static Obb Box(double x, double y, double hx, double hy, double heading = 0) => new(new Vec2(x, y), new Vec2(hx, hy), heading);

    [Fact]
    public void Obb_separated_touching_and_overlapping()
    {
        var a = Box(0, 0, 2, 1);
        Assert.False(Collide.ObbObb(a, Box(4.01, 0, 2, 1), out _));
        Assert.True(Collide.ObbObb(a, Box(4, 0.5, 2, 1), out var touch));
        Assert.Equal(0, touch.Depth, 12);
        Assert.True(Collide.ObbObb(a, Box(3.5, 0.2, 2, 1), out var c));
        Assert.Equal(0.5, c.Depth, 12);
        Assert.Equal(Vec2.UnitX, c.Normal);
        Assert.True(Collide.ObbObb(Box(3.5, 0.2, 2, 1), a, out var back));
        Assert.Equal(-Vec2.UnitX, back.Normal);
    }

    [Fact]
    public void Obb_rotated_corner_into_face()
    {
        // A unit square rotated 45° whose corner reaches 0.1 m into the face x = 1 of the box at the origin.
        double diag = Math.Sqrt(2) * 0.5;
        var a = Box(0, 0, 1, 1);
        var b = Box(1 + diag - 0.1, 0, 0.5, 0.5, Math.PI / 4);
        Assert.True(Collide.ObbObb(a, b, out var c));
        Assert.Equal(0.1, c.Depth, 9);
        Assert.Equal(1, c.Normal.X, 9);
        Assert.Equal(0.9, c.Point.X, 9); // the corner of b
        Assert.Equal(0, c.Point.Y, 9);
        // Rotated the other way round: separated by 0.1.
        Assert.False(Collide.ObbObb(a, Box(1 + diag + 0.1, 0, 0.5, 0.5, Math.PI / 4), out _));
    }

    [Fact]
    public void Obb_contained_is_pushed_out_through_the_nearest_face()
    {
        var big = Box(0, 0, 5, 3);
        var small = Box(0.5, 2, 0.5, 0.5, 0.3);
        Assert.True(Collide.ObbObb(big, small, out var c));
        Assert.Equal(Vec2.UnitY, c.Normal);
        Assert.Equal(3 + small.Radius(Vec2.UnitY) - 2, c.Depth, 12);
    }

    [Fact]
    public void Obb_random_pairs_normal_points_a_to_b_and_depth_is_a_separating_translation()
    {
        var rng = new Rng(11);
        int hits = 0;
        for (int i = 0; i < 2000; i++)
        {
            var a = Box(rng.Range(-2, 2), rng.Range(-2, 2), rng.Range(0.2, 2), rng.Range(0.2, 1), rng.Range(-4, 4));
            var b = Box(rng.Range(-2, 2), rng.Range(-2, 2), rng.Range(0.2, 2), rng.Range(0.2, 1), rng.Range(-4, 4));
            if (!Collide.ObbObb(a, b, out var c))
            {
                continue;
            }
            hits++;
            Assert.Equal(1, c.Normal.Length, 12);
            Assert.True(Vec2.Dot(c.Normal, b.Center - a.Center) >= 0);
            var moved = new Obb(b.Center + c.Normal * (c.Depth + 1e-7), b.HalfExtents, b.Heading);
            Assert.False(Collide.ObbObb(a, moved, out _));
            if (c.Depth > 1e-3)
            {
                var less = new Obb(b.Center + c.Normal * (c.Depth - 1e-3), b.HalfExtents, b.Heading);
                Assert.True(Collide.ObbObb(a, less, out _));
            }
        }
        Assert.True(hits > 500);
    }

    [Fact]
    public void Segment_against_obb_cases()
    {
        var wall = new Segment(new Vec2(-10, 0), new Vec2(10, 0));
        Assert.False(Collide.SegmentObb(wall, Box(0, 1.01, 2, 1), out _));
        Assert.True(Collide.SegmentObb(wall, Box(0, 1, 2, 1), out var touch));
        Assert.Equal(0, touch.Depth, 12);
        Assert.True(Collide.SegmentObb(wall, Box(0, 0.7, 2, 1), out var c));
        Assert.Equal(Vec2.UnitY, c.Normal);
        Assert.Equal(0.3, c.Depth, 12);
        Assert.True(Collide.SegmentObb(wall, Box(0, -0.7, 2, 1, 0.2), out var below));
        Assert.Equal(-1, below.Normal.Y, 9);
        // Segment end poking into the side of a box: pushed along the box axis.
        var post = new Segment(new Vec2(-5, 0), new Vec2(-1.8, 0));
        Assert.True(Collide.SegmentObb(post, Box(0, 0, 2, 1), out var end));
        Assert.Equal(Vec2.UnitX, end.Normal);
        Assert.Equal(0.2, end.Depth, 12);
        Assert.Equal(new Vec2(-1.8, 0), end.Point);
        // Rotated box crossing a diagonal segment.
        var diag = new Segment(new Vec2(-5, -5), new Vec2(5, 5));
        Assert.True(Collide.SegmentObb(diag, Box(0.3, -0.3, 1, 0.5, Math.PI / 4), out var d));
        Assert.True(Vec2.Dot(d.Normal, new Vec2(0.5, -0.5)) > 0);
        Assert.Equal(0.5 - 0.3 * Math.Sqrt(2), d.Depth, 9);
        Assert.False(Collide.SegmentObb(diag, Box(3, -3, 1, 0.5, Math.PI / 4), out _));
    }

    [Fact]
    public void Circles_against_boxes_segments_and_circles()
    {
        var box = Box(0, 0, 2, 1);
        Assert.True(Collide.ObbCircle(box, new Circle(new Vec2(2.5, 0), 0.6), out var side));
        Assert.Equal(Vec2.UnitX, side.Normal);
        Assert.Equal(0.1, side.Depth, 12);
        Assert.False(Collide.ObbCircle(box, new Circle(new Vec2(2.5, 1.5), 0.6), out _)); // corner gap √0.5 > 0.6
        Assert.True(Collide.ObbCircle(box, new Circle(new Vec2(1.8, 0.2), 0.3), out var inside));
        Assert.Equal(Vec2.UnitX, inside.Normal);
        Assert.Equal(0.5, inside.Depth, 12);
        Assert.True(Collide.CircleCircle(new Circle(Vec2.Zero, 1), new Circle(new Vec2(0, 1.5), 1), out var cc));
        Assert.Equal(Vec2.UnitY, cc.Normal);
        Assert.Equal(0.5, cc.Depth, 12);
        var seg = new Segment(new Vec2(0, 0), new Vec2(4, 0));
        Assert.True(Collide.SegmentCircle(seg, new Circle(new Vec2(5, 0), 1), out var tip));
        Assert.Equal(0, tip.Depth, 12);
        Assert.Equal(Vec2.UnitX, tip.Normal);
        Assert.True(Collide.Shapes(new Circle(new Vec2(2.5, 0), 0.6), box, out var flipped));
        Assert.Equal(-Vec2.UnitX, flipped.Normal);
    }
}
