using Simulator.Torch.Modules;

namespace Simulator.Perception.Models;

/// <summary>Counts the multiply-accumulates of a network's convolutions for one frame (FLOPs ≈ 2 × MACs; the
/// element-wise ReLU/Add/Sigmoid are a few thousand operations and left out).</summary>
public sealed class NetworkCost
{
    public long MultiplyAccumulates { get; private set; }

    public long Flops => 2 * MultiplyAccumulates;

    /// <summary>Adds a convolution on a square input of side <paramref name="inputSize"/>; returns the output side.</summary>
    public long Conv(Conv2d m, long inputSize)
    {
        long o = m.OutputSize(inputSize);
        MultiplyAccumulates += o * o * m.OutChannels * m.InChannels * m.Kernel * m.Kernel;
        return o;
    }

    /// <summary>Adds a transposed convolution (every input pixel scatters a k×k×out patch); returns the output side.</summary>
    public long ConvTranspose(ConvTranspose2d m, long inputSize)
    {
        MultiplyAccumulates += inputSize * inputSize * m.InChannels * m.OutChannels * m.Kernel * m.Kernel;
        return m.OutputSize(inputSize);
    }
}
