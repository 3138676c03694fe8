using Simulator.Core;

namespace Simulator.Core.Tests;

public class NativeHeapTests
{
    [Fact]
    public void Keeping_freed_memory_sets_glibc_thresholds_once()
    {
        NativeHeap.KeepFreedMemory();
        NativeHeap.KeepFreedMemory(); // idempotent
        if (OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable("SIM_MALLOC_TRIM") is null)
        {
            Assert.Equal(NativeHeap.DefaultTrimThreshold, NativeHeap.TrimThreshold);
            Assert.True(NativeHeap.Applied);
        }
        // Memory still works as usual afterwards.
        byte[] big = new byte[64 << 20];
        big[^1] = 1;
        Assert.Equal(1, big[^1]);
    }
}
