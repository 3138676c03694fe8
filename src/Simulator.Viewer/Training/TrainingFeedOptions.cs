namespace Simulator.Viewer.Training;

/// <summary>What a <see cref="TrainingFeed"/> copies out of a training run, and how often.</summary>
public sealed record TrainingFeedOptions
{
    /// <summary>Envs 0 … WatchedEnvs − 1 are copied for the env grid (camera frame, counters, world snapshot); at most 16.</summary>
    public int WatchedEnvs { get; init; } = 4;

    /// <summary>Most publishes per second of the watched envs and of the metrics (0: every step / every iteration, for tests).</summary>
    public double PublishHz { get; init; } = 20;

    /// <summary>Metric points kept before the history is thinned to every second point (bounds memory for any run length).</summary>
    public int HistoryCapacity { get; init; } = 2048;

    /// <summary>Finished episodes the clean-lap rate is taken over.</summary>
    public int CleanLapWindow { get; init; } = 100;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(WatchedEnvs);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(WatchedEnvs, 16);
        ArgumentOutOfRangeException.ThrowIfNegative(PublishHz);
        ArgumentOutOfRangeException.ThrowIfLessThan(HistoryCapacity, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(CleanLapWindow, 1);
    }
}
