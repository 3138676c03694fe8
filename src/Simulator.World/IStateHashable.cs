using Simulator.Core;

namespace Simulator.World;

/// <summary>
/// A component whose state takes part in <see cref="World.ComputeStateHash"/>. Add every value that matters for
/// determinism, in a fixed order.
/// </summary>
public interface IStateHashable
{
    void AddToHash(ref StateHasher hasher);
}
