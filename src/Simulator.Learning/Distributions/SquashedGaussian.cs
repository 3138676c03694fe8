using Simulator.Torch;

namespace Simulator.Learning.Distributions;

/// <summary>
/// Diagonal Gaussian over a raw action u, squashed by tanh and scaled into [low, high]:
/// a = low + (tanh(u) + 1)·(high − low)/2. Log-probabilities are of a (change of variables):
/// log p(a) = Σ_j [log N(u_j; μ_j, σ_j) − log(1 − tanh² u_j) − log((high_j − low_j)/2)], with
/// log(1 − tanh² u) = 2(log 2 − u − softplus(−2u)) for numerical stability. Rollouts store u, not a, so
/// the log-probability is recomputed without inverting tanh.
/// </summary>
public sealed class SquashedGaussian
{
    private const double HalfLog2Pi = 0.91893853320467274178;
    private static readonly double s_log2 = Math.Log(2);

    private readonly Tensor _mean;
    private readonly Tensor _logStd;
    private readonly double _logScaleSum;

    /// <param name="mean">[B, d] means of u.</param>
    /// <param name="logStd">[d] or [B, d] log standard deviations of u.</param>
    /// <param name="low">Lower action bounds (d).</param>
    /// <param name="high">Upper action bounds (d).</param>
    public SquashedGaussian(Tensor mean, Tensor logStd, ReadOnlySpan<float> low, ReadOnlySpan<float> high)
    {
        _mean = mean;
        _logStd = logStd;
        double sum = 0;
        for (int j = 0; j < low.Length; j++)
        {
            sum += Math.Log((high[j] - low[j]) / 2.0);
        }
        _logScaleSum = sum;
    }

    /// <summary>Raw (pre-tanh) sample u = μ + σ·ε with ε from <paramref name="generator"/>, [B, d].</summary>
    public Tensor SampleRaw(Generator generator)
    {
        Tensor eps = Tensor.Randn([_mean.Size(0), _mean.Size(1)], generator).To(_mean.Device);
        return _mean + _logStd.Exp() * eps;
    }

    /// <summary>The deterministic action's raw value (μ).</summary>
    public Tensor ModeRaw() => _mean;

    /// <summary>log p(a(u)) summed over action dimensions, [B].</summary>
    public Tensor LogProb(Tensor raw)
    {
        Tensor z = (raw - _mean) / _logStd.Exp();
        Tensor gaussian = z.Square() * -0.5 - _logStd - HalfLog2Pi;
        Tensor logJacobian = ((-raw) + s_log2 - (raw * -2.0).Softplus()) * 2.0;
        return (gaussian - logJacobian).Sum(1) - _logScaleSum;
    }

    /// <summary>
    /// Entropy of the Gaussian before squashing, Σ (½ + ½ log 2π + log σ), per row [B]. The squashed entropy has no
    /// closed form; this is the usual stand-in for the entropy bonus.
    /// </summary>
    public Tensor Entropy()
    {
        Tensor perDim = _logStd + (0.5 + HalfLog2Pi);
        return (_mean.Detach() * 0.0 + perDim).Sum(1); // adding zeros broadcasts a [d] log σ to [B, d]
    }

    /// <summary>Maps raw values to env actions in [low, high] (C# side, float math), env-major.</summary>
    public static void ToEnvActions(ReadOnlySpan<float> raw, int dim, ReadOnlySpan<float> low, ReadOnlySpan<float> high, Span<float> actions)
    {
        for (int i = 0; i < raw.Length; i++)
        {
            int j = i % dim;
            double a = low[j] + (Math.Tanh(raw[i]) + 1.0) * 0.5 * (high[j] - low[j]);
            actions[i] = (float)Math.Clamp(a, low[j], high[j]);
        }
    }
}
