using Simulator.Core;

namespace Simulator.World;

// The fixed-step loop: Start, the five phases, Update, commit.
public sealed partial class World
{
    /// <summary>The Order at which behaviours' FixedUpdate runs within <see cref="SimPhase.Decide"/>.</summary>
    public const int BehaviourOrder = 0;

    private const int PhaseCount = (int)SimPhase.PostStep + 1;
    private static readonly Comparison<Behaviour> s_bySortKey = static (a, b) => a.SortKey.CompareTo(b.SortKey);
    private static readonly Comparison<SystemEntry> s_bySystemOrder = static (a, b) =>
        a.Order != b.Order ? a.Order.CompareTo(b.Order) : a.Sequence.CompareTo(b.Sequence);

    private readonly List<SystemEntry> _systems = [];
    private readonly IWorldSystem[][] _phaseSystems = new IWorldSystem[PhaseCount][];
    private long _systemSequence;
    private long _stepIndex;

    /// <summary>Steps completed since creation or <see cref="Reset"/>; also the index of the next step.</summary>
    public long StepIndex => _stepIndex;

    /// <summary>Simulated seconds completed: StepIndex × FixedDeltaTime.</summary>
    public double Time => _stepIndex * FixedDeltaTime;

    /// <summary>
    /// Registers a system. It runs in its phase ordered by (Order, registration order); behaviours' FixedUpdate
    /// counts as registered first at <see cref="BehaviourOrder"/> in Decide. Not allowed during a step.
    /// </summary>
    public void AddSystem(IWorldSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        ThrowIfBusy("add a system");
        foreach (var entry in _systems)
        {
            if (ReferenceEquals(entry.System, system))
            {
                throw new InvalidOperationException($"System {system.GetType().Name} is already registered on this world.");
            }
        }
        RegisterSystemCore(system);
    }

    public bool RemoveSystem(IWorldSystem system)
    {
        ThrowIfBusy("remove a system");
        for (int i = 0; i < _systems.Count; i++)
        {
            if (ReferenceEquals(_systems[i].System, system) && system is not BehaviourPass)
            {
                _systems.RemoveAt(i);
                RebuildPhases();
                return true;
            }
        }
        return false;
    }

    /// <summary>Systems of one phase in execution order (includes the behaviour pass in Decide).</summary>
    public IReadOnlyList<IWorldSystem> SystemsOf(SimPhase phase) => _phaseSystems[(int)phase];

    /// <summary>
    /// Runs one fixed step: Start for behaviours that have not started, then Sense, Decide (behaviours'
    /// FixedUpdate at <see cref="BehaviourOrder"/>), Act, Physics, PostStep, then Update on every behaviour, then
    /// commits structural changes. Allocates nothing when systems and behaviours allocate nothing.
    /// </summary>
    public void Step()
    {
        ThrowIfBusy("step");
        var step = new StepInfo(_stepIndex, FixedDeltaTime);
        _inStep = true;
        try
        {
            RunStarts();
            for (int phase = 0; phase < PhaseCount; phase++)
            {
                var systems = _phaseSystems[phase];
                for (int i = 0; i < systems.Length; i++)
                {
                    systems[i].Execute(this, in step);
                }
            }
            foreach (var behaviour in _behaviours.Items)
            {
                if (behaviour.Enabled && !behaviour.Entity.IsDestroyPending)
                {
                    behaviour.InvokeUpdate(in step);
                }
            }
        }
        finally
        {
            _inStep = false;
        }
        Commit();
        _stepIndex++;
    }

    public void Step(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        for (int i = 0; i < count; i++)
        {
            Step();
        }
    }

    /// <summary>
    /// Destroys every entity (OnDestroy in id order), restarts ids and the step index at 0, and calls
    /// <see cref="IResettableSystem.OnWorldReset"/> on systems in execution order. Systems and bus subscriptions stay.
    /// </summary>
    public void Reset()
    {
        ThrowIfBusy("reset");
        _resetting = true;
        try
        {
            Commit(); // anything a failed step left pending becomes a normal entity first, so it is destroyed too
            foreach (var entity in _entities)
            {
                entity.IsDestroyPending = true;
                _pendingDestroy.Add(entity);
            }
            Commit();
            _toStart.Clear();
            _nextId = 0;
            _stepIndex = 0;
            for (int phase = 0; phase < PhaseCount; phase++)
            {
                foreach (var system in _phaseSystems[phase])
                {
                    (system as IResettableSystem)?.OnWorldReset(this);
                }
            }
        }
        finally
        {
            _resetting = false;
        }
    }

