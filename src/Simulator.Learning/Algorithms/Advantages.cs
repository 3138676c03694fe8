namespace Simulator.Learning.Algorithms;

/// <summary>
/// Advantage and return estimators over a rollout stored time-major: element [t, n] is at index t × numEnvs + n.
/// <c>dones[t, n]</c> means env n's episode ended with step t (terminated or truncated), so nothing flows back
/// across it; <c>lastValues[n]</c> is V of the observation after the final step (the bootstrap).
/// </summary>
public static class Advantages
{
    /// <summary>Generalised advantage estimation (Schulman et al. 2016); returns = advantages + values.</summary>
    public static void Gae(ReadOnlySpan<float> rewards, ReadOnlySpan<float> values, ReadOnlySpan<bool> dones, ReadOnlySpan<float> lastValues,
        int numEnvs, double gamma, double lambda, Span<float> advantages, Span<float> returns)
    {
        int steps = CheckShapes(rewards, values, dones, lastValues, numEnvs, advantages, returns);
        for (int n = 0; n < numEnvs; n++)
        {
            double gae = 0;
            double nextValue = lastValues[n];
            for (int t = steps - 1; t >= 0; t--)
            {
                int i = t * numEnvs + n;
                double nonTerminal = dones[i] ? 0.0 : 1.0;
                double delta = rewards[i] + gamma * nextValue * nonTerminal - values[i];
                gae = delta + gamma * lambda * nonTerminal * gae;
                advantages[i] = (float)gae;
                returns[i] = (float)(gae + values[i]);
                nextValue = values[i];
            }
        }
    }

    /// <summary>Discounted returns bootstrapped from lastValues (GAE with λ = 1, written without values).</summary>
    public static void DiscountedReturns(ReadOnlySpan<float> rewards, ReadOnlySpan<bool> dones, ReadOnlySpan<float> lastValues,
        int numEnvs, double gamma, Span<float> returns)
    {
        if (numEnvs < 1 || rewards.Length % numEnvs != 0 || dones.Length != rewards.Length || returns.Length != rewards.Length || lastValues.Length != numEnvs)
        {
            throw new ArgumentException("rollout buffers must all hold steps × numEnvs entries (lastValues: numEnvs)");
        }
        int steps = rewards.Length / numEnvs;
        for (int n = 0; n < numEnvs; n++)
        {
            double g = lastValues[n];
            for (int t = steps - 1; t >= 0; t--)
            {
                int i = t * numEnvs + n;
                g = rewards[i] + (dones[i] ? 0.0 : gamma * g);
                returns[i] = (float)g;
            }
        }
    }

    /// <summary>Shifts and scales to zero mean and unit (population) standard deviation; eps guards a constant batch.</summary>
    public static void Normalize(Span<float> values, double eps = 1e-8)
    {
        if (values.Length == 0)
        {
            return;
        }
        double mean = 0;
        foreach (float v in values)
        {
            mean += v;
        }
        mean /= values.Length;
        double variance = 0;
        foreach (float v in values)
        {
            variance += (v - mean) * (v - mean);
        }
        double std = Math.Sqrt(variance / values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)((values[i] - mean) / (std + eps));
        }
    }

    /// <summary>1 − Var(target − predicted) / Var(target): 1 is perfect, 0 no better than the mean, NaN if target is constant.</summary>
    public static double ExplainedVariance(ReadOnlySpan<float> predicted, ReadOnlySpan<float> target)
    {
        if (predicted.Length != target.Length || target.Length == 0)
        {
            throw new ArgumentException("predicted and target need the same, non-zero length");
        }
        double meanT = 0, meanD = 0;
        for (int i = 0; i < target.Length; i++)
        {
            meanT += target[i];
            meanD += target[i] - predicted[i];
        }
        meanT /= target.Length;
        meanD /= target.Length;
        double varT = 0, varD = 0;
        for (int i = 0; i < target.Length; i++)
        {
            double dt = target[i] - meanT;
            double dd = target[i] - predicted[i] - meanD;
            varT += dt * dt;
            varD += dd * dd;
        }
        return varT == 0 ? double.NaN : 1 - varD / varT;
    }

    private static int CheckShapes(ReadOnlySpan<float> rewards, ReadOnlySpan<float> values, ReadOnlySpan<bool> dones, ReadOnlySpan<float> lastValues,
        int numEnvs, Span<float> advantages, Span<float> returns)
    {
        int n = rewards.Length;
        if (numEnvs < 1 || n % numEnvs != 0 || values.Length != n || dones.Length != n || advantages.Length != n || returns.Length != n || lastValues.Length != numEnvs)
        {
            throw new ArgumentException("rollout buffers must all hold steps × numEnvs entries (lastValues: numEnvs)");
        }
        return n / numEnvs;
    }
}
