namespace Simulator.Viewer;

/// <summary>
/// Latest-value triple buffer between the simulation thread (one writer) and the viewer thread (one reader). Each
/// buffer is one <see cref="ViewerFrame"/> per env. The writer fills <see cref="Back"/> and calls
/// <see cref="Publish"/> (an atomic swap with the middle buffer); the reader calls <see cref="TryTake"/> (an atomic
/// swap of its front buffer with the middle one when something new was published). Neither side ever waits: a
/// slow viewer simply misses intermediate steps, and the simulation never blocks on it.
/// </summary>
public sealed class FrameExchange
{
    private const int FreshBit = 4;
    private readonly ViewerFrame[][] _buffers;
    private int _back = 0;
    private int _middle = 1; // index | FreshBit when it holds an unread publication
    private int _front = 2;

    public FrameExchange(int envCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(envCount, 1);
        EnvCount = envCount;
        _buffers = new ViewerFrame[3][];
        for (int b = 0; b < 3; b++)
        {
            _buffers[b] = new ViewerFrame[envCount];
            for (int e = 0; e < envCount; e++)
            {
                _buffers[b][e] = new ViewerFrame();
            }
        }
    }

    public int EnvCount { get; }

    /// <summary>Frames published so far (written by the simulation thread).</summary>
    public long Published => Interlocked.Read(ref _published);
    private long _published;

    /// <summary>The writer's buffer: fill it, then <see cref="Publish"/>. Only the simulation thread touches it.</summary>
    public ReadOnlySpan<ViewerFrame> Back => _buffers[_back];

    /// <summary>Makes the back buffer the latest value and takes the previous middle buffer as the new back buffer.</summary>
    public void Publish()
    {
        int old = Interlocked.Exchange(ref _middle, _back | FreshBit);
        _back = old & ~FreshBit;
        Interlocked.Increment(ref _published);
    }

    /// <summary>The reader's buffer (the latest frames taken so far).</summary>
    public ReadOnlySpan<ViewerFrame> Front => _buffers[_front];

    /// <summary>Swaps in the latest publication, if there is one the reader has not seen; false otherwise.</summary>
    public bool TryTake()
    {
        if ((Volatile.Read(ref _middle) & FreshBit) == 0)
        {
            return false;
        }
        int old = Interlocked.Exchange(ref _middle, _front);
        _front = old & ~FreshBit;
        return true;
    }

    /// <summary>
    /// Publishes several envs' snapshots at once (e.g. a <see cref="Simulator.Driving.Env.VectorEnv"/>'s
    /// <c>Snapshots</c> during training): copies snapshot i into env slot i with the given infos, if any.
    /// </summary>
    public void Publish(ReadOnlySpan<Simulator.Driving.Snapshots.WorldSnapshot> snapshots, ReadOnlySpan<Simulator.Driving.Env.EnvInfo> infos = default, long runSteps = 0, double stepsPerSecond = 0)
    {
        ReadOnlySpan<ViewerFrame> back = Back;
        int n = Math.Min(snapshots.Length, back.Length);
        for (int i = 0; i < n; i++)
        {
            back[i].Fill(snapshots[i], i < infos.Length ? infos[i] : default, default, 0, runSteps, stepsPerSecond);
        }
        Publish();
    }
}
