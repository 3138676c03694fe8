namespace Simulator.Torch.Modules;

/// <summary>Normalises the last dimension to zero mean and unit variance, then applies a learned scale and shift.</summary>
public sealed class LayerNorm : Module
{
    public LayerNorm(long size, double eps = 1e-5)
    {
        Size = size;
        Eps = eps;
        Weight = RegisterParameter("weight", Tensor.Ones(size));
        Bias = RegisterParameter("bias", Tensor.Zeros(size));
    }

    public long Size { get; }
    public double Eps { get; }
    public Tensor Weight { get; }
    public Tensor Bias { get; }

    public override Tensor Forward(Tensor input) => Functional.LayerNorm(input, Size, Weight, Bias, Eps);
}
