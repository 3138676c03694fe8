namespace Simulator.Torch.Modules;

/// <summary>Parameter initialisers (values drawn on the CPU, so a generator seed gives the same net on any device).</summary>
public static class Init
{
    /// <summary>PyTorch's default for Linear/Conv weights and biases: U(-1/sqrt(fanIn), 1/sqrt(fanIn)).</summary>
    public static Tensor DefaultUniform(ReadOnlySpan<long> shape, long fanIn, Generator? generator)
    {
        double bound = 1.0 / Math.Sqrt(fanIn);
        return Tensor.Uniform(shape, -bound, bound, generator);
    }

    /// <summary>Multiplies a parameter in place without recording autograd (e.g. 0.01 for a policy head).</summary>
    public static void Scale(Tensor parameter, double factor)
    {
        using (GradMode.NoGrad())
        {
            using Tensor scaled = parameter * factor;
            parameter.CopyFrom(scaled);
        }
    }
}
