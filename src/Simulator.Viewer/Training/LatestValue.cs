namespace Simulator.Viewer.Training;

/// <summary>
/// A triple buffer: one writer thread fills <see cref="Back"/> and publishes it, one reader thread takes the newest
/// published value with <see cref="TryTakeNewest"/> and reads <see cref="Front"/> for as long as it likes. Neither
/// side ever waits for the other (one atomic exchange each), the three values are made once and reused, and a reader
/// that falls behind only misses intermediate values.
/// </summary>
public sealed class LatestValue<T>
    where T : class
{
    private const int FreshBit = 4;
    private readonly T[] _values;
    private int _back;
    private int _front = 1;
    private int _middle = 2; // index | FreshBit when the writer published since the reader last took it
    private long _published;

    public LatestValue(Func<T> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        _values = [create(), create(), create()];
    }

    /// <summary>The writer's value to fill (writer thread only); its content is whatever it held two publishes ago.</summary>
    public T Back => _values[_back];

    /// <summary>The value the reader took last (reader thread only); before any publish, a fresh value.</summary>
    public T Front => _values[_front];

    /// <summary>Number of publishes so far.</summary>
    public long Published => Volatile.Read(ref _published);

    /// <summary>Makes <see cref="Back"/> the newest value and hands the writer a free one (writer thread only).</summary>
    public void Publish()
    {
        int previous = Interlocked.Exchange(ref _middle, _back | FreshBit);
        _back = previous & ~FreshBit;
        Interlocked.Increment(ref _published);
    }

    /// <summary>Moves the newest published value to <see cref="Front"/>; false (Front unchanged) when nothing new was published.</summary>
    public bool TryTakeNewest()
    {
        if ((Volatile.Read(ref _middle) & FreshBit) == 0)
        {
            return false;
        }
        int previous = Interlocked.Exchange(ref _middle, _front);
        _front = previous & ~FreshBit;
        return true;
    }
}
