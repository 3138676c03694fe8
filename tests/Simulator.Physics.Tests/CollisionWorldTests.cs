using Simulator.Core;
using Simulator.Physics;

namespace Simulator.Physics.Tests;

public class CollisionWorldTests
{
    private static CollisionShape RandomStatic(Rng rng, out BodyKind kind)
    {
        Vec2 c = new(rng.Range(-200, 200), rng.Range(-100, 100));
        switch (rng.NextInt(3))
        {
            case 0:
                kind = BodyKind.Barrier;
                return new Segment(c, c + Vec2.FromAngle(rng.Range(-4, 4)) * rng.Range(0.5, 30));
            case 1:
                kind = BodyKind.ParkedCar;
                return new Obb(c, new Vec2(rng.Range(0.2, 3), rng.Range(0.2, 1.5)), rng.Range(-4, 4));
            default:
                kind = BodyKind.Cone;
                return new Circle(c, rng.Range(0.1, 0.5));
        }
    }

    private static (CollisionWorld World, int[] Dynamic) BuildScene(ulong seed, int statics, int vehicles, int pedestrians)
    {
        var rng = new Rng(seed);
        var w = new CollisionWorld(cellSize: 8);
        for (int i = 0; i < statics; i++)
        {
            var shape = RandomStatic(rng, out var kind);
            w.AddStatic(kind, shape);
        }
        var ids = new int[vehicles + pedestrians];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = i < vehicles
                ? w.AddDynamic(BodyKind.Vehicle, new Obb(Vec2.Zero, new Vec2(2.1, 0.9), 0))
                : w.AddDynamic(BodyKind.Pedestrian, new Circle(Vec2.Zero, 0.3));
        }
        return (w, ids);
    }

    private static void MoveAll(CollisionWorld w, int[] ids, Rng rng)
    {
        foreach (int id in ids)
        {
            Vec2 c = new(rng.Range(-60, 60), rng.Range(-30, 30));
            Vec2 v = new(rng.Range(-20, 20), rng.Range(-20, 20));
            CollisionShape shape = w.ShapeOf(id).Type == ShapeType.Obb
                ? new Obb(c, new Vec2(2.1, 0.9), rng.Range(-4, 4))
                : new Circle(c, 0.3);
            w.UpdateDynamic(id, shape, v, rng.Range(-1, 1));
        }
    }

    [Fact]
    public void Grid_query_equals_brute_force_on_random_scenes()
    {
        var rng = new Rng(5);
        var (w, _) = BuildScene(3, 800, 0, 0);
        w.BuildStaticGrid();
        var ids = new int[w.StaticCount];
        for (int q = 0; q < 500; q++)
        {
            double x = rng.Range(-230, 230), y = rng.Range(-130, 130);
            var box = new Aabb(x, y, x + rng.Range(0, 40), y + rng.Range(0, 40));
            int n = w.QueryStatic(box, ids);
            var expected = new List<int>();
            for (int id = 0; id < w.BodyCount; id++)
            {
                if (w.IsStatic(id) && w.ShapeOf(id).Bounds.Overlaps(box))
                {
                    expected.Add(id);
                }
            }
            Assert.Equal(expected, ids.AsSpan(0, n).ToArray());
        }
    }

    [Fact]
    public void Detected_contacts_equal_brute_force_all_pairs_and_are_sorted()
    {
        var rng = new Rng(9);
        var (w, dyn) = BuildScene(4, 600, 60, 40);
        var results = new ContactEvent[4096];
        int total = 0;
        for (int step = 0; step < 40; step++)
        {
            MoveAll(w, dyn, rng);
            if (step % 7 == 3)
            {
                w.SetActive(dyn[step % dyn.Length], false);
            }
            int n = w.DetectContacts(results);
            Assert.Equal(n, w.LastContactCount);
            var expected = new List<(int, int, Contact)>();
            for (int a = 0; a < w.BodyCount; a++)
            {
                for (int b = a + 1; b < w.BodyCount; b++)
                {
                    bool bothStatic = w.IsStatic(a) && w.IsStatic(b);
                    bool inactive = Array.IndexOf(dyn, a) >= 0 && IsInactive(step, dyn, a) || Array.IndexOf(dyn, b) >= 0 && IsInactive(step, dyn, b);
                    if (!bothStatic && !inactive && Collide.Shapes(w.ShapeOf(a), w.ShapeOf(b), out var c))
                    {
                        expected.Add((a, b, c));
                    }
                }
            }
            Assert.Equal(expected.Count, n);
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(expected[i].Item1, results[i].BodyA);
                Assert.Equal(expected[i].Item2, results[i].BodyB);
                Assert.Equal(expected[i].Item3, results[i].Contact);
                Assert.Equal(w.KindOf(results[i].BodyA), results[i].KindA);
                Assert.True(results[i].RelativeSpeed >= 0 && double.IsFinite(results[i].ClosingSpeed));
            }
            total += n;
        }
        Assert.True(total > 100, $"only {total} contacts: the scene is too sparse to test anything");
    }

    private static bool IsInactive(int step, int[] dyn, int id)
    {
        for (int s = 0; s <= step; s++)
        {
            if (s % 7 == 3 && dyn[s % dyn.Length] == id)
            {
                return true;
            }
        }
        return false;
    }

    [Fact]
    public void Detection_is_deterministic_and_does_not_allocate()
    {
        ulong Run()
        {
            var rng = new Rng(21);
            var (w, dyn) = BuildScene(8, 400, 40, 20);
            var results = new ContactEvent[2048];
            var h = new StateHasher();
            for (int step = 0; step < 30; step++)
            {
                MoveAll(w, dyn, rng);
                int n = w.DetectContacts(results);
                for (int i = 0; i < n; i++)
                {
                    h.Add(results[i].BodyA);
                    h.Add(results[i].BodyB);
                    h.Add(results[i].Contact.Normal);
                    h.Add(results[i].Contact.Depth);
                    h.Add(results[i].Contact.Point);
                    h.Add(results[i].RelativeSpeed);
                }
            }
            return h.Value;
        }
        Assert.Equal(Run(), Run());

        var rng2 = new Rng(2);
        var (world, ids) = BuildScene(8, 400, 40, 20);
        var buffer = new ContactEvent[2048];
        MoveAll(world, ids, rng2);
        world.DetectContacts(buffer); // warm up: internal buffers reach their size
        var shapes = new CollisionShape[ids.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            shapes[i] = world.ShapeOf(ids[i]);
        }
        Assert.Equal(0, ThreadAllocations.Smallest(() =>
        {
            for (int step = 0; step < 200; step++)
            {
                for (int i = 0; i < ids.Length; i++)
                {
                    world.UpdateDynamic(ids[i], shapes[i], new Vec2(step, 0), 0);
                }
                world.DetectContacts(buffer);
            }
        }).Bytes);
    }

    [Fact]
    public void Overflowing_results_keep_the_first_in_order_and_report_the_total()
    {
        var w = new CollisionWorld();
        for (int i = 0; i < 5; i++)
        {
            w.AddStatic(BodyKind.Cone, new Circle(new Vec2(i * 0.5, 0), 0.3));
        }
        int car = w.AddDynamic(BodyKind.Vehicle, new Obb(new Vec2(1, 0), new Vec2(2, 1), 0));
        var two = new ContactEvent[2];
        Assert.Equal(2, w.DetectContacts(two));
        Assert.Equal(5, w.LastContactCount);
        Assert.Equal((0, car), (two[0].BodyA, two[0].BodyB));
        Assert.Equal((1, car), (two[1].BodyA, two[1].BodyB));
        Assert.Equal(BodyKind.Cone, two[0].KindA);
        Assert.Throws<InvalidOperationException>(() => w.AddStatic(BodyKind.Sign, new Circle(Vec2.Zero, 1)));
    }

    [Fact]
    public void Contact_event_carries_closing_speed_and_normal_towards_each_body()
    {
        var w = new CollisionWorld();
        int wall = w.AddStatic(BodyKind.Barrier, new Segment(new Vec2(10, -5), new Vec2(10, 5)));
        var p = VehicleParams.CompactCar;
        var s = new VehicleState(10 - 2.0, 0, 0, 15);
        int car = w.AddDynamic(BodyKind.Vehicle, Obb.ForVehicle(s, p));
        w.UpdateVehicle(car, s, p);
        var results = new ContactEvent[4];
        Assert.Equal(1, w.DetectContacts(results));
        var e = results[0];
        Assert.Equal((wall, car), (e.BodyA, e.BodyB));
        Assert.Equal(BodyKind.Barrier, e.KindA);
        Assert.Equal(-Vec2.UnitX, e.NormalTowards(car));
        Assert.Equal(0.1, e.Contact.Depth, 9);
        Assert.Equal(15, e.RelativeSpeed, 9);
        Assert.Equal(15, e.ClosingSpeed, 9);
    }
}
