using Simulator.Perception.Training;
using Simulator.Torch;

namespace Simulator.Perception.Tests;

public class LossTests
{
    [Fact]
    public void Focal_loss_is_small_for_a_confident_correct_heatmap_and_large_for_a_wrong_one()
    {
        using var scope = TorchScope.Enter();
        var target = new float[16];
        target[5] = 1f;
        target[6] = 0.5f;
        Tensor t = Tensor.FromArray(target, 1, 1, 4, 4);
        var good = new float[16];
        var bad = new float[16];
        for (int i = 0; i < 16; i++)
        {
            good[i] = i == 5 ? 6f : -6f;
            bad[i] = i == 5 ? -6f : 6f;
        }
        double lossGood = PerceptionLosses.Focal(Tensor.FromArray(good, 1, 1, 4, 4), t).Item();
        double lossBad = PerceptionLosses.Focal(Tensor.FromArray(bad, 1, 1, 4, 4), t).Item();
        Assert.InRange(lossGood, 0, 0.01);
        Assert.True(lossBad > 10, $"bad heatmap loss {lossBad}");
        // Hand-computed: one centre at logit 0 (p = 0.5): −log(0.5)·0.25 = 0.1733; all other cells at a very
        // negative logit contribute nothing.
        var half = new float[16];
        Array.Fill(half, -30f);
        half[5] = 0;
        Assert.Equal(Math.Log(2) * 0.25, PerceptionLosses.Focal(Tensor.FromArray(half, 1, 1, 4, 4), t).Item(), 4);
    }

    [Fact]
    public void Lane_cross_entropy_weights_the_classes()
    {
        using var scope = TorchScope.Enter();
        // Two pixels: class 0 predicted uniformly, class 2 predicted uniformly → nll = ln 3 for both, weighted mean ln 3.
        Tensor logits = Tensor.Zeros(1, 3, 1, 2);
        Tensor oneHot = Tensor.FromArray(new float[] { 1, 0, 0, 0, 0, 1 }, 1, 3, 1, 2);
        Tensor weights = Tensor.FromArray(new float[] { 1, 1, 4 }, 1, 3, 1, 1);
        Assert.Equal(Math.Log(3), PerceptionLosses.Lane(logits, oneHot, weights, 0).Item(), 5);
        // Now the class-2 pixel is confidently right: only the class-0 pixel's ln 3 remains, with weight 1 of 5.
        Tensor better = Tensor.FromArray(new float[] { 0, 0, 0, 0, 0, 20 }, 1, 3, 1, 2);
        Assert.Equal(Math.Log(3) / 5, PerceptionLosses.Lane(better, oneHot, weights, 0).Item(), 4);
    }

    [Fact]
    public void Masked_l1_counts_only_centres()
    {
        using var scope = TorchScope.Enter();
        Tensor pred = Tensor.FromArray(new float[] { 1, 5, 2, 9 }, 1, 2, 1, 2);
        Tensor target = Tensor.FromArray(new float[] { 2, 0, 4, 0 }, 1, 2, 1, 2);
        Tensor mask = Tensor.FromArray(new float[] { 1, 0 }, 1, 1, 1, 2);
        Assert.Equal(3.0, PerceptionLosses.MaskedL1(pred, target, mask).Item(), 6);
    }
}
