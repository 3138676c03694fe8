using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Simulator.World;

/// <summary>
/// One simulated world (one per environment; many can live in one process, nothing is global). Owns entities in id
/// order, the registered systems, the fixed-step loop and a <see cref="MessageBus"/>. Not thread-safe: one thread
/// steps and mutates a world; other threads watch through buffered bus subscriptions.
/// <para>
/// Structural changes made during <see cref="Step"/> (creating entities, adding components, destroying entities)
/// are committed at the end of the step: the new entity or component is usable at once (Awake runs immediately),
/// but world queries (<see cref="Entities"/>, <see cref="Components{T}"/>) see it from the next step, and a
/// destroyed entity stays in them, flagged <see cref="Entity.IsDestroyPending"/>, until the step ends. Outside a
/// step every change applies immediately.
/// </para>
/// </summary>
public sealed partial class World
{
    private readonly List<Entity> _entities = [];
    private readonly ComponentIndex<Behaviour> _behaviours = new();
    private readonly List<ComponentIndex> _indexList = [];
    private ComponentIndex?[] _indexes = new ComponentIndex?[16];
    private int _nextId;

    /// <param name="fixedDeltaTime">Seconds per step; positive and finite.</param>
    /// <param name="bus">A bus to share between worlds (e.g. one per app); a new one when null.</param>
    public World(double fixedDeltaTime, MessageBus? bus = null)
    {
        if (!double.IsFinite(fixedDeltaTime) || fixedDeltaTime <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(fixedDeltaTime), fixedDeltaTime, "The fixed time step must be a positive, finite number of seconds.");
        }
        FixedDeltaTime = fixedDeltaTime;
        Bus = bus ?? new MessageBus();
        RegisterIndex(TypeSlot<Behaviour>.Id, _behaviours);
        RegisterSystemCore(new BehaviourPass());
    }

    public double FixedDeltaTime { get; }

    public MessageBus Bus { get; }

    /// <summary>Entities visible to iteration, in id order.</summary>
    public ReadOnlySpan<Entity> Entities => CollectionsMarshal.AsSpan(_entities);

    public int EntityCount => _entities.Count;

    /// <summary>Creates an entity with the next id. During a step it joins <see cref="Entities"/> at step end.</summary>
    public Entity CreateEntity(string name, params ReadOnlySpan<string> tags)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (_resetting)
        {
            throw new InvalidOperationException($"Cannot create entity '{name}' while the world is resetting (from OnDestroy or OnWorldReset).");
        }
        var entity = new Entity(this, _nextId++, name, tags.IsEmpty ? null : tags.ToArray());
        if (IsDeferring)
        {
            _pendingEntities.Add(entity);
        }
        else
        {
            IndexEntity(entity);
        }
        return entity;
    }

    /// <summary>The live entity with this id, or null.</summary>
    public Entity? FindEntity(int id)
    {
        int lo = 0, hi = _entities.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int midId = _entities[mid].Id;
            if (midId == id)
            {
                return _entities[mid];
            }
            if (midId < id)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return null;
    }

    /// <summary>The first entity (lowest id) with this name, or null.</summary>
    public Entity? FindByName(string name)
    {
        foreach (var entity in Entities)
        {
            if (string.Equals(entity.Name, name, StringComparison.Ordinal))
            {
                return entity;
            }
        }
        return null;
    }

    /// <summary>Appends every entity with <paramref name="tag"/>, in id order; returns how many were added.</summary>
    public int FindWithTag(string tag, List<Entity> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        int added = 0;
        foreach (var entity in Entities)
        {
            if (entity.HasTag(tag))
            {
                results.Add(entity);
                added++;
            }
        }
        return added;
    }

    /// <summary>
    /// Every component assignable to <typeparamref name="T"/> (a class or an interface), in entity id order then add
    /// order. The first call per type builds an index; later calls are an array lookup and never allocate. The span
    /// stays valid until the next structural change is committed (end of step, or any change outside a step).
    /// </summary>
    public ReadOnlySpan<T> Components<T>() where T : class
    {
        int slot = TypeSlot<T>.Id;
        var indexes = _indexes;
        if ((uint)slot < (uint)indexes.Length && indexes[slot] is { } index)
        {
            return Unsafe.As<ComponentIndex<T>>(index).Items;
        }
        return CreateIndex<T>(slot).Items;
    }

    /// <summary>The first component of type <typeparamref name="T"/> in iteration order, or null.</summary>
    public T? FindComponent<T>() where T : class
    {
        var all = Components<T>();
        return all.IsEmpty ? null : all[0];
    }

    private ComponentIndex<T> CreateIndex<T>(int slot) where T : class
    {
        var index = new ComponentIndex<T>();
        foreach (var entity in Entities)
        {
            foreach (var component in entity.Components)
            {
                if (component.Indexed)
                {
                    index.TryAdd(component);
                }
            }
        }
        RegisterIndex(slot, index);
        return index;
    }

    private void RegisterIndex(int slot, ComponentIndex index)
    {
        if (slot >= _indexes.Length)
        {
            Array.Resize(ref _indexes, Math.Max(slot + 1, _indexes.Length * 2));
        }
        _indexes[slot] = index;
        _indexList.Add(index);
    }

    private void IndexEntity(Entity entity)
    {
        _structureVersion++;
        entity.Indexed = true;
        _entities.Add(entity);
    }

    private void IndexComponent(Component component)
    {
        component.Indexed = true;
        foreach (var index in _indexList)
        {
            index.TryAdd(component);
        }
        if (component is Behaviour behaviour)
        {
            _toStart.Add(behaviour);
        }
    }

    /// <summary>Called by <see cref="Entity.AddComponent{T}(T)"/> after the component is attached.</summary>
    internal void OnComponentAdded(Component component)
    {
        _structureVersion++;
        if (IsDeferring || !component.Entity.Indexed)
        {
            _pendingComponents.Add(component);
        }
        else
        {
            IndexComponent(component);
        }
        if (component is Behaviour behaviour)
        {
            behaviour.Awoken = true;
            behaviour.InvokeAwake();
        }
    }
}
