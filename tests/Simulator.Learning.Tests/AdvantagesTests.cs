using Simulator.Learning.Algorithms;

namespace Simulator.Learning.Tests;

public class AdvantagesTests
{
    [Fact]
    public void GaeMatchesHandWorkedExample()
    {
        // γ = 0.9, λ = 0.8; the episode ends with step 1. Worked by hand:
        // t=2: δ = 3 + 0.9·2.0 − 1.5 = 3.3, A = 3.3
        // t=1: δ = 2 − 1.0 = 1.0 (done: no bootstrap), A = 1.0
        // t=0: δ = 1 + 0.9·1.0 − 0.5 = 1.4, A = 1.4 + 0.9·0.8·1.0 = 2.12
        float[] adv = new float[3], ret = new float[3];
        Advantages.Gae([1, 2, 3], [0.5f, 1.0f, 1.5f], [false, true, false], [2.0f], 1, 0.9, 0.8, adv, ret);
        Assert.Equal(2.12, adv[0], 5);
        Assert.Equal(1.0, adv[1], 5);
        Assert.Equal(3.3, adv[2], 5);
        Assert.Equal(2.62, ret[0], 5);
        Assert.Equal(2.0, ret[1], 5);
        Assert.Equal(4.8, ret[2], 5);
    }

    [Fact]
    public void GaeKeepsEnvsApartInTimeMajorLayout()
    {
        // Env 0 is the hand-worked case; env 1 gets zero rewards and values and must stay all zero.
        float[] adv = new float[6], ret = new float[6];
        Advantages.Gae([1, 0, 2, 0, 3, 0], [0.5f, 0, 1.0f, 0, 1.5f, 0], [false, false, true, false, false, false], [2.0f, 0f], 2, 0.9, 0.8, adv, ret);
        Assert.Equal(2.12, adv[0], 5);
        Assert.Equal(1.0, adv[2], 5);
        Assert.Equal(3.3, adv[4], 5);
        Assert.Equal(0, adv[1]);
        Assert.Equal(0, adv[3]);
        Assert.Equal(0, adv[5]);
    }

    [Fact]
    public void GaeWithLambdaOneEqualsDiscountedReturns()
    {
        float[] r = [0.3f, -1, 2, 0.5f, 1, 1, -2, 0];
        float[] v = [0.1f, 0.2f, -0.3f, 0.4f, 0.5f, 0, 1, -1];
        bool[] d = [false, false, true, false, false, true, false, false];
        float[] last = [0.7f, -0.2f];
        float[] adv = new float[8], ret = new float[8], mc = new float[8];
        Advantages.Gae(r, v, d, last, 2, 0.97, 1.0, adv, ret);
        Advantages.DiscountedReturns(r, d, last, 2, 0.97, mc);
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(mc[i], ret[i], 5);
        }
    }

    [Fact]
    public void DiscountedReturnsByHand()
    {
        float[] ret = new float[3];
        Advantages.DiscountedReturns([1, 2, 3], [false, true, false], [2.0f], 1, 0.9, ret);
        Assert.Equal(new[] { 2.8f, 2f, 4.8f }, ret.Select(x => MathF.Round(x, 5)));
    }

    [Fact]
    public void NormalizeAndExplainedVariance()
    {
        float[] x = [1, 2, 3, 4];
        Advantages.Normalize(x);
        Assert.Equal(0, x.Sum(), 5);
        Assert.Equal(1, Math.Sqrt(x.Select(v => (double)v * v).Sum() / 4), 5);
        Assert.Equal(1.0, Advantages.ExplainedVariance([1, 2, 3], [1, 2, 3]), 12);
        Assert.Equal(0.0, Advantages.ExplainedVariance([2, 2, 2], [1, 2, 3]), 12);
        // residuals (0.5, -0.5, 0.5, -0.5): var 0.25 against var(target) 1.25 → 0.8
        Assert.Equal(0.8, Advantages.ExplainedVariance([0.5f, 2.5f, 2.5f, 4.5f], [1, 2, 3, 4]), 6);
        Assert.True(double.IsNaN(Advantages.ExplainedVariance([1, 2], [3, 3])));
        Assert.Throws<ArgumentException>(() => Advantages.Gae([1], [1, 2], [false], [0], 1, 0.9, 0.9, new float[1], new float[1]));
    }
}
