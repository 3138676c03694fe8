namespace Simulator.Torch.Modules;

/// <summary>Transposed 2-D convolution with a square kernel (learned upsampling); input [N, C, H, W].</summary>
public sealed class ConvTranspose2d : Module
{
    public ConvTranspose2d(long inChannels, long outChannels, long kernel, long stride = 1, long padding = 0, bool bias = true, Generator? generator = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(kernel, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        InChannels = inChannels;
        OutChannels = outChannels;
        Kernel = kernel;
        Stride = stride;
        Padding = padding;
        // libtorch's default: fan-in computed from weight dim 1 (out channels) x kernel area.
        long fanIn = outChannels * kernel * kernel;
        Weight = RegisterParameter("weight", Init.DefaultUniform([inChannels, outChannels, kernel, kernel], fanIn, generator));
        if (bias)
        {
            Bias = RegisterParameter("bias", Init.DefaultUniform([outChannels], fanIn, generator));
        }
    }

    public long InChannels { get; }
    public long OutChannels { get; }
    public long Kernel { get; }
    public long Stride { get; }
    public long Padding { get; }
    public Tensor Weight { get; }
    public Tensor? Bias { get; }

    /// <summary>Output side length for an input side length.</summary>
    public long OutputSize(long inputSize) => (inputSize - 1) * Stride - 2 * Padding + Kernel;

    public override Tensor Forward(Tensor input) => Functional.ConvTranspose2d(input, Weight, Bias, Stride, Padding);
}
