using Simulator.Torch.Interop;

namespace Simulator.Torch;

/// <summary>A libtorch optimizer over a fixed list of parameter tensors (Adam or SGD).</summary>
public abstract class Optimizer : IDisposable
{
    private nint _handle;
    private readonly Tensor[] _parameters;

    private protected unsafe Optimizer(int kind, IReadOnlyList<Tensor> parameters, double lr, double a, double b, double c, double weightDecay)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lr);
        _parameters = [.. parameters];
        Span<nint> handles = _parameters.Length <= 256 ? stackalloc nint[_parameters.Length] : new nint[_parameters.Length];
        for (int i = 0; i < _parameters.Length; i++)
        {
            handles[i] = _parameters[i].Handle.DangerousGetHandle();
        }
        fixed (nint* h = handles)
        {
            _handle = Native.Check(NativeMethods.simtorch_optim_create(kind, h, _parameters.Length, lr, a, b, c, weightDecay));
        }
        LearningRate = lr;
    }

    public IReadOnlyList<Tensor> Parameters => _parameters;

    public double LearningRate { get; private set; }

    private nint Handle => _handle != 0 ? _handle : throw new ObjectDisposedException(GetType().Name);

    public void Step()
    {
        Native.Check(NativeMethods.simtorch_optim_step(Handle));
        GC.KeepAlive(_parameters);
    }

    public void ZeroGrad() => Native.Check(NativeMethods.simtorch_optim_zero_grad(Handle));

    public void SetLearningRate(double lr)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lr);
        Native.Check(NativeMethods.simtorch_optim_set_lr(Handle, lr));
        LearningRate = lr;
    }

    /// <summary>The optimizer's state (Adam: step counts and moment estimates) in libtorch's archive format.</summary>
    public unsafe byte[] SaveState()
    {
        byte* data;
        long length;
        Native.Check(NativeMethods.simtorch_optim_save(Handle, &data, &length));
        try
        {
            return new ReadOnlySpan<byte>(data, checked((int)length)).ToArray();
        }
        finally
        {
            NativeMethods.simtorch_buffer_free(data);
        }
    }

    /// <summary>Restores state written by <see cref="SaveState"/> for the same parameter list.</summary>
    public unsafe void LoadState(ReadOnlySpan<byte> state)
    {
        fixed (byte* p = state)
        {
            Native.Check(NativeMethods.simtorch_optim_load(Handle, p, state.Length));
        }
        GC.KeepAlive(_parameters);
    }

    public void Dispose()
    {
        if (_handle != 0)
        {
            NativeMethods.simtorch_optim_free(_handle);
            _handle = 0;
        }
        GC.SuppressFinalize(this);
    }
}

/// <summary>Adam (Kingma and Ba) as in torch.optim.Adam, with L2 weight decay added to the gradient.</summary>
public sealed class Adam : Optimizer
{
    public Adam(IReadOnlyList<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0)
        : base(0, parameters, lr, beta1, beta2, eps, weightDecay) { }
}

/// <summary>Stochastic gradient descent with optional momentum, as torch.optim.SGD.</summary>
public sealed class Sgd : Optimizer
{
    public Sgd(IReadOnlyList<Tensor> parameters, double lr, double momentum = 0, double dampening = 0, bool nesterov = false, double weightDecay = 0)
        : base(1, parameters, lr, momentum, dampening, nesterov ? 1 : 0, weightDecay) { }
}
