using Simulator.Learning.Env;

namespace Simulator.Learning.Ppo;

/// <summary>
/// Watches a <see cref="PpoTrainer"/> from inside its loop, for live displays (`sim train --watch`) and recorders.
/// Both calls run on the training thread between two steps, so an observer must be cheap and must never block or
/// wait for a reader: copy what it keeps into its own buffers and return. It only reads; the env's buffers and the
/// spans it is handed must not be changed, so training is bit-identical with or without an observer.
/// </summary>
public interface ITrainingObserver
{
    /// <summary>
    /// After each env step of a rollout, before the trainer takes the new observations: <paramref name="rewards"/>
    /// and <paramref name="episodeEnded"/> are the env's (one per env); for ended envs the env's buffers already
    /// hold the first observation of the next episode (auto-reset).
    /// </summary>
    void StepCompleted(IVectorEnv env, ReadOnlySpan<float> rewards, ReadOnlySpan<bool> episodeEnded);

    /// <summary>After each iteration (rollout + update), with the env steps per second of that iteration (wall time).</summary>
    void IterationCompleted(in PpoIterationStats stats, double stepsPerSecond);
}

/// <summary>The observer of a trainer no one watches: does nothing.</summary>
public sealed class NullTrainingObserver : ITrainingObserver
{
    public static readonly NullTrainingObserver Instance = new();

    private NullTrainingObserver()
    {
    }

    public void StepCompleted(IVectorEnv env, ReadOnlySpan<float> rewards, ReadOnlySpan<bool> episodeEnded)
    {
    }

    public void IterationCompleted(in PpoIterationStats stats, double stepsPerSecond)
    {
    }
}
