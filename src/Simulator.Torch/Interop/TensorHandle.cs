using System.Runtime.InteropServices;

namespace Simulator.Torch.Interop;

/// <summary>Owns one native tensor handle (a heap <c>at::Tensor</c>); releasing it drops that reference.</summary>
internal sealed class TensorHandle : SafeHandle
{
    public TensorHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.simtorch_tensor_free(handle);
        return true;
    }
}
