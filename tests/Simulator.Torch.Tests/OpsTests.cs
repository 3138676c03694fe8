using Simulator.Torch;

namespace Simulator.Torch.Tests;

public class OpsTests
{
    private static float[] Values(Tensor t) => t.To(DType.Float32).ToArray<float>();

    [Fact]
    public void ElementwiseAndScalarOpsMatchHandValues()
    {
        using var scope = TorchScope.Enter();
        var a = Tensor.FromArray(new float[] { 1, 2, 3, 4 }, 2, 2);
        var b = Tensor.FromArray(new float[] { 0.5f, -1, 2, 0 }, 2, 2);
        Assert.Equal(new float[] { 1.5f, 1, 5, 4 }, Values(a + b));
        Assert.Equal(new float[] { 0.5f, 3, 1, 4 }, Values(a - b));
        Assert.Equal(new float[] { 0.5f, -2, 6, 0 }, Values(a * b));
        Assert.Equal(new float[] { 2, -2, 1.5f, float.PositiveInfinity }, Values(a / b));
        Assert.Equal(new float[] { 9, 8, 7, 6 }, Values(10.0 - a));
        Assert.Equal(new float[] { 1, 4, 9, 16 }, Values(a.Pow(2)));
        Assert.Equal(new float[] { 2, 2, 3, 3 }, Values(a.Clamp(2, 3)));
        Assert.Equal(new float[] { 0.5f, 0, 2, 0 }, Values(b.Relu()));
        Assert.Equal(new float[] { -1, -2, -3, -4 }, Values(-a));
        Assert.Equal(1.0, a.Log().ToArray<float>()[0] + 1, 6);
        Assert.Equal(Math.Exp(2), a.Exp().ToArray<float>()[1], 4);
        Assert.Equal(Math.Tanh(0.5), b.Tanh().ToArray<float>()[0], 6);
        Assert.Equal(1 / (1 + Math.Exp(1)), b.Sigmoid().ToArray<float>()[1], 6);
        Assert.Equal(Math.Exp(-1) - 1, Functional.Elu(b).ToArray<float>()[1], 6);
    }

