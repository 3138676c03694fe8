using Simulator.Core;
using Simulator.Torch;

namespace Simulator.Cli;

/// <summary>
/// The one place where the simulator's host changes process-wide state. The libraries never do (someone may embed
/// them in a program of their own); the CLI opts in here, at startup, before any renderer or torch use.
/// </summary>
public static class HostSetup
{
    private static int s_applied;

    /// <summary>Applies the process tuning once per process; later calls do nothing.</summary>
    public static void Apply()
    {
        if (Interlocked.Exchange(ref s_applied, 1) != 0)
        {
            return;
        }
        // glibc malloc: keep freed memory instead of trimming it. lavapipe frees and re-faults its binned scene every
        // frame and libtorch does the same with activations; measured on the 2-core dev machine: 64 cameras at 64×64
        // 1,773 -> 2,633 frames/s (kernel time 1.99 s -> 0.62 s of a 4 s run), Nature CNN forward + backward, batch
        // 512, 7,644 -> 10,283 samples/s. SIM_MALLOC_TRIM=default turns it off (see NativeHeap).
        NativeHeap.KeepFreedMemory();
        // libtorch threading, set before libtorch loads: OPENBLAS_NUM_THREADS=1 (OpenBLAS's own pool oversubscribes
        // 2 cores next to torch's threads: ~205 -> 82-90 steps/s), OMP_WAIT_POLICY=PASSIVE (libgomp's busy-waiting
        // drops to ~14 from ~70 steps/s when another process holds a core), OMP_NUM_THREADS = cores (libtorch's own
        // default is one per physical core: 1 on the 2-vCPU machine, ~25 % fewer learner samples/s). Set as variables,
        // so libtorch is not loaded by commands that do not train. Values the user exported are kept.
        TorchRuntime.ConfigureThreading();
    }
}
