using Simulator.Learning.Algorithms;
using Simulator.Learning.Distributions;
using Simulator.Torch;

namespace Simulator.Learning.Tests;

public class LossAndDistributionTests
{
    [Fact]
    public void ClippedPolicyLossByHand()
    {
        using var scope = TorchScope.Enter();
        // ratios 1.5 and 0.5, advantages +1 and −1, ε = 0.2:
        // min(1.5, 1.2) = 1.2; min(−0.5, −0.8) = −0.8; loss = −mean = −0.2; both clipped.
        var logp = Tensor.FromArray(new[] { Math.Log(1.5), Math.Log(0.5) }, 2);
        var old = Tensor.FromArray(new double[] { 0, 0 }, 2);
        var adv = Tensor.FromArray(new double[] { 1, -1 }, 2);
        double loss = PpoLosses.Policy(logp, old, adv, 0.2, out double clipFraction, out double kl).Item();
        Assert.Equal(-0.2, loss, 9);
        Assert.Equal(1.0, clipFraction, 9);
        Assert.Equal(((0.5 - Math.Log(1.5)) + (-0.5 - Math.Log(0.5))) / 2, kl, 9);
    }

    [Fact]
    public void PolicyLossGradientVanishesOutsideTheClip()
    {
        using var scope = TorchScope.Enter();
        var logp = Tensor.FromArray(new[] { Math.Log(1.5) }, 1);
        logp.RequiresGrad = true;
        PpoLosses.Policy(logp, Tensor.Zeros(1).To(DType.Float64), Tensor.Ones(1).To(DType.Float64), 0.2, out _, out _).Backward();
        Assert.Equal(0.0, logp.Grad!.Item());
    }

    [Fact]
    public void ValueLossPlainAndClipped()
    {
        using var scope = TorchScope.Enter();
        var v = Tensor.FromArray(new double[] { 1.4, 2.9 }, 2);
        var r = Tensor.FromArray(new double[] { 2, 2 }, 2);
        var old = Tensor.FromArray(new double[] { 1.0, 2.0 }, 2);
        Assert.Equal(0.5 * (0.36 + 0.81) / 2, PpoLosses.Value(v, r).Item(), 9);
        // clipped values 1.2 and 2.2: errors max(0.36, 0.64) and max(0.81, 0.04)
        Assert.Equal(0.5 * (0.64 + 0.81) / 2, PpoLosses.Value(v, r, old, 0.2).Item(), 9);
        Assert.Equal(-3.0, PpoLosses.Entropy(Tensor.FromArray(new double[] { 2, 4 }, 2)).Item(), 9);
    }

    [Fact]
    public void CategoricalLogProbEntropyAndSampling()
    {
        using var scope = TorchScope.Enter();
        var logits = Tensor.FromArray(new double[] { 0, 0, 0, 0, Math.Log(3), 0, 0, 0 }, 2, 4);
        var dist = new Categorical(logits);
        Assert.Equal(Math.Log(4), dist.Entropy().ToArray<double>()[0], 9);
        double[] lp = dist.LogProb(Tensor.FromArray(new long[] { 2, 0 }, 2)).ToArray<double>();
        Assert.Equal(Math.Log(0.25), lp[0], 9);
        Assert.Equal(Math.Log(0.5), lp[1], 9);
        // Row 1 picks action 0 with probability 1/2: check the Gumbel-max sampler's frequency.
        using var g = new Generator(5);
        var big = Tensor.FromArray(Enumerable.Repeat(new[] { Math.Log(3), 0.0, 0, 0 }, 4000).SelectMany(x => x).ToArray(), 4000, 4);
        long[] samples = new Categorical(big).Sample(g).ToArray<long>();
        double freq = samples.Count(s => s == 0) / 4000.0;
        Assert.InRange(freq, 0.46, 0.54);
    }

    [Fact]
    public void SquashedGaussianDensityIntegratesToOneOverTheBounds()
    {
        using var scope = TorchScope.Enter();
        const double mean = 0.3, logStd = -0.2, low = -2, high = 4;
        const int n = 20000;
        double scale = (high - low) / 2, offset = (high + low) / 2, width = (high - low) / n;
        var raw = new double[n];
        for (int i = 0; i < n; i++)
        {
            double a = low + (i + 0.5) * width;
            raw[i] = Math.Atanh((a - offset) / scale);
        }
        var dist = new SquashedGaussian(Tensor.Full([n, 1], mean, DType.Float64), Tensor.Full([1], logStd, DType.Float64), [(float)low], [(float)high]);
        double[] logp = dist.LogProb(Tensor.FromArray(raw, n, 1)).ToArray<double>();
        double integral = logp.Sum(l => Math.Exp(l) * width);
        Assert.Equal(1.0, integral, 3);
        // One point against the change-of-variables formula written out.
        double u = raw[12345], std = Math.Exp(logStd);
        double expected = -0.5 * Math.Pow((u - mean) / std, 2) - logStd - 0.5 * Math.Log(2 * Math.PI)
            - Math.Log(1 - Math.Pow(Math.Tanh(u), 2)) - Math.Log(scale);
        Assert.Equal(expected, logp[12345], 8);
        Assert.Equal(0.5 + 0.5 * Math.Log(2 * Math.PI) + logStd, dist.Entropy().ToArray<double>()[0], 9);
    }

    [Fact]
    public void EnvActionsStayInBounds()
    {
        float[] actions = new float[4];
        SquashedGaussian.ToEnvActions([0f, 100f, -100f, 0.5f], 2, [-1f, 0f], [1f, 10f], actions);
        Assert.Equal(0f, actions[0]);
        Assert.Equal(10f, actions[1]);
        Assert.Equal(-1f, actions[2]);
        Assert.Equal(5 + 5 * Math.Tanh(0.5), actions[3], 5);
    }
}
