using System.Runtime.InteropServices;

namespace Simulator.Core;

/// <summary>
/// Sleeps shorter than a millisecond (<see cref="Thread.Sleep(int)"/> rounds to whole milliseconds): for a background
/// thread that polls a queue while work arrives quickly, so that the producer never has to wake it with a system call
/// (in a virtual machine waking a sleeping thread on an idle CPU costs tens of microseconds).
/// </summary>
public static partial class Nap
{
    /// <summary>Sleeps about <paramref name="microseconds"/> µs (plus the kernel's timer slack, about 50 µs on Linux).</summary>
    public static void For(int microseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(microseconds);
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD())
        {
            var request = new TimeSpec { Seconds = microseconds / 1_000_000, Nanoseconds = microseconds % 1_000_000 * 1000L };
            nanosleep(in request, IntPtr.Zero); // an early wake by a signal only shortens the nap
        }
        else
        {
            Thread.Sleep(Math.Max(1, (microseconds + 999) / 1000));
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc")]
    private static partial int nanosleep(in TimeSpec request, IntPtr remaining);
}
