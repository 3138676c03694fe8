using Simulator.Core;

namespace Simulator.Learning.Imitation;

public enum BcLoss
{
    /// <summary>Squared error between the policy's deterministic action (env units) and the expert's.</summary>
    Mse,
    /// <summary>Negative log-likelihood of the expert action under the policy (squashed Gaussian or categorical).</summary>
    NegativeLogLikelihood,
}

/// <summary>Settings of behaviour cloning.</summary>
public sealed record BcOptions
{
    /// <summary>Adam step size.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Samples per gradient step.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Loss for continuous actions (discrete actions always use cross-entropy).</summary>
    public BcLoss Loss { get; init; } = BcLoss.Mse;

    /// <summary>Global gradient norm clip.</summary>
    public double MaxGradNorm { get; init; } = 1.0;

    /// <summary>Seed of the sample order (and of the network when the trainer builds it).</summary>
    public ulong Seed { get; init; } = 1;

    public void Validate()
    {
        if (!(LearningRate > 0) || BatchSize < 1 || !(MaxGradNorm > 0))
        {
            throw new SimInputException($"invalid behaviour cloning options {this}", hint: "learning_rate > 0, batch_size >= 1, max_grad_norm > 0");
        }
    }
}
