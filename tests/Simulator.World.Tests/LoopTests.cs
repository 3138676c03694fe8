using Simulator.Core;
namespace Simulator.World.Tests;

public class LoopTests
{
    [Fact]
    public void Phases_run_in_order_with_behaviours_inside_Decide_and_Update_last()
    {
        var log = new List<string>();
        var world = new World(0.1);
        // Registered out of phase order on purpose.
        world.AddSystem(new LogSystem(log, "post", SimPhase.PostStep));
        world.AddSystem(new LogSystem(log, "physics", SimPhase.Physics));
        world.AddSystem(new LogSystem(log, "act", SimPhase.Act));
        world.AddSystem(new LogSystem(log, "decide-after", SimPhase.Decide, 5));
        world.AddSystem(new LogSystem(log, "decide-before", SimPhase.Decide, -5));
        world.AddSystem(new LogSystem(log, "sense", SimPhase.Sense));
        world.CreateEntity("a").AddComponent(new Recorder(log, "a"));
        log.Clear();

        world.Step();

        Assert.Equal(["a.Start", "sense", "decide-before", "a.Fixed0", "decide-after", "act", "physics", "post", "a.Update0"], log);
    }

    [Fact]
    public void Systems_order_by_Order_then_registration()
    {
        var log = new List<string>();
        var world = new World(0.1);
        world.AddSystem(new LogSystem(log, "b10", SimPhase.Physics, 10));
        world.AddSystem(new LogSystem(log, "a0", SimPhase.Physics, 0));
        world.AddSystem(new LogSystem(log, "c10", SimPhase.Physics, 10));
        world.AddSystem(new LogSystem(log, "d-1", SimPhase.Physics, -1));
        world.AddSystem(new LogSystem(log, "e0", SimPhase.Physics, 0));
        world.Step();
        Assert.Equal(["d-1", "a0", "e0", "b10", "c10"], log);
    }

    [Fact]
    public void Same_order_as_behaviours_in_Decide_runs_after_them()
    {
        var log = new List<string>();
        var world = new World(0.1);
        world.AddSystem(new LogSystem(log, "policy", SimPhase.Decide, World.BehaviourOrder));
        world.CreateEntity("a").AddComponent(new Recorder(log, "a"));
        log.Clear();
        world.Step();
        Assert.Equal(["a.Start", "a.Fixed0", "policy", "a.Update0"], log);
    }

    [Fact]
    public void Remove_system_and_duplicate_registration()
    {
        var log = new List<string>();
        var world = new World(0.1);
        var system = new LogSystem(log, "s", SimPhase.Act);
        world.AddSystem(system);
        Assert.Throws<InvalidOperationException>(() => world.AddSystem(system));
        world.Step();
        Assert.True(world.RemoveSystem(system));
        Assert.False(world.RemoveSystem(system));
        world.Step();
        Assert.Equal(["s"], log);
    }

    [Fact]
    public void Systems_cannot_be_added_during_a_step()
    {
        var world = new World(0.1);
        Exception? error = null;
        world.CreateEntity("a").AddComponent(new Recorder([], "a")
        {
            OnFixed = (_, _) => error = Record.Exception(() => world.AddSystem(new LogSystem([], "x", SimPhase.Act))),
        });
        world.Step();
        Assert.IsType<InvalidOperationException>(error);
    }

    [Fact]
    public void StepInfo_time_is_index_times_dt_without_drift()
    {
        const double dt = 0.1;
        var world = new World(dt);
        var probe = new TimeProbe();
        world.AddSystem(probe);
        world.Step(1000);
        Assert.Equal(999, probe.Last.Index);
        Assert.Equal(999 * dt, probe.Last.Time);
        Assert.Equal(1000 * dt, probe.Last.EndTime);
        Assert.Equal(1000 * dt, world.Time);
        Assert.Equal(dt, probe.Last.DeltaTime);
        // Accumulating would drift: the product must be exact for the reported index.
        double accumulated = 0;
        for (int i = 0; i < 1000; i++)
        {
            accumulated += dt;
        }
        Assert.NotEqual(accumulated, world.Time);
    }

    [Fact]
    public void Reset_notifies_resettable_systems_and_keeps_them_registered()
    {
        var world = new World(0.1);
        var probe = new TimeProbe();
        world.AddSystem(probe);
        world.Step(5);
        world.Reset();
        Assert.Equal(1, probe.Resets);
        world.Step();
        Assert.Equal(0, probe.Last.Index);
    }

    [Fact]
    public void Steady_state_step_does_not_allocate()
    {
        var world = new World(0.02);
        world.AddSystem(new TimeProbe());
        for (int i = 0; i < 50; i++)
        {
            var entity = world.CreateEntity($"walker{i}");
            entity.AddComponent(new Position());
            entity.AddComponent(new RandomWalker(7, i));
        }
        world.Step(10);
        _ = world.Components<Position>();
        long allocated = ThreadAllocations.Smallest(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                world.Step();
                foreach (var position in world.Components<Position>())
                {
                    Assert.True(position.Value.IsFinite);
                }
            }
        }).Bytes;
        Assert.Equal(0, allocated);
    }

    private sealed class TimeProbe : IWorldSystem, IResettableSystem
    {
        public SimPhase Phase => SimPhase.PostStep;
        public int Order => 0;
        public StepInfo Last { get; private set; }
        public int Resets { get; private set; }

        public void Execute(World world, in StepInfo step) => Last = step;

        public void OnWorldReset(World world) => Resets++;
    }
}
