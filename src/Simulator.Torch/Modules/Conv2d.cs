namespace Simulator.Torch.Modules;

/// <summary>2-D convolution with a square kernel; input [N, C, H, W].</summary>
public sealed class Conv2d : Module
{
    public Conv2d(long inChannels, long outChannels, long kernel, long stride = 1, long padding = 0, bool bias = true, Generator? generator = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(kernel, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        InChannels = inChannels;
        OutChannels = outChannels;
        Kernel = kernel;
        Stride = stride;
        Padding = padding;
        long fanIn = inChannels * kernel * kernel;
        Weight = RegisterParameter("weight", Init.DefaultUniform([outChannels, inChannels, kernel, kernel], fanIn, generator));
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
    public long OutputSize(long inputSize) => (inputSize + 2 * Padding - Kernel) / Stride + 1;

    public override Tensor Forward(Tensor input) => Functional.Conv2d(input, Weight, Bias, Stride, Padding);
}
