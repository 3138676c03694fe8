using System.Runtime.InteropServices;
using Simulator.Torch.Interop;

namespace Simulator.Torch;

/// <summary>Turns the shim's error convention (null handle / negative status + thread-local message) into exceptions.</summary>
internal static unsafe class Native
{
    public static string LastError()
    {
        byte* message = NativeMethods.simtorch_last_error();
        return message == null ? "unknown libtorch error" : Marshal.PtrToStringUTF8((nint)message) ?? "unknown libtorch error";
    }

    public static int Check(int status)
    {
        if (status < 0)
        {
            throw new TorchException(LastError());
        }
        return status;
    }

    public static long Check(long status)
    {
        if (status < 0)
        {
            throw new TorchException(LastError());
        }
        return status;
    }

    public static nint Check(nint handle)
    {
        if (handle == 0)
        {
            throw new TorchException(LastError());
        }
        return handle;
    }

    public static TensorHandle Check(TensorHandle handle)
    {
        if (handle.IsInvalid)
        {
            handle.Dispose();
            throw new TorchException(LastError());
        }
        return handle;
    }
}
