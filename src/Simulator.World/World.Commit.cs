namespace Simulator.World;

// Structural changes: deferred during a step, committed in one place so iteration never sees a half-changed world.
public sealed partial class World
{
    private static readonly Predicate<Entity> s_entityDead = static e => !e.IsAlive;
    private static readonly Predicate<Behaviour> s_behaviourDead = static b => !b.Entity.IsAlive;
    private static readonly Comparison<Entity> s_byId = static (a, b) => a.Id.CompareTo(b.Id);

    private readonly List<Entity> _pendingEntities = [];
    private readonly List<Component> _pendingComponents = [];
    private readonly List<Entity> _pendingDestroy = [];
    private readonly List<Entity> _destroying = [];
    private readonly List<Behaviour> _toStart = [];
    private bool _inStep;
    private bool _committing;
    private bool _resetting;

    /// <summary>True while <see cref="Step"/> runs.</summary>
    public bool IsStepping => _inStep;

    private bool IsDeferring => _inStep || _committing;

    /// <summary>
    /// Destroys <paramref name="entity"/>: its behaviours get OnDestroy (in add order) and it leaves the world at
    /// the end of the current step, or at once outside a step. Destroying twice is harmless.
    /// </summary>
    public void Destroy(Entity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (entity.World != this)
        {
            throw new InvalidOperationException($"{entity} belongs to another world.");
        }
        if (!entity.IsAlive || entity.IsDestroyPending)
        {
            return;
        }
        entity.IsDestroyPending = true;
        _pendingDestroy.Add(entity);
        if (!IsDeferring)
        {
            Commit();
        }
    }

    private void Commit()
    {
        _committing = true;
        try
        {
            // OnDestroy may create or destroy more; loop until nothing is pending.
            while (_pendingEntities.Count > 0 || _pendingComponents.Count > 0 || _pendingDestroy.Count > 0)
            {
                FlushAdds();
                if (_pendingDestroy.Count > 0)
                {
                    DestroyPending();
                }
            }
        }
        finally
        {
            _committing = false;
        }
    }

    private void FlushAdds()
    {
        for (int i = 0; i < _pendingEntities.Count; i++)
        {
            IndexEntity(_pendingEntities[i]);
        }
        _pendingEntities.Clear();
        for (int i = 0; i < _pendingComponents.Count; i++)
        {
            var component = _pendingComponents[i];
            if (!component.Indexed && component.Entity.IsAlive)
            {
                IndexComponent(component);
            }
        }
        _pendingComponents.Clear();
    }

    private void DestroyPending()
    {
        _destroying.AddRange(_pendingDestroy);
        _pendingDestroy.Clear();
        _destroying.Sort(s_byId);
        foreach (var entity in _destroying)
        {
            foreach (var component in entity.Components)
            {
                if (component is Behaviour { Awoken: true } behaviour)
                {
                    behaviour.InvokeOnDestroy();
                }
            }
            entity.IsAlive = false;
        }
        _destroying.Clear();
        if (_entities.RemoveAll(s_entityDead) > 0)
        {
            _structureVersion++;
        }
        _toStart.RemoveAll(s_behaviourDead);
        foreach (var index in _indexList)
        {
            index.RemoveDead();
        }
    }
}
