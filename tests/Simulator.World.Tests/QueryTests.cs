namespace Simulator.World.Tests;

public class QueryTests
{
    [Fact]
    public void GetComponent_family_finds_by_class_and_interface()
    {
        var world = new World(0.1);
        var entity = world.CreateEntity("car", "vehicle", "player");
        var position = entity.AddComponent(new Position());
        var walker = entity.AddComponent(new RandomWalker(1, 0));

        Assert.Same(position, entity.GetComponent<Position>());
        Assert.Same(walker, entity.GetComponent<Behaviour>());
        Assert.True(entity.TryGetComponent<RandomWalker>(out var found));
        Assert.Same(walker, found);
        Assert.False(entity.TryGetComponent<Recorder>(out _));
        Assert.Null(entity.GetComponent<Recorder>());
        Assert.Throws<InvalidOperationException>(() => entity.RequireComponent<Recorder>());

        var hashables = new List<IStateHashable>();
        Assert.Equal(2, entity.GetComponents(hashables));
        Assert.Equal([position, walker], hashables.Cast<Component>());
        Assert.True(entity.HasTag("player"));
        Assert.False(entity.HasTag("Player"));
        Assert.Same(world, position.World);
    }

    [Fact]
    public void World_components_are_in_entity_id_order_even_when_added_later()
    {
        var world = new World(0.1);
        var e0 = world.CreateEntity("e0");
        var e1 = world.CreateEntity("e1");
        var e2 = world.CreateEntity("e2");
        _ = world.Components<Position>(); // index exists before the adds
        var p2 = e2.AddComponent(new Position());
        var p0 = e0.AddComponent(new Position());
        var p1 = e1.AddComponent(new Position());
        var p0b = e0.AddComponent(new Position());

        Assert.Equal([p0, p0b, p1, p2], world.Components<Position>().ToArray());
        Assert.Equal(4, world.Components<IStateHashable>().Length); // index built after the adds
        Assert.Same(p0, world.FindComponent<Position>());

        e0.Destroy();
        Assert.Equal([p1, p2], world.Components<Position>().ToArray());
        Assert.Equal(2, world.Components<IStateHashable>().Length);
    }

    [Fact]
    public void Find_entities_by_id_name_and_tag()
    {
        var world = new World(0.1);
        var a = world.CreateEntity("a", "car");
        var b = world.CreateEntity("b");
        var c = world.CreateEntity("a", "car");
        b.Destroy();

        Assert.Same(a, world.FindEntity(0));
        Assert.Null(world.FindEntity(1));
        Assert.Same(c, world.FindEntity(2));
        Assert.Null(world.FindEntity(3));
        Assert.Same(a, world.FindByName("a"));
        Assert.Null(world.FindByName("b"));
        var cars = new List<Entity>();
        Assert.Equal(2, world.FindWithTag("car", cars));
        Assert.Equal([a, c], cars);
    }

    [Fact]
    public void Many_worlds_are_independent()
    {
        var one = new World(0.1);
        var two = new World(0.1);
        one.CreateEntity("x").AddComponent(new Position());
        Assert.Equal(1, one.Components<Position>().Length);
        Assert.True(two.Components<Position>().IsEmpty);
        Assert.Equal(0, two.CreateEntity("y").Id);
        Assert.NotSame(one.Bus, two.Bus);
        var shared = new MessageBus();
        Assert.Same(shared, new World(0.1, shared).Bus);
    }
}
