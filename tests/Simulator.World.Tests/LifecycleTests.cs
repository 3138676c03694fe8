namespace Simulator.World.Tests;

public class LifecycleTests
{
    [Fact]
    public void Lifecycle_runs_Awake_Start_FixedUpdate_Update_OnDestroy_in_order()
    {
        var log = new List<string>();
        var world = new World(0.1);
        var entity = world.CreateEntity("a");
        entity.AddComponent(new Recorder(log, "a"));
        Assert.Equal(["a.Awake"], log);

        world.Step(2);
        entity.Destroy();

        Assert.Equal(["a.Awake", "a.Start", "a.Fixed0", "a.Update0", "a.Fixed1", "a.Update1", "a.OnDestroy"], log);
        Assert.False(entity.IsAlive);
        Assert.Equal(0, world.EntityCount);
    }

    [Fact]
    public void Behaviours_run_in_entity_id_order_then_add_order()
    {
        var log = new List<string>();
        var world = new World(0.1);
        var first = world.CreateEntity("first");
        var second = world.CreateEntity("second");
        second.AddComponent(new Recorder(log, "s1"));
        first.AddComponent(new Recorder(log, "f1"));
        first.AddComponent(new Recorder(log, "f2"));
        log.Clear();

        world.Step();

        Assert.Equal(["f1.Start", "f2.Start", "s1.Start", "f1.Fixed0", "f2.Fixed0", "s1.Fixed0", "f1.Update0", "f2.Update0", "s1.Update0"], log);
    }

    [Fact]
    public void Destroy_during_step_is_deferred_to_step_end()
    {
        var log = new List<string>();
        var world = new World(0.1);
        var victim = world.CreateEntity("victim");
        victim.AddComponent(new Recorder(log, "v"));
        var killer = world.CreateEntity("killer");
        int seenDuringStep = -1;
        bool pendingSeen = false;
        killer.AddComponent(new Recorder(log, "k")
        {
            OnFixed = (_, step) =>
            {
                if (step.Index == 1)
                {
                    victim.Destroy();
                    seenDuringStep = world.EntityCount;
                    pendingSeen = victim.IsDestroyPending && victim.IsAlive;
                }
            },
        });
        world.Step(2);

        Assert.Equal(2, seenDuringStep);
        Assert.True(pendingSeen);
        Assert.False(victim.IsAlive);
        Assert.Same(killer, Assert.Single(world.Entities.ToArray()));
        // Victim ran FixedUpdate before the kill in step 1 but no Update after it; OnDestroy comes after k.Update1.
        int destroyAt = log.IndexOf("v.OnDestroy");
        Assert.True(destroyAt > log.IndexOf("k.Update1"));
        Assert.DoesNotContain("v.Update1", log);
        Assert.DoesNotContain(world.Components<Recorder>().ToArray(), r => r.Label == "v");
    }

    [Fact]
    public void Entities_created_during_a_step_join_at_step_end_and_start_next_step()
    {
        var log = new List<string>();
        var world = new World(0.5);
        var spawner = world.CreateEntity("spawner");
        Entity? spawned = null;
        int countInStep = -1;
        spawner.AddComponent(new Recorder(log, "p")
        {
            OnFixed = (_, step) =>
            {
                if (step.Index == 0)
                {
                    spawned = world.CreateEntity("child", "kid");
                    spawned.AddComponent(new Recorder(log, "c"));
                    countInStep = world.EntityCount;
                }
            },
        });
        world.Step();
        Assert.Equal(1, countInStep);
        Assert.NotNull(spawned);
        Assert.Equal(2, world.EntityCount);
        Assert.Equal(1, spawned!.Id);
        Assert.Contains("c.Awake", log);
        Assert.DoesNotContain("c.Start", log);
        Assert.DoesNotContain("c.Fixed0", log);

        world.Step();
        Assert.True(log.IndexOf("c.Start") < log.IndexOf("p.Fixed1"));
        Assert.Contains("c.Fixed1", log);
    }