    [Fact]
    public void MatMulAndLinearMatchHandValues()
    {
        using var scope = TorchScope.Enter();
        var a = Tensor.FromArray(new double[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        var b = Tensor.FromArray(new double[] { 7, 8, 9, 10, 11, 12 }, 3, 2);
        Assert.Equal(new double[] { 58, 64, 139, 154 }, a.MatMul(b).ToArray<double>());
        var w = Tensor.FromArray(new double[] { 1, 0, -1, 2, 1, 0 }, 2, 3);
        var bias = Tensor.FromArray(new double[] { 0.5, -0.5 }, 2);
        Assert.Equal(new double[] { -1.5, 3.5, -1.5, 12.5 }, Functional.Linear(a, w, bias).ToArray<double>());
    }

    [Fact]
    public void ReductionsAndSoftmax()
    {
        using var scope = TorchScope.Enter();
        var a = Tensor.FromArray(new double[] { 1, 5, 3, 2, 0, 7 }, 2, 3);
        Assert.Equal(18, a.Sum().Item());
        Assert.Equal(new double[] { 9, 9 }, a.Sum(1).ToArray<double>());
        Assert.Equal(new double[] { 1.5, 2.5, 5 }, a.Mean(0).ToArray<double>());
        Assert.Equal(7, a.Max().Item());
        Assert.Equal(new double[] { 5, 7 }, a.Max(1).ToArray<double>());
        Assert.Equal(new double[] { 1, 0 }, a.Min(1).ToArray<double>());
        Assert.Equal(new long[] { 1, 2 }, a.ArgMax(1).ToArray<long>());
        Assert.Equal(5L, (long)a.ArgMax().Item());
        var s = a.Softmax(1).ToArray<double>();
        double z = Math.Exp(1) + Math.Exp(5) + Math.Exp(3);
        Assert.Equal(Math.Exp(5) / z, s[1], 12);
        Assert.Equal(Math.Log(Math.Exp(3) / z), a.LogSoftmax(1).ToArray<double>()[2], 12);
        Assert.Equal(Math.Log(z), a.LogSumExp(1).ToArray<double>()[0], 12);
        Assert.Equal(35.0 / 12.0, Tensor.FromArray(new double[] { 1, 2, 3, 4, 5, 6 }, 6).Var().Item(), 12);
    }

    [Fact]
    public void ShapeOps()
    {
        using var scope = TorchScope.Enter();
        var a = Tensor.FromArray(new float[] { 0, 1, 2, 3, 4, 5 }, 2, 3);
        Assert.Equal(new long[] { 3, 2 }, a.Reshape(3, 2).Shape);
        Assert.Equal(new float[] { 0, 3, 1, 4, 2, 5 }, Values(a.Permute(1, 0).Contiguous()));
        Assert.Equal(new float[] { 1, 2, 4, 5 }, Values(a.Slice(1, 1, 3)));
        Assert.Equal(new long[] { 4, 3 }, Tensor.Cat([a, a], 0).Shape);
        Assert.Equal(new long[] { 2, 2, 3 }, Tensor.Stack([a, a], 0).Shape);
        var idx = Tensor.FromArray(new long[] { 2, 0 }, 2, 1);
        Assert.Equal(new float[] { 2, 3 }, Values(a.Gather(1, idx)));
        Assert.Equal(new float[] { 2, 0, 5, 3 }, Values(a.IndexSelect(1, Tensor.FromArray(new long[] { 2, 0 }, 2))));
        Assert.Equal(new long[] { 2, 3 }, a.Shape);
        Assert.Equal(3, a.Size(-1));
        Assert.Equal(DType.Float32, a.DType);
        Assert.Equal(Device.Cpu, a.Device);
        Assert.Equal(new double[] { 0, 1, 2, 3, 4, 5 }, a.To(DType.Float64).ToArray<double>());
        var cond = a.Gt(2.5);
        Assert.Equal(new float[] { 0, 0, 0, 3, 4, 5 }, Values(Tensor.Where(cond, a, Tensor.Zeros(2, 3))));
    }

    [Fact]
    public void ConvolutionAndPoolingMatchHandValues()
    {
        using var scope = TorchScope.Enter();
        // 1×1×3×3 input 1..9, 2×2 kernel of ones, stride 1: sums of each 2×2 window.
        var x = Tensor.FromArray(new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, 1, 1, 3, 3);
        var w = Tensor.Ones(1, 1, 2, 2);
        var b = Tensor.FromArray(new float[] { 0.5f }, 1);
        Assert.Equal(new float[] { 12.5f, 16.5f, 24.5f, 28.5f }, Values(Functional.Conv2d(x, w, b)));
        Assert.Equal(new float[] { 5, 6, 8, 9 }, Values(Functional.MaxPool2d(x, 2, 1)));
        Assert.Equal(new float[] { 3, 4, 6, 7 }, Values(Functional.AvgPool2d(x, 2, 1)));
        // Padding 1, stride 2 on a 3×3 input gives 2×2: corners see only their 2×2 neighbourhood.
        Assert.Equal(new float[] { 1, 5, 11, 28 }, Values(Functional.Conv2d(x, w, null, stride: 2, padding: 1)));
    }

    [Fact]
    public void Transposed_convolution_spreads_each_input_over_its_kernel()
    {
        using var scope = TorchScope.Enter();
        // 2×2 input, 2×2 kernel of ones, stride 2: each input value fills its own 2×2 block of the 4×4 output.
        var x = Tensor.FromArray(new float[] { 1, 2, 3, 4 }, 1, 1, 2, 2);
        var w = Tensor.Ones(1, 1, 2, 2);
        Assert.Equal(new float[] { 1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4 }, Values(Functional.ConvTranspose2d(x, w, null, stride: 2)));
        // Stride 1 overlaps the blocks: the centre of the 3×3 output sums all four inputs, plus the bias.
        var b = Tensor.FromArray(new float[] { 0.5f }, 1);
        Assert.Equal(new float[] { 1.5f, 3.5f, 2.5f, 4.5f, 10.5f, 6.5f, 3.5f, 7.5f, 4.5f }, Values(Functional.ConvTranspose2d(x, w, b)));
        using var m = new Simulator.Torch.Modules.ConvTranspose2d(3, 5, kernel: 4, stride: 2, padding: 1);
        Assert.Equal([2, 5, 12, 12], m.Forward(Tensor.Zeros(2, 3, 6, 6)).Shape);
        Assert.Equal(12, m.OutputSize(6));
    }

    [Fact]
    public void LayerNormAndMse()
    {
        using var scope = TorchScope.Enter();
        var x = Tensor.FromArray(new double[] { 1, 2, 3, 4 }, 1, 4);
        var y = Functional.LayerNorm(x, 4, null, null, 0).ToArray<double>();
        double sd = Math.Sqrt(1.25);
        Assert.Equal(-1.5 / sd, y[0], 12);
        Assert.Equal(1.5 / sd, y[3], 12);
        var t = Tensor.FromArray(new double[] { 0, 2, 3, 6 }, 1, 4);
        Assert.Equal((1 + 0 + 0 + 4) / 4.0, x.MseLoss(t).Item(), 12);
    }

    [Fact]
    public void NoCopyTensorSeesArrayChanges()
    {
        var buffer = new float[] { 1, 2, 3 };
        using var t = Tensor.FromArrayNoCopy(buffer, 3);
        using var scope = TorchScope.Enter();
        Assert.Equal(6, t.Sum().Item());
        buffer[0] = 10;
        Assert.Equal(15, t.Sum().Item());
    }
}
