using System.Diagnostics;

namespace Simulator.Rendering.Vulkan;

/// <summary>Accumulated phase times of a batch (profiling only; never used by the simulation).</summary>
public struct BatchTimings
{
    public long Frames;
    /// <summary>CPU time writing per-env constants and draw records.</summary>
    public long BuildTicks;
    /// <summary>CPU time recording the command buffer.</summary>
    public long RecordTicks;
    /// <summary>vkQueueSubmit (plus any wait for a reused slot).</summary>
    public long SubmitTicks;
    /// <summary>Time blocked in Wait for the fence.</summary>
    public long WaitTicks;
    /// <summary>Host-side work on the mapped results (box extraction).</summary>
    public long ReadbackTicks;

    public readonly double MillisecondsPerFrame(long ticks) =>
        Frames == 0 ? 0 : ticks * 1000.0 / Stopwatch.Frequency / Frames;

    public override readonly string ToString() =>
        $"build {MillisecondsPerFrame(BuildTicks):F3} ms, record {MillisecondsPerFrame(RecordTicks):F3} ms, " +
        $"submit {MillisecondsPerFrame(SubmitTicks):F3} ms, wait {MillisecondsPerFrame(WaitTicks):F3} ms, " +
        $"readback {MillisecondsPerFrame(ReadbackTicks):F3} ms per batch";
}
