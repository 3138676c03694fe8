using Simulator.Torch;

namespace Simulator.Learning.Algorithms;

/// <summary>The three PPO loss terms (Schulman et al. 2017) as pure tensor functions; results are scalars to minimise.</summary>
public static class PpoLosses
{
    /// <summary>
    /// Clipped surrogate: −mean(min(ρA, clip(ρ, 1−ε, 1+ε)A)) with ρ = exp(logp − oldLogp).
    /// Also reports the fraction of samples where clipping was active and the approximate KL
    /// (mean((ρ − 1) − log ρ), always ≥ 0).
    /// </summary>
    public static Tensor Policy(Tensor logProb, Tensor oldLogProb, Tensor advantages, double clip, out double clipFraction, out double approxKl)
    {
        Tensor logRatio = logProb - oldLogProb;
        Tensor ratio = logRatio.Exp();
        Tensor unclipped = ratio * advantages;
        Tensor clipped = ratio.Clamp(1 - clip, 1 + clip) * advantages;
        using (GradMode.NoGrad())
        {
            clipFraction = (ratio - 1.0).Abs().Gt(clip).To(DType.Float32).Mean().Item();
            approxKl = ((ratio - 1.0) - logRatio).Mean().Item();
        }
        return -unclipped.Minimum(clipped).Mean();
    }

    /// <summary>
    /// Value loss 0.5·mean((V − R)²); with <paramref name="clip"/> set, the PPO2 form
    /// 0.5·mean(max((V − R)², (V_old + clip(V − V_old, −c, c) − R)²)).
    /// </summary>
    public static Tensor Value(Tensor values, Tensor returns, Tensor? oldValues = null, double? clip = null)
    {
        Tensor error = (values - returns).Square();
        if (clip is { } c && oldValues != null)
        {
            Tensor clippedValues = oldValues + (values - oldValues).Clamp(-c, c);
            error = error.Maximum((clippedValues - returns).Square());
        }
        return error.Mean() * 0.5;
    }

    /// <summary>Entropy bonus as a loss: −mean(entropy).</summary>
    public static Tensor Entropy(Tensor entropy) => -entropy.Mean();
}
