namespace Simulator.World.Tests;

/// <summary>The state hash walks a cached plan of the world's hashable components: every structural change must reach it.</summary>
public class StateHashPlanTests
{
    private static World Build(int entities, bool extraComponent, bool destroyFirst)
    {
        var world = new World(0.1);
        for (int i = 0; i < entities; i++)
        {
            var e = world.CreateEntity($"e{i}");
            e.AddComponent(new Position { Value = new Core.Vec2(i, 2 * i) });
            if (extraComponent && i == entities - 1)
            {
                e.AddComponent(new Position { Value = new Core.Vec2(7, 7) });
            }
        }
        if (destroyFirst)
        {
            world.Entities[0].Destroy();
        }
        world.Step();
        return world;
    }

    [Fact]
    public void Added_components_entities_and_destroyed_entities_change_the_hash_as_a_fresh_world_would()
    {
        var world = Build(3, false, false);
        ulong before = world.ComputeStateHash();
        Assert.Equal(before, world.ComputeStateHash());

        world.Entities[2].AddComponent(new Position { Value = new Core.Vec2(7, 7) });
        ulong withComponent = world.ComputeStateHash();
        Assert.NotEqual(before, withComponent);
        Assert.Equal(Build(3, true, false).ComputeStateHash(), withComponent);

        world.Entities[0].Destroy();
        world.Step();
        var reference = Build(3, true, true);
        reference.Step(); // the same number of steps as the world
        Assert.Equal(reference.ComputeStateHash(), world.ComputeStateHash());

        world.Entities[0].GetComponent<Position>()!.Value = new Core.Vec2(-1, -1);
        Assert.NotEqual(reference.ComputeStateHash(), world.ComputeStateHash()); // values, not only structure

        world.Reset();
        Assert.Equal(new World(0.1).ComputeStateHash(), world.ComputeStateHash());
    }

    [Fact]
    public void Names_entities_without_hashed_components_and_which_entity_holds_a_component_are_in_the_hash()
    {
        static ulong Hash(Action<World> build)
        {
            var world = new World(0.1);
            build(world);
            world.Step();
            return world.ComputeStateHash();
        }
        static void Positions(World w, string first, string second, int onFirst)
        {
            var a = w.CreateEntity(first);
            var b = w.CreateEntity(second);
            for (int i = 0; i < 2; i++)
            {
                (i < onFirst ? a : b).AddComponent(new Position { Value = new Core.Vec2(i, i) });
            }
        }
        ulong reference = Hash(w => Positions(w, "a", "b", 1));
        Assert.Equal(reference, Hash(w => Positions(w, "a", "b", 1)));
        Assert.NotEqual(reference, Hash(w => Positions(w, "a", "c", 1)));   // a name
        Assert.NotEqual(reference, Hash(w => Positions(w, "a", "b", 2)));   // the same values, held by another entity
        Assert.NotEqual(reference, Hash(w =>                               // an entity with nothing hashed
        {
            Positions(w, "a", "b", 1);
            w.CreateEntity("empty");
        }));
    }
}
