namespace Simulator.Torch;

/// <summary>
/// Collects every tensor created on this thread while the scope is open and disposes them when it closes, so an inner
/// loop can build temporaries freely: <c>using var scope = TorchScope.Enter();</c>. A result that must outlive the
/// scope is handed on with <see cref="Tensor.MoveOut"/> (to the enclosing scope) or <see cref="Tensor.DetachFromScope"/>
/// (to the caller, who then disposes it). Scopes nest; the per-depth lists are reused, so entering allocates nothing.
/// </summary>
public readonly struct TorchScope : IDisposable
{
    [ThreadStatic] private static List<List<Tensor?>>? t_levels;
    [ThreadStatic] private static int t_depth;

    private readonly int _depth;

    private TorchScope(int depth) => _depth = depth;

    /// <summary>Number of scopes open on this thread.</summary>
    public static int Depth => t_depth;

    public static TorchScope Enter()
    {
        t_levels ??= new List<List<Tensor?>>();
        if (t_levels.Count <= t_depth)
        {
            t_levels.Add(new List<Tensor?>(256));
        }
        t_depth++;
        return new TorchScope(t_depth);
    }

    /// <summary>Disposes the tensors this scope still owns (and those of any inner scope left open).</summary>
    public void Dispose()
    {
        if (_depth == 0 || _depth > t_depth)
        {
            return; // default value or already closed
        }
        while (t_depth >= _depth)
        {
            List<Tensor?> owned = t_levels![t_depth - 1];
            for (int i = owned.Count - 1; i >= 0; i--)
            {
                Tensor? tensor = owned[i];
                if (tensor != null)
                {
                    tensor.ScopeDepth = 0;
                    tensor.Dispose();
                }
            }
            owned.Clear();
            t_depth--;
        }
    }

    internal static void Track(Tensor tensor) => TrackAt(tensor, t_depth);

    internal static void Untrack(Tensor tensor)
    {
        int depth = tensor.ScopeDepth;
        if (depth == 0)
        {
            return;
        }
        if (t_levels != null && depth <= t_levels.Count)
        {
            List<Tensor?> owned = t_levels[depth - 1];
            if (tensor.ScopeIndex < owned.Count && ReferenceEquals(owned[tensor.ScopeIndex], tensor))
            {
                owned[tensor.ScopeIndex] = null;
            }
        }
        tensor.ScopeDepth = 0;
    }

    internal static void MoveOut(Tensor tensor)
    {
        int depth = tensor.ScopeDepth;
        Untrack(tensor);
        if (depth > 1)
        {
            TrackAt(tensor, depth - 1);
        }
    }

    private static void TrackAt(Tensor tensor, int depth)
    {
        if (depth == 0)
        {
            return;
        }
        List<Tensor?> owned = t_levels![depth - 1];
        tensor.ScopeDepth = depth;
        tensor.ScopeIndex = owned.Count;
        owned.Add(tensor);
    }
}
