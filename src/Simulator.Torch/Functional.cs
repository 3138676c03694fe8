using Simulator.Torch.Interop;

namespace Simulator.Torch;

/// <summary>Layer ops used by the modules (stateless; weights are passed in).</summary>
public static class Functional
{
    private static nint Ptr(Tensor? t) => t?.Handle.DangerousGetHandle() ?? 0;

    /// <summary>2-D convolution; x [N,C,H,W], weight [O,C,k,k], square stride and padding.</summary>
    public static Tensor Conv2d(Tensor x, Tensor weight, Tensor? bias, long stride = 1, long padding = 0)
    {
        var y = new Tensor(NativeMethods.simtorch_conv2d(x.Handle, weight.Handle, Ptr(bias), stride, padding));
        GC.KeepAlive(bias);
        return y;
    }

    /// <summary>Transposed 2-D convolution (the gradient of <see cref="Conv2d"/>); weight [in, out, k, k].</summary>
    public static Tensor ConvTranspose2d(Tensor x, Tensor weight, Tensor? bias, long stride = 1, long padding = 0)
    {
        var y = new Tensor(NativeMethods.simtorch_conv_transpose2d(x.Handle, weight.Handle, Ptr(bias), stride, padding));
        GC.KeepAlive(bias);
        return y;
    }

    /// <summary>x W^T + b; weight [out, in].</summary>
    public static Tensor Linear(Tensor x, Tensor weight, Tensor? bias)
    {
        var y = new Tensor(NativeMethods.simtorch_linear(x.Handle, weight.Handle, Ptr(bias)));
        GC.KeepAlive(bias);
        return y;
    }

    public static Tensor MaxPool2d(Tensor x, long kernel, long stride, long padding = 0)
        => new(NativeMethods.simtorch_pool2d(x.Handle, 1, kernel, stride, padding));

    public static Tensor AvgPool2d(Tensor x, long kernel, long stride, long padding = 0)
        => new(NativeMethods.simtorch_pool2d(x.Handle, 0, kernel, stride, padding));

    /// <summary>Normalises over the last dimension (of size <paramref name="size"/>).</summary>
    public static Tensor LayerNorm(Tensor x, long size, Tensor? weight, Tensor? bias, double eps = 1e-5)
    {
        var y = new Tensor(NativeMethods.simtorch_layer_norm(x.Handle, size, Ptr(weight), Ptr(bias), eps));
        GC.KeepAlive(weight);
        GC.KeepAlive(bias);
        return y;
    }

    public static Tensor Elu(Tensor x, double alpha = 1.0) => new(NativeMethods.simtorch_elu(x.Handle, alpha));
}
