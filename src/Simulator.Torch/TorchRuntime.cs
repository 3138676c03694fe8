using System.Runtime.InteropServices;
using Simulator.Core;
using Simulator.Torch.Interop;

namespace Simulator.Torch;

/// <summary>Process-wide libtorch settings. The binding changes nothing process-wide on its own: a host that wants the
/// tuned threading calls <see cref="ConfigureThreading"/> once, before the first use of any torch type.</summary>
public static unsafe class TorchRuntime
{
    private static readonly Lock s_configureLock = new();
    private static TorchThreadingOptions? s_configured;

    /// <summary>
    /// Host opt-in: sets OPENBLAS_NUM_THREADS and OMP_WAIT_POLICY in the native environment (libc setenv, which is what
    /// OpenBLAS and libgomp read when libtorch loads; a value already set in the environment is kept) and, when
    /// <see cref="TorchThreadingOptions.NumThreads"/> is given, loads libtorch and sets its intra-op threads. See <see cref="TorchThreadingOptions"/> for the measured reasons.
    /// <para>Contract: call it before anything else in this library. Called after libtorch was loaded in this process
    /// it throws <see cref="InvalidOperationException"/> (the environment would no longer reach OpenBLAS and OpenMP, and
    /// a silent no-op would hide that); called again with equal options it does nothing.</para>
    /// </summary>
    public static void ConfigureThreading(TorchThreadingOptions? options = null)
    {
        options ??= new TorchThreadingOptions();
        Validate(options);
        lock (s_configureLock)
        {
            if (s_configured != null)
            {
                if (s_configured == options)
                {
                    return;
                }
                throw new InvalidOperationException("TorchRuntime.ConfigureThreading was already called with other options; call it once, at startup");
            }
            if (IsNativeLoaded())
            {
                throw new InvalidOperationException("TorchRuntime.ConfigureThreading must be called before the first use of Simulator.Torch (libtorch is already loaded, so OpenBLAS and OpenMP have read their settings); call it at host startup");
            }
            if (!OperatingSystem.IsWindows())
            {
                if (options.OpenBlasNumThreads is int blas)
                {
                    SetIfUnset("OPENBLAS_NUM_THREADS", blas.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
                if (options.OmpNumThreads is int omp)
                {
                    SetIfUnset("OMP_NUM_THREADS", omp.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
                if (options.OmpWaitPolicy is string policy)
                {
                    SetIfUnset("OMP_WAIT_POLICY", policy.ToUpperInvariant());
                }
            }
            if (options.NumThreads is int threads)
            {
                Native.Check(NativeMethods.simtorch_set_num_threads(threads));
            }
            s_configured = options;
        }
    }

    /// <summary>The options applied by <see cref="ConfigureThreading"/> (null: the host did not opt in).</summary>
    public static TorchThreadingOptions? ThreadingConfiguration
    {
        get
        {
            lock (s_configureLock)
            {
                return s_configured;
            }
        }
    }

    public static string Version => Marshal.PtrToStringUTF8((nint)NativeMethods.simtorch_version()) ?? "?";

    public static bool CudaAvailable => NativeMethods.simtorch_cuda_available() != 0;

    public static int CudaDeviceCount => NativeMethods.simtorch_cuda_device_count();

    /// <summary>Seeds libtorch's global generators (CPU and CUDA), used where no <see cref="Generator"/> is given.</summary>
    public static void ManualSeed(ulong seed) => Native.Check(NativeMethods.simtorch_manual_seed(seed));

    public static int NumThreads
    {
        get => Native.Check(NativeMethods.simtorch_get_num_threads());
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            Native.Check(NativeMethods.simtorch_set_num_threads(value));
        }
    }

    /// <summary>The OPENBLAS_NUM_THREADS value the native side sees (null if unset).</summary>
    public static string? NativeOpenBlasThreads => NativeEnvironment("OPENBLAS_NUM_THREADS");

    /// <summary>A variable as the C library (and so libtorch, OpenBLAS, OpenMP) sees it; null if unset.</summary>
    public static string? NativeEnvironment(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (OperatingSystem.IsWindows())
        {
            return Environment.GetEnvironmentVariable(name);
        }
        byte* value = LibC.getenv(name);
        return value == null ? null : Marshal.PtrToStringUTF8((nint)value);
    }

    /// <summary>Resolves a device option: "auto" (CUDA when available, else CPU), "cpu" or "cuda".</summary>
    public static Device ResolveDevice(string selection, string? optionName = null)
    {
        switch (selection.Trim().ToLowerInvariant())
        {
            case "auto":
                return CudaAvailable ? Device.Cuda : Device.Cpu;
            case "cpu":
                return Device.Cpu;
            case "cuda":
                if (!CudaAvailable)
                {
                    throw new SimInputException("device 'cuda' was requested but this libtorch has no usable CUDA device",
                        path: optionName, hint: "use 'auto' or 'cpu', or build with SIM_LIBTORCH pointing at a CUDA libtorch");
                }
                return Device.Cuda;
            default:
                throw new SimInputException($"unknown device '{selection}'", path: optionName, hint: "expected auto, cpu or cuda");
        }
    }

    private static void Validate(TorchThreadingOptions options)
    {
        if (options.NumThreads is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"NumThreads must be at least 1, got {options.NumThreads}");
        }
        if (options.OmpNumThreads is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"OmpNumThreads must be at least 1, got {options.OmpNumThreads}");
        }
        if (options.OpenBlasNumThreads is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"OpenBlasNumThreads must be at least 1, got {options.OpenBlasNumThreads}");
        }
        if (options.OmpWaitPolicy is string p && !p.Equals("PASSIVE", StringComparison.OrdinalIgnoreCase) && !p.Equals("ACTIVE", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"OmpWaitPolicy must be ACTIVE or PASSIVE, got '{p}'");
        }
    }

    private static void SetIfUnset(string name, string value)
    {
        if (LibC.getenv(name) == null && LibC.setenv(name, value, 0) != 0)
        {
            throw new InvalidOperationException($"setenv({name}) failed");
        }
    }

    /// <summary>Whether libsimtorch (and with it libtorch, OpenBLAS, OpenMP) is mapped into this process. Read from
    /// /proc/self/maps, so no load hook is needed in the bindings; where that file does not exist it answers false.</summary>
    private static bool IsNativeLoaded()
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps))
        {
            return false;
        }
        foreach (string line in File.ReadLines(maps))
        {
            if (line.EndsWith("/libsimtorch.so", StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
