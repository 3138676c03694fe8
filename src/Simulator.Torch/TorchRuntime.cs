using System.Runtime.InteropServices;
using Simulator.Core;
using Simulator.Torch.Interop;

namespace Simulator.Torch;

/// <summary>Process-wide libtorch settings. The first use of any torch type sets torch threads to the core count
/// and OPENBLAS_NUM_THREADS=1 (see NativeMethods' static constructor for why).</summary>
public static unsafe class TorchRuntime
{
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
    public static string? NativeOpenBlasThreads
    {
        get
        {
            _ = NativeMethods.simtorch_cuda_available(); // make sure the static constructor ran
            byte* value = NativeMethods.getenv("OPENBLAS_NUM_THREADS");
            return value == null ? null : Marshal.PtrToStringUTF8((nint)value);
        }
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
}
