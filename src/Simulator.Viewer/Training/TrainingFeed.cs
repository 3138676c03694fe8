using System.Diagnostics;
using Simulator.Driving.Env;
using Simulator.Learning.Driving;
using Simulator.Learning.Env;
using Simulator.Learning.Ppo;

namespace Simulator.Viewer.Training;

/// <summary>
/// What `sim train --watch` shows, copied out of the training loop: attach it as the trainer's
/// <see cref="PpoTrainer.Observer"/>; the viewer thread reads <see cref="Metrics"/> (plots) and
/// <see cref="Envs"/> (env grid). The training thread never waits: it fills private buffers and publishes them
/// through triple buffers (<see cref="LatestValue{T}"/>) at most <see cref="TrainingFeedOptions.PublishHz"/> times
/// a second; a slow viewer only skips values. After the first publish nothing is allocated, and memory stays bounded
/// (the metric history is thinned, never grown). One training thread writes, one viewer thread reads.
/// </summary>
public sealed partial class TrainingFeed : ITrainingObserver
{
    private readonly TrainingFeedOptions _options;
    private readonly long _minTicks;
    private readonly TrainingMetricsPoint[] _history;
    private readonly bool[] _cleanLaps;
    private int _historyCount, _stride = 1, _sinceKept;
    private TrainingMetricsPoint _latest;
    private bool _latestKept, _metricsPending;
    private long _lastMetricsPublish = long.MinValue / 2, _lastEnvsPublish = long.MinValue / 2, _metricsVersion; // "long ago", without overflow
    private int _cleanCount, _cleanNext, _cleanTotal;
    private long _episodes, _totalSteps;
    private double[] _returns = [];
    private long[] _episodeOf = [];
    private long[] _stepOf = [];

    public TrainingFeed(TrainingFeedOptions? options = null)
    {
        _options = options ?? new TrainingFeedOptions();
        _options.Validate();
        _minTicks = _options.PublishHz > 0 ? (long)(Stopwatch.Frequency / _options.PublishHz) : 0;
        _history = new TrainingMetricsPoint[_options.HistoryCapacity];
        _cleanLaps = new bool[_options.CleanLapWindow];
        Metrics = new LatestValue<MetricsHistory>(() => new MetricsHistory(_options.HistoryCapacity));
        Envs = new LatestValue<EnvTileSet>(() => new EnvTileSet(_options.WatchedEnvs));
    }

    public TrainingFeedOptions Options => _options;

    /// <summary>The metric history (viewer thread: <c>TryTakeNewest</c>, then read <c>Front</c>).</summary>
    public LatestValue<MetricsHistory> Metrics { get; }

    /// <summary>The watched envs (viewer thread: <c>TryTakeNewest</c>, then read <c>Front</c>).</summary>
    public LatestValue<EnvTileSet> Envs { get; }

    /// <summary>
    /// Fraction of the recent finished episodes that ended by completing their laps without collision or leaving the
    /// road, as evaluation counts a clean lap (<c>EpisodeSummary.CleanLap</c>); NaN before the first, Driving envs only.
    /// </summary>
    public double CleanLapRate => _cleanCount == 0 ? double.NaN : (double)_cleanTotal / _cleanCount;

    public void StepCompleted(IVectorEnv env, ReadOnlySpan<float> rewards, ReadOnlySpan<bool> episodeEnded)
    {
        DrivingVectorEnv? driving = AsDriving(env);
        int watched = Math.Min(_options.WatchedEnvs, env.NumEnvs);
        if (_returns.Length != watched)
        {
            _returns = new double[watched];
            _episodeOf = new long[watched];
            _stepOf = new long[watched];
            Array.Fill(_episodeOf, 1);
        }
        _totalSteps += env.NumEnvs;
        for (int n = 0; n < watched; n++)
        {
            _returns[n] = episodeEnded[n] ? 0 : _returns[n] + rewards[n];
            _stepOf[n] = episodeEnded[n] ? 0 : _stepOf[n] + 1;
            _episodeOf[n] += episodeEnded[n] ? 1 : 0;
        }
        for (int n = 0; n < episodeEnded.Length; n++)
        {
            if (episodeEnded[n])
            {
                _episodes++;
                if (driving != null)
                {
                    ref readonly EnvInfo info = ref driving.Infos[n];
                    RecordEpisode(info.End == EpisodeEnd.LapsCompleted && info.Collisions == 0 && info.OffRoadTime == 0);
                }
            }
        }
        long now = Stopwatch.GetTimestamp();
        if (_metricsPending && now - _lastMetricsPublish >= _minTicks)
        {
            PublishMetrics(now);
        }
        if (watched > 0 && now - _lastEnvsPublish >= _minTicks)
        {
            _lastEnvsPublish = now;
            PublishEnvs(env, driving, watched);
        }
    }

    public void IterationCompleted(in PpoIterationStats stats, double stepsPerSecond)
    {
        _latest = new TrainingMetricsPoint(stats.Iteration, stats.TotalSteps, stats.MeanEpisodeReturn, CleanLapRate,
            stats.PolicyLoss, stats.ValueLoss, stats.Entropy, stepsPerSecond, _episodes);
        _latestKept = false;
        if (++_sinceKept >= _stride)
        {
            _sinceKept = 0;
            if (_historyCount == _history.Length)
            {
                Thin();
            }
            _history[_historyCount++] = _latest;
            _latestKept = true;
        }
        _metricsPending = true;
        long now = Stopwatch.GetTimestamp();
        if (now - _lastMetricsPublish >= _minTicks)
        {
            PublishMetrics(now);
        }
    }

    /// <summary>Publishes metrics held back by the rate cap (call on the training thread after the last iteration).</summary>
    public void Flush()
    {
        if (_metricsPending)
        {
            PublishMetrics(Stopwatch.GetTimestamp());
        }
    }

    private static DrivingVectorEnv? AsDriving(IVectorEnv env) => (env as IDrivingEnvSource)?.DrivingEnv;

    internal void RecordEpisode(bool clean)
    {
        if (_cleanCount == _cleanLaps.Length)
        {
            _cleanTotal -= _cleanLaps[_cleanNext] ? 1 : 0;
        }
        else
        {
            _cleanCount++;
        }
        _cleanLaps[_cleanNext] = clean;
        _cleanTotal += clean ? 1 : 0;
        _cleanNext = (_cleanNext + 1) % _cleanLaps.Length;
    }

    // Keeps every second point and doubles the stride, so the history spans the whole run at half the resolution.
    private void Thin()
    {
        int kept = 0;
        for (int i = 1; i < _historyCount; i += 2)
        {
            _history[kept++] = _history[i];
        }
        _historyCount = kept;
        _stride *= 2;
    }

    private void PublishMetrics(long now)
    {
        _lastMetricsPublish = now;
        _metricsPending = false;
        MetricsHistory back = Metrics.Back;
        back.CopyFrom(_history.AsSpan(0, _historyCount), ++_metricsVersion);
        if (!_latestKept)
        {
            back.Append(_latest);
        }
        Metrics.Publish();
    }
}
