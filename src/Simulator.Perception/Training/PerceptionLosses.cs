using Simulator.Torch;

namespace Simulator.Perception.Training;

/// <summary>The training losses, as small pure functions of tensors (results belong to the caller's scope).</summary>
public static class PerceptionLosses
{
    /// <summary>
    /// Class-weighted pixel cross-entropy plus a soft Dice term over the non-background classes.
    /// <paramref name="logits"/> [N, C, H, W]; <paramref name="oneHot"/> [N, C, H, W] (1 at the true class);
    /// <paramref name="classWeights"/> [1, C, 1, 1]. The cross-entropy is a weighted mean (Σ w·nll / Σ w), so the
    /// thin markings count as if they covered more pixels; Dice (1 − 2|P∩T| / (|P| + |T|), per class, averaged over
    /// classes 1..C−1) rewards the overlap the IoU target measures.
    /// </summary>
    public static Tensor Lane(Tensor logits, Tensor oneHot, Tensor classWeights, double diceWeight)
    {
        Tensor logp = logits.LogSoftmax(1);
        Tensor nll = -(logp * oneHot).Sum(1);
        Tensor w = (oneHot * classWeights).Sum(1);
        Tensor ce = (nll * w).Sum() / w.Sum();
        if (diceWeight <= 0)
        {
            return ce;
        }
        long classes = logits.Size(1);
        Tensor p = logits.Softmax(1).Slice(1, 1, classes);
        Tensor t = oneHot.Slice(1, 1, classes);
        Tensor inter = (p * t).Sum(3).Sum(2).Sum(0);
        Tensor total = (p + t).Sum(3).Sum(2).Sum(0);
        Tensor dice = 1.0 - ((inter * 2.0 + 1.0) / (total + 1.0)).Mean();
        return ce + dice * diceWeight;
    }

    /// <summary>
    /// CenterNet's penalty-reduced pixel focal loss (α = 2, β = 4) on heatmap logits [N, C, h, w] against Gaussian
    /// targets [N, C, h, w] whose centres are exactly 1; normalised by the number of centres (at least 1). Written
    /// with log-sigmoid (softplus) so it stays finite for saturated logits.
    /// </summary>
    public static Tensor Focal(Tensor logits, Tensor target)
    {
        Tensor pos = target.Eq(1.0).To(DType.Float32);
        Tensor neg = 1.0 - pos;
        Tensor p = logits.Sigmoid();
        Tensor logP = -(-logits).Softplus();
        Tensor log1mP = -logits.Softplus();
        Tensor posLoss = (logP * (1.0 - p).Square() * pos).Sum();
        Tensor negLoss = (log1mP * p.Square() * (1.0 - target).Pow(4.0) * neg).Sum();
        Tensor count = pos.Sum().ClampMin(1.0);
        return -(posLoss + negLoss) / count;
    }

    /// <summary>L1 of <paramref name="prediction"/> [N, 2, h, w] against <paramref name="target"/> at the centre cells
    /// (<paramref name="mask"/> [N, 1, h, w]), summed over both channels and normalised by the number of centres.</summary>
    public static Tensor MaskedL1(Tensor prediction, Tensor target, Tensor mask)
    {
        Tensor count = mask.Sum().ClampMin(1.0);
        return ((prediction - target).Abs() * mask).Sum() / count;
    }
}
