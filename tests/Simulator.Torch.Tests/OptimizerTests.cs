using Simulator.Torch;

namespace Simulator.Torch.Tests;

public class OptimizerTests
{
    [Fact]
    public void AdamStepsMatchHandComputedValues()
    {
        using var scope = TorchScope.Enter();
        var p = Tensor.FromArray(new double[] { 1.0, -2.0 }, 2);
        p.RequiresGrad = true;
        using var adam = new Adam([p], lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8);
        // loss = sum(p^2 * c): gradient 2 c p.
        var c = Tensor.FromArray(new double[] { 1.0, 0.5 }, 2);
        double[] m = new double[2], v = new double[2], expected = { 1.0, -2.0 };
        double[] coef = { 1.0, 0.5 };
        for (int t = 1; t <= 3; t++)
        {
            adam.ZeroGrad();
            (p.Square() * c).Sum().Backward();
            adam.Step();
            for (int i = 0; i < 2; i++)
            {
                double g = 2 * coef[i] * expected[i];
                m[i] = 0.9 * m[i] + 0.1 * g;
                v[i] = 0.999 * v[i] + 0.001 * g * g;
                double mHat = m[i] / (1 - Math.Pow(0.9, t));
                double vHat = v[i] / (1 - Math.Pow(0.999, t));
                expected[i] -= 0.1 * mHat / (Math.Sqrt(vHat) + 1e-8);
            }
            double[] actual = p.ToArray<double>();
            Assert.Equal(expected[0], actual[0], 12);
            Assert.Equal(expected[1], actual[1], 12);
        }
    }

    [Fact]
    public void SgdAndLearningRateChange()
    {
        using var scope = TorchScope.Enter();
        var p = Tensor.FromArray(new double[] { 1.0 }, 1);
        p.RequiresGrad = true;
        using var sgd = new Sgd([p], lr: 0.5);
        (p * 2.0).Sum().Backward();
        sgd.Step();
        Assert.Equal(0.0, p.Item(), 12);
        sgd.SetLearningRate(0.25);
        Assert.Equal(0.25, sgd.LearningRate);
        sgd.ZeroGrad();
        (p * 2.0).Sum().Backward();
        sgd.Step();
        Assert.Equal(-0.5, p.Item(), 12);
    }
}

public class OptimizerStateTests
{
    private static Tensor Param(double[] values)
    {
        var p = Tensor.FromArray(values, values.Length).DetachFromScope();
        p.RequiresGrad = true;
        return p;
    }

    private static void Step(Optimizer o, Tensor p)
    {
        using var scope = TorchScope.Enter();
        o.ZeroGrad();
        (p.Square() * Tensor.FromArray(new double[] { 1, 3 }, 2)).Sum().Backward();
        o.Step();
    }

    [Fact]
    public void AdamStateRoundTripContinuesExactly()
    {
        using var a = Param([1.0, -2.0]);
        using var adamA = new Adam([a], lr: 0.05);
        for (int i = 0; i < 3; i++)
        {
            Step(adamA, a);
        }
        byte[] state = adamA.SaveState();
        using var b = Param(a.ToArray<double>());
        using var c = Param(a.ToArray<double>());
        using var adamB = new Adam([b], lr: 0.05);
        using var adamC = new Adam([c], lr: 0.05);
        adamB.LoadState(state);
        Step(adamA, a);
        Step(adamB, b);
        Step(adamC, c); // fresh moments: a different step
        Assert.Equal(a.ToArray<double>(), b.ToArray<double>());
        Assert.NotEqual(a.ToArray<double>(), c.ToArray<double>());
        Assert.Throws<TorchException>(() => adamC.LoadState([1, 2, 3]));
    }
}
