using Simulator.Torch;

namespace Simulator.Torch.Tests;

/// <summary>Autograd against central finite differences, in float64.</summary>
public class GradientTests
{
    private static void CheckGradient(double[] x0, long[] shape, Func<Tensor, Tensor> f, double tol = 1e-6)
    {
        using var scope = TorchScope.Enter();
        var x = Tensor.FromArray(x0, shape);
        x.RequiresGrad = true;
        f(x).Backward();
        double[] analytic = x.Grad!.ToArray<double>();
        const double h = 1e-6;
        for (int i = 0; i < x0.Length; i++)
        {
            var plus = (double[])x0.Clone();
            var minus = (double[])x0.Clone();
            plus[i] += h;
            minus[i] -= h;
            double fp = f(Tensor.FromArray(plus, shape)).Item();
            double fm = f(Tensor.FromArray(minus, shape)).Item();
            double numeric = (fp - fm) / (2 * h);
            Assert.True(Math.Abs(numeric - analytic[i]) <= tol * (1 + Math.Abs(numeric)),
                $"element {i}: autograd {analytic[i]} vs finite difference {numeric}");
        }
    }

    private static readonly double[] s_x = [0.3, -1.2, 0.7, 2.1, -0.4, 1.5];

    [Fact]
    public void ElementwiseOps() => CheckGradient(s_x, [2, 3], x => (x.Tanh() * x.Exp() + x.Sigmoid().Log() - x.Square() / 3.0).Sum());

    [Fact]
    public void SoftmaxGatherAndLogSumExp() => CheckGradient(s_x, [2, 3], x =>
    {
        var idx = Tensor.FromArray(new long[] { 2, 0 }, 2, 1);
        return x.LogSoftmax(1).Gather(1, idx).Sum() + x.LogSumExp(0).Mean() + x.Softmax(0).Pow(2).Sum();
    });

    [Fact]
    public void MatMulReshapeAndClamp() => CheckGradient(s_x, [2, 3], x =>
    {
        var w = Tensor.FromArray(new double[] { 1, -2, 0.5, 0.3, 0.1, -1 }, 3, 2);
        return x.MatMul(w).Reshape(4).Clamp(-1, 1.9).Square().Sum() + x.Permute(1, 0).Slice(0, 1, 3).Abs().Mean();
    });

    [Fact]
    public void SmallConvNet()
    {
        var rng = new Random(7);
        double[] input = new double[2 * 2 * 6 * 6];
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = rng.NextDouble() * 2 - 1;
        }
        double[] w1 = new double[3 * 2 * 3 * 3];
        for (int i = 0; i < w1.Length; i++)
        {
            w1[i] = rng.NextDouble() - 0.5;
        }
        // Gradient with respect to the input through conv → ELU → pool → linear → tanh.
        CheckGradient(input, [2, 2, 6, 6], x =>
        {
            var w = Tensor.FromArray(w1, 3, 2, 3, 3);
            var b = Tensor.FromArray(new double[] { 0.1, -0.2, 0.05 }, 3);
            var h = Functional.Elu(Functional.Conv2d(x, w, b, stride: 1, padding: 1));
            h = Functional.AvgPool2d(h, 2, 2).Flatten();
            var lw = Tensor.Full([2, 27], 0.05, DType.Float64);
            return Functional.Linear(h, lw, null).Tanh().Sum();
        }, 1e-5);
    }

    [Fact]
    public void NoGradScopeRecordsNothingAndDetachCuts()
    {
        using var scope = TorchScope.Enter();
        var x = Tensor.FromArray(new double[] { 1, 2 }, 2);
        x.RequiresGrad = true;
        using (GradMode.NoGrad())
        {
            Assert.False(GradMode.IsEnabled);
            Assert.False((x * 2.0).RequiresGrad);
        }
        Assert.True(GradMode.IsEnabled);
        Assert.False(x.Detach().RequiresGrad);
        Assert.Null(x.Grad);
        (x * 3.0).Sum().Backward();
        Assert.Equal(new double[] { 3, 3 }, x.Grad!.ToArray<double>());
        (x * 3.0).Sum().Backward();
        Assert.Equal(new double[] { 6, 6 }, x.Grad!.ToArray<double>());
        x.ZeroGrad();
        Assert.Equal(new double[] { 0, 0 }, x.Grad!.ToArray<double>());
    }

    [Fact]
    public void ClipGradNormScalesToMaxNorm()
    {
        using var scope = TorchScope.Enter();
        var a = Tensor.FromArray(new double[] { 0, 0 }, 2);
        var b = Tensor.FromArray(new double[] { 0 }, 1);
        a.RequiresGrad = true;
        b.RequiresGrad = true;
        // grads: a = (3, 0), b = (4) → total norm 5.
        (a * Tensor.FromArray(new double[] { 3, 0 }, 2)).Sum().Add((b * 4.0).Sum()).Backward();
        double norm = Tensor.ClipGradNorm([a, b], 1.0);
        Assert.Equal(5, norm, 9);
        Assert.Equal(0.6, a.Grad!.ToArray<double>()[0], 5);
        Assert.Equal(0.8, b.Grad!.ToArray<double>()[0], 5);
    }
}
