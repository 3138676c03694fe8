using Simulator.Core;
namespace Simulator.World;

/// <summary>
/// A named thing in a <see cref="World"/>: an id (assigned in creation order), optional tags and an ordered list of
/// components. Create through <see cref="World.CreateEntity"/>.
/// </summary>
public sealed class Entity
{
    private static readonly string[] s_noTags = [];
    private Component[] _components = new Component[4];
    private int _componentCount;
    private readonly string[] _tags;

    internal Entity(World world, int id, string name, string[]? tags)
    {
        World = world;
        Id = id;
        Name = name;
        var nameHash = new StateHasher();
        nameHash.Add(name);
        NameHash = nameHash.Value;
        _tags = tags is null || tags.Length == 0 ? s_noTags : (string[])tags.Clone();
    }

    public World World { get; }

    /// <summary>Unique within the world until <see cref="World.Reset"/>; increases in creation order.</summary>
    public int Id { get; }

    public string Name { get; }

    /// <summary>Hash of <see cref="Name"/>, computed once for <see cref="World.ComputeStateHash"/>.</summary>
    internal ulong NameHash { get; }

    public IReadOnlyList<string> Tags => _tags;

    /// <summary>False once the entity has been destroyed (its components got OnDestroy and left the world).</summary>
    public bool IsAlive { get; internal set; } = true;

    /// <summary>True from the Destroy call until the end of the step; its behaviours no longer update.</summary>
    public bool IsDestroyPending { get; internal set; }

    /// <summary>True once the entity is visible to world iteration (structural changes commit at step end).</summary>
    internal bool Indexed { get; set; }

    /// <summary>All components in the order they were added.</summary>
    public ReadOnlySpan<Component> Components => new(_components, 0, _componentCount);

    public bool HasTag(string tag)
    {
        var tags = _tags;
        for (int i = 0; i < tags.Length; i++)
        {
            if (string.Equals(tags[i], tag, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Adds a component; a <see cref="Behaviour"/> gets Awake at once. Returns the component.</summary>
    public T AddComponent<T>(T component) where T : Component
    {
        ArgumentNullException.ThrowIfNull(component);
        if (!IsAlive || IsDestroyPending)
        {
            throw new InvalidOperationException($"Cannot add {component.GetType().Name} to {this}: the entity is destroyed.");
        }
        if (component.IsAttached)
        {
            throw new InvalidOperationException($"{component} is already attached; a component belongs to one entity.");
        }
        if (_componentCount == _components.Length)
        {
            Array.Resize(ref _components, _componentCount * 2);
        }
        component.Attach(this, _componentCount);
        _components[_componentCount++] = component;
        World.OnComponentAdded(component);
        return component;
    }

    public T AddComponent<T>() where T : Component, new() => AddComponent(new T());

    /// <summary>The first component assignable to <typeparamref name="T"/>, or null.</summary>
    public T? GetComponent<T>() where T : class
    {
        var components = _components;
        for (int i = 0; i < _componentCount; i++)
        {
            if (components[i] is T match)
            {
                return match;
            }
        }
        return null;
    }

    /// <summary>The first component assignable to <typeparamref name="T"/>; throws naming the entity if none.</summary>
    public T RequireComponent<T>() where T : class => GetComponent<T>()
        ?? throw new InvalidOperationException($"{this} has no component of type {typeof(T).Name}.");

    public bool TryGetComponent<T>(out T component) where T : class
    {
        var found = GetComponent<T>();
        component = found!;
        return found != null;
    }

    /// <summary>Appends every component assignable to <typeparamref name="T"/> to <paramref name="results"/>.</summary>
    public int GetComponents<T>(List<T> results) where T : class
    {
        ArgumentNullException.ThrowIfNull(results);
        int added = 0;
        for (int i = 0; i < _componentCount; i++)
        {
            if (_components[i] is T match)
            {
                results.Add(match);
                added++;
            }
        }
        return added;
    }

    /// <summary>Destroys the entity at the end of the current step (at once outside a step).</summary>
    public void Destroy() => World.Destroy(this);

    public override string ToString() => $"entity #{Id} '{Name}'";
}
