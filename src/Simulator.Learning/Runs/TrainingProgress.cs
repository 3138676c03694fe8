using Simulator.Learning.Driving;
using Simulator.Learning.Ppo;

namespace Simulator.Learning.Runs;

/// <summary>What a run reports after each iteration (for progress displays).</summary>
public readonly record struct TrainingProgress(
    PpoIterationStats Stats,
    long TargetSteps,
    double StepsPerSecond,
    EvalReport? LastEval,
    string? Note);

/// <summary>How a run ended.</summary>
public sealed record TrainingSummary(long TotalSteps, int Iterations, EvalReport? LastEval, double BestLapCompletion, double BestReturn, bool Cancelled);

/// <summary>The Driving-dependent parts of a run, injected so the loop can be tested on any <see cref="Env.IVectorEnv"/>.</summary>
public sealed record TrainingHooks
{
    /// <summary>Evaluates the current policy (null: no evaluation, no best.pt).</summary>
    public Func<Networks.ActorCritic, EvalReport>? Evaluate { get; init; }

    /// <summary>Records demonstrations for the behaviour-cloning warm start (null: skip it even if configured).</summary>
    public Func<Imitation.BcDataset>? Demonstrations { get; init; }

    /// <summary>Seconds since some fixed point, for steps/s only (never for the simulation).</summary>
    public Func<double> Clock { get; init; } = () => System.Diagnostics.Stopwatch.GetTimestamp() / (double)System.Diagnostics.Stopwatch.Frequency;
}
