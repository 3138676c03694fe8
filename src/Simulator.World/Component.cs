namespace Simulator.World;

/// <summary>
/// Data or logic attached to one <see cref="Simulator.World.Entity"/>. A component belongs to exactly one entity for
/// its whole life; plain components hold data that systems read and write, <see cref="Behaviour"/> adds lifecycle
/// callbacks.
/// </summary>
public abstract class Component
{
    private Entity? _entity;

    /// <summary>The owning entity. Throws if the component has not been added to one yet.</summary>
    public Entity Entity => _entity ?? throw new InvalidOperationException(
        $"{GetType().Name} is not attached to an entity yet; add it with Entity.AddComponent first.");

    /// <summary>The world of the owning entity.</summary>
    public World World => Entity.World;

    public bool IsAttached => _entity != null;

    /// <summary>
    /// Position in world iteration order: entity id in the high 32 bits, index within the entity in the low 32.
    /// </summary>
    internal long SortKey { get; private set; }

    /// <summary>True once the component is visible to world queries (structural changes commit at step end).</summary>
    internal bool Indexed { get; set; }

    internal void Attach(Entity entity, int indexInEntity)
    {
        _entity = entity;
        SortKey = ((long)entity.Id << 32) | (uint)indexInEntity;
    }

    public override string ToString() => _entity is null ? GetType().Name : $"{GetType().Name} on {_entity}";
}