    /// <summary>
    /// A hash of the step index, the world's structure (every entity's id, name and count of
    /// <see cref="IStateHashable"/> components, in iteration order) and those components' values in the same order:
    /// equal hashes mean the worlds are in the same state as far as components report it.
    /// </summary>
    public ulong ComputeStateHash()
    {
        if (_hashPlanVersion != _structureVersion)
        {
            BuildHashPlan();
        }
        // The plan holds the hashable components in iteration order and the structure's hash, both rebuilt on any
        // structural change: no walk over entities, no type tests and no entity keys on every call (recordings hash
        // every step).
        var hasher = new StateHasher(_hashBuffer);
        hasher.Add(_stepIndex);
        hasher.Add(FixedDeltaTime);
        hasher.Add(_entities.Count);
        hasher.Add(_hashStructure);
        var hashables = _hashables;
        for (int k = 0; k < _hashableCount; k++)
        {
            hashables[k].AddToHash(ref hasher);
        }
        _hashBuffer = hasher.Buffer!;
        return hasher.Value;
    }

    private long _structureVersion, _hashPlanVersion = -1;
    private ulong[] _hashBuffer = new ulong[256];
    private ulong _hashStructure;
    private int _hashableCount;
    private IStateHashable[] _hashables = [];

    private void BuildHashPlan()
    {
        int count = 0;
        foreach (var entity in Entities)
        {
            foreach (var component in entity.Components)
            {
                count += component is IStateHashable ? 1 : 0;
            }
        }
        if (_hashables.Length < count)
        {
            _hashables = new IStateHashable[count];
        }
        var structure = new StateHasher();
        int k = 0;
        foreach (var entity in _entities)
        {
            int first = k;
            foreach (var component in entity.Components)
            {
                if (component is IStateHashable hashable)
                {
                    _hashables[k++] = hashable;
                }
            }
            structure.Add(entity.Id);
            structure.Add(entity.NameHash);
            structure.Add(k - first);
        }
        Array.Clear(_hashables, k, _hashables.Length - k); // no references kept to destroyed components
        _hashableCount = k;
        _hashStructure = structure.Value;
        _hashPlanVersion = _structureVersion;
    }

    private void RunStarts()
    {
        if (_toStart.Count == 0)
        {
            return;
        }
        _toStart.Sort(s_bySortKey);
        // Start may add components; they are deferred, so this list does not change while we walk it.
        foreach (var behaviour in _toStart)
        {
            if (!behaviour.Started && behaviour.Entity.IsAlive && !behaviour.Entity.IsDestroyPending)
            {
                behaviour.Started = true;
                behaviour.InvokeStart();
            }
        }
        _toStart.Clear();
    }

    private void RunFixedUpdates(in StepInfo step)
    {
        foreach (var behaviour in _behaviours.Items)
        {
            if (behaviour.Enabled && !behaviour.Entity.IsDestroyPending)
            {
                behaviour.InvokeFixedUpdate(in step);
            }
        }
    }

    private void RegisterSystemCore(IWorldSystem system)
    {
        var phase = system.Phase;
        if ((uint)phase >= PhaseCount)
        {
            throw new ArgumentOutOfRangeException(nameof(system), phase, $"System {system.GetType().Name} reports an unknown phase.");
        }
        _systems.Add(new SystemEntry(system, phase, system.Order, _systemSequence++));
        RebuildPhases();
    }

    private void RebuildPhases()
    {
        _systems.Sort(s_bySystemOrder);
        Span<int> counts = stackalloc int[PhaseCount];
        foreach (var entry in _systems)
        {
            counts[(int)entry.Phase]++;
        }
        for (int phase = 0; phase < PhaseCount; phase++)
        {
            _phaseSystems[phase] = new IWorldSystem[counts[phase]];
            counts[phase] = 0;
        }
        foreach (var entry in _systems)
        {
            int phase = (int)entry.Phase;
            _phaseSystems[phase][counts[phase]++] = entry.System;
        }
    }

    private void ThrowIfBusy(string action)
    {
        if (_inStep || _committing || _resetting)
        {
            throw new InvalidOperationException($"Cannot {action} while the world is stepping, committing or resetting; do it between steps.");
        }
    }

    private readonly record struct SystemEntry(IWorldSystem System, SimPhase Phase, int Order, long Sequence);

    /// <summary>Runs behaviours' FixedUpdate as an ordinary Decide system so user systems can go before or after.</summary>
    private sealed class BehaviourPass : IWorldSystem
    {
        public SimPhase Phase => SimPhase.Decide;
        public int Order => BehaviourOrder;

        public void Execute(World world, in StepInfo step) => world.RunFixedUpdates(in step);
    }
}
