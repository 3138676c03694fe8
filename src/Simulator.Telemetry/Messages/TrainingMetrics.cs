namespace Simulator.Telemetry.Messages;

/// <summary>Metrics of one training iteration (NaN where a value is not available).</summary>
public readonly record struct TrainingMetrics
{
    public long Iteration { get; init; }
    public long TotalSteps { get; init; }
    public long Episodes { get; init; }
    public double StepsPerSecond { get; init; }
    public double MeanReturn { get; init; }
    public double MeanLength { get; init; }
    public double PolicyLoss { get; init; }
    public double ValueLoss { get; init; }
    public double Entropy { get; init; }
    public double ApproxKl { get; init; }
    public double ClipFraction { get; init; }
    public double ExplainedVariance { get; init; }
    public double LearningRate { get; init; }
    public double EvalLapCompletion { get; init; }
    public double EvalMeanReturn { get; init; }
}
