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
