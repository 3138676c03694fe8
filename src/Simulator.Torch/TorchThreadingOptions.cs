namespace Simulator.Torch;

/// <summary>
/// Threading settings for <see cref="TorchRuntime.ConfigureThreading"/>. The defaults are what the simulator's CLI
/// uses; measured on a 2-core machine (Debian's libtorch 1.13 with libopenblas0-pthread, a small CNN with Adam).
/// A null setting leaves that part as libtorch, OpenBLAS or OpenMP would have it.
/// </summary>
public sealed record TorchThreadingOptions
{
    /// <summary>libtorch intra-op threads (as torch.set_num_threads). Null (the default) keeps libtorch's own default,
    /// OpenMP's one thread per core, and does not load libtorch yet; a value loads it to apply the setting.</summary>
    public int? NumThreads { get; init; }

    /// <summary>OMP_NUM_THREADS, read when libtorch loads: its intra-op thread count without loading it now. libtorch
    /// 1.13's own default is one thread per physical core, 1 on the 2-vCPU dev machine; 2 threads measured ~4,100-4,550
    /// against ~3,000-3,450 learner samples/s there (Nature CNN, batch 512). Null keeps OpenMP's default.</summary>
    public int? OmpNumThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>OPENBLAS_NUM_THREADS. OpenBLAS otherwise starts its own pool next to torch's threads and oversubscribes
    /// the cores: ~205 steps/s with 1, 82-90 with OpenBLAS's default (2 torch threads).</summary>
    public int? OpenBlasNumThreads { get; init; } = 1;

    /// <summary>OMP_WAIT_POLICY (ACTIVE or PASSIVE). libgomp busy-waits by default, which collapses when another
    /// process holds a core: Nature CNN, batch 64, 2 threads on a shared 2-core box, ~70 to ~14 steps/s; PASSIVE kept
    /// ~70-74.</summary>
    public string? OmpWaitPolicy { get; init; } = "PASSIVE";
}
