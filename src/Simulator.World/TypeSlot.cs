namespace Simulator.World;

/// <summary>
/// A small dense integer per type, so worlds and buses can find per-type data by array index instead of a
/// dictionary on hot paths. Process-wide, but it holds no world state: only the numbering of types.
/// </summary>
internal static class TypeSlot
{
    private static int s_next = -1;

    internal static int Next() => Interlocked.Increment(ref s_next);
}

internal static class TypeSlot<T>
{
    internal static readonly int Id = TypeSlot.Next();
}
