using Simulator.Core;
using Simulator.Learning.Networks;
using Simulator.Learning.Runs;

namespace Simulator.Learning.Ppo;

/// <summary>Every setting of PPO (defaults follow the Atari settings of Schulman et al. 2017 / CleanRL).</summary>
public sealed record PpoOptions
{
    /// <summary>Adam step size at the start of training.</summary>
    [ConfigRange(1e-12, 1)]
    public double LearningRate { get; init; } = 2.5e-4;

    /// <summary>Decay the learning rate linearly to 0 over <see cref="TotalSteps"/>.</summary>
    public bool AnnealLearningRate { get; init; } = true;

    /// <summary>Env steps (summed over envs) the run is planned for; sets the annealing schedule.</summary>
    [ConfigRange(1, 1e12)]
    public long TotalSteps { get; init; } = 1_000_000;

    /// <summary>Discount factor γ.</summary>
    [ConfigRange(1e-9, 1)]
    public double Gamma { get; init; } = 0.99;

    /// <summary>GAE λ: 0 is one-step TD, 1 is Monte Carlo.</summary>
    [ConfigRange(0, 1)]
    public double GaeLambda { get; init; } = 0.95;

    /// <summary>Surrogate clip ε: the probability ratio is kept within [1 − ε, 1 + ε].</summary>
    [ConfigRange(1e-9, 10)]
    public double ClipRange { get; init; } = 0.2;

    /// <summary>Clip of the value update around the old values (PPO2); null = plain squared error.</summary>
    [ConfigRange(1e-9, 1000)]
    public double? ValueClipRange { get; init; }

    /// <summary>Passes over each rollout.</summary>
    [ConfigRange(1, 10_000)]
    public int Epochs { get; init; } = 4;

    /// <summary>Minibatches per pass (recurrent: splits the envs, so NumEnvs must divide by it).</summary>
    [ConfigRange(1, 1 << 20)]
    public int Minibatches { get; init; } = 4;

    /// <summary>Weight of the entropy bonus.</summary>
    [ConfigRange(0, 100)]
    public double EntropyCoef { get; init; } = 0.01;

    /// <summary>Weight of the value loss.</summary>
    [ConfigRange(0, 100)]
    public double ValueCoef { get; init; } = 0.5;

    /// <summary>Global L2 norm the gradients are clipped to.</summary>
    [ConfigRange(1e-9, 1e6)]
    public double MaxGradNorm { get; init; } = 0.5;

    /// <summary>Steps per env in each rollout (batch = RolloutLength × NumEnvs).</summary>
    [ConfigRange(1, 1 << 20)]
    public int RolloutLength { get; init; } = 128;

    /// <summary>At a time-limit truncation, add γ·V(final observation) to the last reward (needs an env that provides
    /// final observations; otherwise truncation counts as termination).</summary>
    public bool BootstrapTruncated { get; init; } = true;

    /// <summary>Normalise advantages per minibatch.</summary>
    public bool NormalizeAdvantages { get; init; } = true;

    /// <summary>Stop an update's remaining epochs once the approximate KL of a minibatch exceeds this; null = never.</summary>
    [ConfigRange(1e-9, 100)]
    public double? TargetKl { get; init; }

    /// <summary>Random-shift augmentation of training images by up to this many pixels; 0 = off.</summary>
    [ConfigRange(0, 64)]
    public int ShiftPad { get; init; }

    /// <summary>
    /// Keep the image (CNN) encoder's parameters fixed: no gradients, not in the optimizer, so only the heads (and a
    /// vector MLP or recurrent core) learn; for fine-tuning a model given by <c>init</c> (sim train --freeze-encoder).
    /// </summary>
    public bool FreezeEncoder { get; init; }

    /// <summary>Colour jitter and cutout of training images, after the random shift (see <see cref="Data.AugmentOptions"/>); off by default.</summary>
    public Data.AugmentOptions Augment { get; init; } = new();

    /// <summary>Adam ε.</summary>
    [ConfigRange(1e-12, 1)]
    public double AdamEps { get; init; } = 1e-5;

    /// <summary>Seed of the network initialisation, action sampling, minibatch order and env resets.</summary>
    [ConfigRange(0, 18446744073709551615.0)]
    public ulong Seed { get; init; } = 1;

    /// <summary>Network shape.</summary>
    public NetworkOptions Network { get; init; } = new();

    public void Validate(int numEnvs)
    {
        static void Require(bool ok, string name, string rule)
        {
            if (!ok)
            {
                throw new SimInputException($"PPO option {name} is invalid", path: name, hint: rule);
            }
        }
        Require(LearningRate > 0, "learning_rate", "must be > 0");
        Require(TotalSteps > 0, "total_steps", "must be > 0");
        Require(Gamma is > 0 and <= 1, "gamma", "must be in (0, 1]");
        Require(GaeLambda is >= 0 and <= 1, "gae_lambda", "must be in [0, 1]");
        Require(ClipRange > 0, "clip_range", "must be > 0");
        Require(ValueClipRange is null or > 0, "value_clip_range", "must be > 0 or unset");
        Require(Epochs >= 1, "epochs", "must be >= 1");
        Require(Minibatches >= 1 && Minibatches <= RolloutLength * numEnvs, "minibatches", "must be in [1, rollout_length × num_envs]");
        Require(Network.RecurrentSize == 0 || numEnvs % Minibatches == 0, "minibatches", "with a recurrent core, num_envs must be a multiple of minibatches");
        Require(EntropyCoef >= 0 && ValueCoef >= 0, "entropy_coef/value_coef", "must be >= 0");
        Require(MaxGradNorm > 0, "max_grad_norm", "must be > 0");
        Require(RolloutLength >= 1, "rollout_length", "must be >= 1");
        Require(ShiftPad >= 0, "shift_pad", "must be >= 0");
        Augment.Validate();
        Network.Validate();
    }
}
