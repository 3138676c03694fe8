using Simulator.Torch.Interop;

namespace Simulator.Torch;

/// <summary>Thread-local autograd switch: <c>using (GradMode.NoGrad()) { ... }</c> records no graph inside.</summary>
public readonly struct GradMode : IDisposable
{
    private readonly int _previous;

    private GradMode(int previous) => _previous = previous;

    public static bool IsEnabled
    {
        get
        {
            int previous = Native.Check(NativeMethods.simtorch_grad_mode(1));
            Native.Check(NativeMethods.simtorch_grad_mode(previous));
            return previous != 0;
        }
    }

    public static GradMode NoGrad() => new(Native.Check(NativeMethods.simtorch_grad_mode(0)) + 1);

    public static GradMode EnableGrad() => new(Native.Check(NativeMethods.simtorch_grad_mode(1)) + 1);

    // _previous is stored +1 so default(GradMode).Dispose() does nothing.
    public void Dispose()
    {
        if (_previous != 0)
        {
            Native.Check(NativeMethods.simtorch_grad_mode(_previous - 1));
        }
    }
}
