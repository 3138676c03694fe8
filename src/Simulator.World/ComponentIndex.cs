using System.Runtime.InteropServices;

namespace Simulator.World;

/// <summary>
/// Every indexed component assignable to one type, kept sorted in world iteration order (entity id, then add order),
/// so a system can walk all vehicles or all cameras as a span without searching entities.
/// </summary>
internal abstract class ComponentIndex
{
    internal abstract void TryAdd(Component component);

    /// <summary>Drops components whose entity is no longer alive, keeping order.</summary>
    internal abstract void RemoveDead();

    internal abstract void Clear();
}

internal sealed class ComponentIndex<T> : ComponentIndex where T : class
{
    private static readonly Predicate<T> s_isDead = static item => !((Component)(object)item).Entity.IsAlive;
    private readonly List<T> _items = [];

    internal ReadOnlySpan<T> Items => CollectionsMarshal.AsSpan(_items);

    internal override void TryAdd(Component component)
    {
        if (component is not T item)
        {
            return;
        }
        long key = component.SortKey;
        int count = _items.Count;
        // Components nearly always arrive in order (new entities get the largest id): append without searching.
        if (count == 0 || KeyOf(_items[count - 1]) < key)
        {
            _items.Add(item);
            return;
        }
        int lo = 0, hi = count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (KeyOf(_items[mid]) < key)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        _items.Insert(lo, item);
    }

    internal override void RemoveDead() => _items.RemoveAll(s_isDead);

    internal override void Clear() => _items.Clear();

    private static long KeyOf(T item) => ((Component)(object)item).SortKey;
}
