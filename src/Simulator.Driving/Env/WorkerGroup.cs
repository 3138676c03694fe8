namespace Simulator.Driving.Env;

/// <summary>
/// A fixed set of worker threads that run one body over contiguous index ranges, for stepping many envs on all
/// cores without the per-call allocations of Parallel.For. The caller's thread runs the first range.
/// </summary>
public sealed class WorkerGroup : IDisposable
{
    private readonly Thread[] _threads;
    private readonly SemaphoreSlim[] _start;
    private readonly CountdownEvent _done;
    private Action<int, int>? _body;
    private int _count;
    private volatile bool _stopping;
    private Exception? _failure;

    public WorkerGroup(int workers)
    {
        Workers = Math.Max(1, workers);
        _threads = new Thread[Workers - 1];
        _start = new SemaphoreSlim[Workers - 1];
        _done = new CountdownEvent(1);
        for (int i = 0; i < _threads.Length; i++)
        {
            int part = i + 1;
            _start[i] = new SemaphoreSlim(0);
            _threads[i] = new Thread(() => Loop(part)) { IsBackground = true, Name = $"env-worker-{part}" };
            _threads[i].Start();
        }
    }

    public int Workers { get; }

    /// <summary>Runs <paramref name="body"/>(from, to) over [0, count) split into one range per worker; rethrows a failure.</summary>
    public void Run(int count, Action<int, int> body)
    {
        if (Workers == 1 || count < 2)
        {
            body(0, count);
            return;
        }
        _body = body;
        _count = count;
        _failure = null;
        _done.Reset(_threads.Length);
        foreach (var s in _start)
        {
            s.Release();
        }
        RunPart(0);
        _done.Wait();
        if (_failure is { } f)
        {
            throw new AggregateException("an env worker failed", f);
        }
    }

    private void RunPart(int part)
    {
        int from = (int)((long)_count * part / Workers);
        int to = (int)((long)_count * (part + 1) / Workers);
        try
        {
            _body!(from, to);
        }
        catch (Exception e)
        {
            _failure = e;
        }
    }

    private void Loop(int part)
    {
        while (true)
        {
            _start[part - 1].Wait();
            if (_stopping)
            {
                return;
            }
            RunPart(part);
            _done.Signal();
        }
    }

    public void Dispose()
    {
        _stopping = true;
        foreach (var s in _start)
        {
            s.Release();
        }
        foreach (var t in _threads)
        {
            t.Join();
        }
        foreach (var s in _start)
        {
            s.Dispose();
        }
        _done.Dispose();
    }
}
