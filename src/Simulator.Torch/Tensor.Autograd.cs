using Simulator.Torch.Interop;

namespace Simulator.Torch;

public sealed partial class Tensor
{
    public bool RequiresGrad
    {
        get => Native.Check(NativeMethods.simtorch_requires_grad(Handle)) != 0;
        set => Native.Check(NativeMethods.simtorch_set_requires_grad(Handle, value ? 1 : 0));
    }

    /// <summary>Accumulates gradients of this tensor (a scalar unless <paramref name="gradient"/> is given) into the leaves.</summary>
    public void Backward(Tensor? gradient = null)
    {
        Native.Check(NativeMethods.simtorch_backward(Handle, gradient?.Handle.DangerousGetHandle() ?? 0));
        GC.KeepAlive(gradient);
    }

    /// <summary>The accumulated gradient (shares storage with it), or null before any backward pass.</summary>
    public unsafe Tensor? Grad
    {
        get
        {
            int has = -1; // stays -1 only when the call failed
            TensorHandle handle = NativeMethods.simtorch_grad(Handle, &has);
            if (has < 0)
            {
                Native.Check(handle);
            }
            if (has == 0)
            {
                handle.Dispose();
                return null;
            }
            return new Tensor(handle);
        }
    }

    /// <summary>Zeroes the accumulated gradient, if any.</summary>
    public void ZeroGrad() => Native.Check(NativeMethods.simtorch_zero_grad(Handle));

    /// <summary>Scales the gradients of <paramref name="parameters"/> so their joint L2 norm is at most
    /// <paramref name="maxNorm"/>; returns the norm before clipping.</summary>
    public static unsafe double ClipGradNorm(IReadOnlyList<Tensor> parameters, double maxNorm)
    {
        Span<nint> handles = parameters.Count <= 256 ? stackalloc nint[parameters.Count] : new nint[parameters.Count];
        for (int i = 0; i < parameters.Count; i++)
        {
            handles[i] = parameters[i].Handle.DangerousGetHandle();
        }
        double norm;
        fixed (nint* h = handles)
        {
            Native.Check(NativeMethods.simtorch_clip_grad_norm(h, parameters.Count, maxNorm, &norm));
        }
        GC.KeepAlive(parameters);
        return norm;
    }
}
