using System.Runtime.InteropServices;

namespace Simulator.Core;

/// <summary>
/// Process-wide setting of glibc's malloc used by the native libraries (lavapipe and libtorch).
/// <para>By default glibc hands freed memory at the top of a heap back to the kernel once more than 128 KiB is free
/// (and raises that bound only adaptively). lavapipe allocates and frees its binned scene for every submitted frame,
/// and libtorch does the same with every activation, so each frame faulted the same pages in again: measured on the
/// 2-core dev machine, 64 cameras at 64×64 went from 1,773 to 2,633 frames/s, and kernel time from 1.99 s to 0.62 s
/// of a 4 s run, with a 512 MiB trim threshold and a 32 MiB mmap threshold (Nature CNN forward + backward, batch 512: 7,644 to
/// 10,283 samples/s). The cost is that up to that much freed memory per heap stays with the process.</para>
/// <para>A host option: no library calls it (embedding the engine must not change another program's allocator). The
/// CLI applies it at startup (Simulator.Cli's HostSetup); a host that renders or trains in bulk should do the same
/// before its first frame or step. SIM_MALLOC_TRIM=default leaves glibc's own policy; SIM_MALLOC_TRIM=BYTES sets
/// another threshold.</para>
/// </summary>
public static partial class NativeHeap
{
    /// <summary>Bytes of free memory a heap may keep at its top before glibc returns it to the kernel.</summary>
    public const int DefaultTrimThreshold = 512 << 20;

    /// <summary>Blocks at least this large are mapped on their own (glibc's upper bound for this setting on 64-bit).</summary>
    public const int MmapThreshold = 32 << 20;

    private const int M_TRIM_THRESHOLD = -1;
    private const int M_MMAP_THRESHOLD = -3;
    private static int s_applied;

    /// <summary>The threshold in effect after <see cref="KeepFreedMemory"/> (null: glibc's default, or not Linux).</summary>
    public static long? TrimThreshold { get; private set; }

    /// <summary>Whether this process changed glibc's thresholds (false until a host calls
    /// <see cref="KeepFreedMemory"/>, and after it when SIM_MALLOC_TRIM=default or the C library has no mallopt).</summary>
    public static bool Applied => TrimThreshold.HasValue;

    /// <summary>Sets glibc's trim threshold once per process (no-op elsewhere or when SIM_MALLOC_TRIM=default).</summary>
    public static void KeepFreedMemory()
    {
        if (Interlocked.Exchange(ref s_applied, 1) != 0 || !OperatingSystem.IsLinux())
        {
            return;
        }
        string? setting = Environment.GetEnvironmentVariable("SIM_MALLOC_TRIM");
        int threshold = DefaultTrimThreshold;
        if (!string.IsNullOrWhiteSpace(setting))
        {
            if (setting.Trim().Equals("default", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }
            if (!int.TryParse(setting, out threshold) || threshold < 0)
            {
                throw new SimInputException($"SIM_MALLOC_TRIM must be 'default' or a byte count in [0, {int.MaxValue}], got '{setting}'", path: "SIM_MALLOC_TRIM");
            }
        }
        try
        {
            // Setting either value stops glibc's adaptive thresholds, so both are set: without the mmap threshold every
            // block over 128 KiB (a batch of activations) would be mapped and unmapped each time (measured: Nature CNN
            // forward + backward fell from 7,644 to 4,815 samples/s with the trim threshold alone).
            // mallopt returns 1 on success; musl and other C libraries do not have it (then nothing changes).
            if (mallopt(M_MMAP_THRESHOLD, MmapThreshold) == 1 && mallopt(M_TRIM_THRESHOLD, threshold) == 1)
            {
                TrimThreshold = threshold;
            }
        }
        catch (EntryPointNotFoundException)
        {
        }
        catch (DllNotFoundException)
        {
        }
    }

    /// <summary>
    /// Bytes the C library's malloc has handed out and not had back, over all its heaps and mapped blocks (glibc's
    /// mallinfo2: uordblks + hblkhd); null where that is not available. Unlike the resident set size it does not count
    /// freed memory a heap keeps (see <see cref="KeepFreedMemory"/>), so leak checks and memory reports use it.
    /// </summary>
    public static long? InUseBytes
    {
        get
        {
            if (!OperatingSystem.IsLinux())
            {
                return null;
            }
            try
            {
                MallInfo2 info = mallinfo2();
                return (long)(info.Uordblks + info.Hblkhd);
            }
            catch (EntryPointNotFoundException)
            {
                return null;
            }
            catch (DllNotFoundException)
            {
                return null;
            }
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MallInfo2
    {
        public nuint Arena, Ordblks, Smblks, Hblks, Hblkhd, Usmblks, Fsmblks, Uordblks, Fordblks, Keepcost;
    }

    [LibraryImport("libc")]
    private static partial MallInfo2 mallinfo2();

    [LibraryImport("libc")]
    private static partial int mallopt(int param, int value);
}
