namespace Simulator.Torch.Modules;

// Parameterless layers, grouped because each is one line.
public sealed class ReLU : Module
{
    public override Tensor Forward(Tensor input) => input.Relu();
}

public sealed class Tanh : Module
{
    public override Tensor Forward(Tensor input) => input.Tanh();
}

public sealed class ELU(double alpha = 1.0) : Module
{
    public double Alpha { get; } = alpha;

    public override Tensor Forward(Tensor input) => Functional.Elu(input, Alpha);
}

/// <summary>[N, ...] to [N, prod(...)].</summary>
public sealed class Flatten : Module
{
    public override Tensor Forward(Tensor input) => input.Flatten();
}
