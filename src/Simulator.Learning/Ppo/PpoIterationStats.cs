namespace Simulator.Learning.Ppo;

/// <summary>What one PPO iteration (rollout + update) did. Losses are means over the minibatches that ran.</summary>
public readonly record struct PpoIterationStats(
    int Iteration,
    long TotalSteps,
    double LearningRate,
    double PolicyLoss,
    double ValueLoss,
    double Entropy,
    double ApproxKl,
    double ClipFraction,
    double ExplainedVariance,
    double GradNorm,
    int EpisodesFinished,
    double MeanEpisodeReturn,
    double MeanEpisodeLength);