    [Fact]
    public void Entity_created_and_destroyed_in_one_step_gets_Awake_and_OnDestroy_but_never_Start()
    {
        var log = new List<string>();
        var world = new World(0.1);
        world.CreateEntity("spawner").AddComponent(new Recorder(log, "p")
        {
            OnFixed = (_, step) =>
            {
                if (step.Index == 0)
                {
                    var temp = world.CreateEntity("temp");
                    temp.AddComponent(new Recorder(log, "t"));
                    temp.Destroy();
                }
            },
        });
        world.Step(2);
        Assert.Contains("t.Awake", log);
        Assert.Contains("t.OnDestroy", log);
        Assert.DoesNotContain("t.Start", log);
        Assert.Equal(1, world.EntityCount);
    }

    [Fact]
    public void OnDestroy_may_destroy_other_entities()
    {
        var log = new List<string>();
        var world = new World(0.1);
        var parent = world.CreateEntity("parent");
        var child = world.CreateEntity("child");
        child.AddComponent(new Recorder(log, "c"));
        parent.AddComponent(new Recorder(log, "p") { OnDestroyed = _ => child.Destroy() });
        parent.Destroy();
        Assert.False(child.IsAlive);
        Assert.Equal(0, world.EntityCount);
        Assert.Equal(["c.Awake", "p.Awake", "p.OnDestroy", "c.OnDestroy"], log);
    }

    [Fact]
    public void Disabled_behaviour_skips_updates()
    {
        var log = new List<string>();
        var world = new World(0.1);
        var recorder = world.CreateEntity("a").AddComponent(new Recorder(log, "a"));
        recorder.Enabled = false;
        world.Step();
        Assert.Equal(["a.Awake", "a.Start"], log);
        recorder.Enabled = true;
        world.Step();
        Assert.Equal(["a.Awake", "a.Start", "a.Fixed1", "a.Update1"], log);
    }

    [Fact]
    public void Reset_destroys_everything_and_restarts_ids_and_time()
    {
        var log = new List<string>();
        var world = new World(0.25);
        world.CreateEntity("a").AddComponent(new Recorder(log, "a"));
        world.CreateEntity("b").AddComponent(new Recorder(log, "b"));
        world.Step(3);
        Assert.Equal(0.75, world.Time);

        world.Reset();

        Assert.Equal(0, world.EntityCount);
        Assert.Equal(0, world.StepIndex);
        Assert.Equal(0, world.Time);
        Assert.True(world.Components<Recorder>().IsEmpty);
        Assert.Equal(["a.OnDestroy", "b.OnDestroy"], log.Where(l => l.EndsWith("OnDestroy", StringComparison.Ordinal)));
        Assert.Equal(0, world.CreateEntity("again").Id);
    }

    [Fact]
    public void Adding_to_a_destroyed_entity_or_attaching_twice_fails()
    {
        var world = new World(0.1);
        var a = world.CreateEntity("a");
        var position = a.AddComponent(new Position());
        var b = world.CreateEntity("b");
        Assert.Throws<InvalidOperationException>(() => b.AddComponent(position));
        a.Destroy();
        Assert.Throws<InvalidOperationException>(() => a.AddComponent(new Position()));
        Assert.Throws<InvalidOperationException>(() => new Position().Entity);
    }

    [Fact]
    public void Step_cannot_reenter_and_world_cannot_reset_mid_step()
    {
        var world = new World(0.1);
        Exception? nested = null, reset = null;
        world.CreateEntity("a").AddComponent(new Recorder([], "a")
        {
            OnFixed = (_, _) =>
            {
                nested = Record.Exception(world.Step);
                reset = Record.Exception(world.Reset);
            },
        });
        world.Step();
        Assert.IsType<InvalidOperationException>(nested);
        Assert.IsType<InvalidOperationException>(reset);
    }

    [Fact]
    public void A_throwing_step_keeps_the_index_and_Reset_still_clears_everything()
    {
        var world = new World(0.1);
        world.CreateEntity("bomb").AddComponent(new Recorder([], "b")
        {
            OnFixed = (_, _) =>
            {
                world.CreateEntity("orphan");
                throw new InvalidOperationException("boom");
            },
        });
        Assert.Throws<InvalidOperationException>(world.Step);
        Assert.Equal(0, world.StepIndex);
        Assert.False(world.IsStepping);
        world.Reset();
        Assert.Equal(0, world.EntityCount);
        Assert.Equal(0, world.CreateEntity("fresh").Id);
    }

    [Fact]
    public void Invalid_time_step_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new World(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new World(double.NaN));
    }
}
