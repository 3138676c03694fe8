namespace Simulator.Core;

/// <summary>
/// Counts the managed bytes a piece of code allocates on the calling thread, for zero-allocation checks in tests and
/// benchmarks. <see cref="GC.GetAllocatedBytesForCurrentThread"/> is exact for the thread's own allocations, but a
/// garbage collection started by another thread in the middle of the measured code can shift the count by up to one
/// allocation quantum (the runtime's own tests of it fail about once a week for this reason; our CI saw 8,184 bytes
/// once for code that allocates nothing). <see cref="Smallest"/> therefore runs the code up to a few times and keeps
/// the smallest count: code that allocates on every run still shows it, a one-off miscount does not.
/// </summary>
public static class ThreadAllocations
{
    /// <summary>
    /// Runs <paramref name="body"/> up to <paramref name="attempts"/> times, stopping after the first run that
    /// allocates nothing, and returns the fewest bytes a run allocated on this thread and how many runs it took.
    /// Create the delegate before calling (a lambda's closure is allocated where it is created, not here).
    /// </summary>
    public static (long Bytes, int Runs) Smallest(Action body, int attempts = 3)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        long fewest = long.MaxValue;
        int runs = 0;
        while (runs < attempts && fewest != 0)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            body();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
            runs++;
        }
        return (fewest, runs);
    }
}
