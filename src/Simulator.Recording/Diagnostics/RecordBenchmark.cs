using System.Collections.Immutable;
using System.Diagnostics;
using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Simulator.Driving.Scenes;

namespace Simulator.Recording.Diagnostics;

/// <summary>What <see cref="RecordBenchmark.Run"/> measured (medians over rounds).</summary>
public sealed record RecordBenchmarkResult(double StepsPerSecondPlain, double StepsPerSecondRecorded, double CpuMicrosPlain, double CpuMicrosRecorded,
    long RecordedSteps, long RecordedBytes, int Vehicles, long DroppedVisuals)
{
    /// <summary>Step blocks the simulation thread wrote itself because the writer thread was late (see <see cref="EpisodeRecorder.SimulationWrites"/>).</summary>
    public long SimulationWrites { get; init; }

    /// <summary>Step blocks written in all.</summary>
    public long Blocks { get; init; }

    /// <summary>Wall time the simulation thread waited for the writer thread, and the recorded env's total measured wall time.</summary>
    public TimeSpan WaitedForWriter { get; init; }
    public TimeSpan RecordedTime { get; init; }

    /// <summary>Garbage-collection pauses (all threads stopped) during the plain and the recorded intervals.</summary>
    public TimeSpan GcPausePlain { get; init; }
    public TimeSpan GcPauseRecorded { get; init; }

    /// <summary>Recorded env steps/s over plain env steps/s (1 = no cost): the median of the rounds' ratios.</summary>
    public double Ratio => MedianRatio ?? StepsPerSecondRecorded / StepsPerSecondPlain;

    /// <summary>The median over rounds of recorded over plain steps/s of the same round.</summary>
    public double? MedianRatio { get; init; }

    /// <summary>File bytes per simulated hour at <paramref name="hz"/> steps per second.</summary>
    public double BytesPerHour(int hz) => RecordedSteps == 0 ? 0 : RecordedBytes / (RecordedSteps / (double)hz) * 3600;
}

/// <summary>
/// `sim bench record`: env steps/s of one autopilot env without and with recording (no camera frames), in
/// interleaved rounds so that drifts of a shared machine hit both alike, and the file size per simulated hour.
/// </summary>
public static class RecordBenchmark
{
    /// <summary>
    /// The scene with its traffic replaced by <paramref name="vehicles"/> IDM cars spread evenly over its lanes and
    /// an episode that runs <paramref name="timeLimit"/> simulated seconds (no lap limit): the "one ego and N
    /// vehicles" case of the size budget.
    /// </summary>
    public static SceneDescription WithTraffic(SceneDescription scene, int vehicles, double timeLimit)
    {
        ArgumentNullException.ThrowIfNull(scene);
        ArgumentOutOfRangeException.ThrowIfNegative(vehicles);
        double length = SceneCompiler.Compile(scene).Track.Length;
        int lanes = Math.Max(1, scene.Lanes.Count);
        var traffic = ImmutableArray.CreateBuilder<TrafficSpec>(vehicles);
        for (int i = 0; i < vehicles; i++)
        {
            // Start ahead of the ego's spawn, spread over the lap; speeds 9-13 m/s so that they interact.
            double s = (i + 0.5) / vehicles * length * 0.9 + 0.05 * length;
            traffic.Add(new TrafficSpec(s, i % lanes, TrafficBehaviour.Idm, 9 + 4 * (i % 5) / 4.0, 1.4, 2.5, $"$.traffic[{i}]"));
        }
        return scene with
        {
            Traffic = traffic.MoveToImmutable(),
            Episode = scene.Episode with { TimeLimit = timeLimit, Laps = 0, StallTime = Math.Min(timeLimit, 600) },
        };
    }

    /// <summary>
    /// Runs two copies of the env on the same seeds, one plain and one recorded, in alternating intervals of
    /// <paramref name="seconds"/> (<paramref name="rounds"/> of each): a drift of a shared machine hits the two alike,
    /// and the cost is the median over rounds of each round's ratio. The recorded env keeps one recording open across
    /// its intervals (its writer has next to nothing left to do once the plain interval starts).
    /// </summary>
    public static RecordBenchmarkResult Run(CompiledScene scene, double seconds, int rounds, string folder, RecorderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scene);
        options ??= new RecorderOptions { Source = "sim bench record" };
        using var self = Process.GetCurrentProcess();
        using var plain = new Case(scene, null, folder);
        using var recorded = new Case(scene, options, folder);
        // Warm-up: both paths compiled and settled before measuring.
        plain.Measure(Math.Min(seconds, 0.5), self);
        recorded.Measure(Math.Min(seconds, 0.5), self);
        plain.Results.Clear();
        recorded.Results.Clear();
        for (int r = 0; r < rounds; r++)
        {
            if (r % 2 == 0)
            {
                plain.Measure(seconds, self);
                recorded.Measure(seconds, self);
            }
            else
            {
                recorded.Measure(seconds, self);
                plain.Measure(seconds, self);
            }
        }
        long dropped = recorded.Finish();
        var ratios = plain.Results.Zip(recorded.Results, (p, q) => q.Rate / p.Rate).ToList();
        return new RecordBenchmarkResult(Median(plain.Results, x => x.Rate), Median(recorded.Results, x => x.Rate), Median(plain.Results, x => x.Cpu),
            Median(recorded.Results, x => x.Cpu), recorded.Steps, FolderBytes(folder), plain.Vehicles, dropped)
        {
            MedianRatio = Median(ratios, x => x),
            SimulationWrites = recorded.SimulationWrites,
            Blocks = recorded.Blocks,
            WaitedForWriter = recorded.Waited,
            RecordedTime = recorded.Elapsed,
            GcPausePlain = plain.GcPause,
            GcPauseRecorded = recorded.GcPause,
        };
    }

    /// <summary>One env of the benchmark, with or without a recording that stays open between its intervals.</summary>
    private sealed class Case : IDisposable
    {
        private readonly DrivingEnv _env;
        private readonly RecorderOptions? _options;
        private readonly string _folder;
        private readonly float[] _obs;
        private EpisodeRecorder? _recorder;
        private ulong _seed = 1;
        private long _dropped;

        public long SimulationWrites { get; private set; }
        public long Blocks { get; private set; }
        public TimeSpan Waited { get; private set; }
        public TimeSpan Elapsed { get; private set; }
        public TimeSpan GcPause { get; private set; }

        public Case(CompiledScene scene, RecorderOptions? options, string folder)
        {
            _env = new DrivingEnv(scene, new EnvOptions { Autopilot = true });
            _options = options;
            _folder = folder;
            _obs = new float[_env.Observation.VectorSize];
            Begin();
            foreach (var a in _env.Snapshot.Actors)
            {
                Vehicles += a.Kind is ActorKind.Traffic or ActorKind.Ego ? 1 : 0;
            }
        }

        public int Vehicles { get; }
        public long Steps { get; set; }
        public List<(double Rate, double Cpu)> Results { get; } = [];

        private void Begin()
        {
            _env.Reset(_seed, _obs);
            if (_options != null)
            {
                _recorder = EpisodeRecorder.Start(Path.Combine(_folder, $"bench-{_seed}.mcap"), _env, _seed, _options);
            }
            _seed++;
        }

        public void Measure(double duration, Process self)
        {
            long n = 0;
            self.Refresh();
            TimeSpan cpu0 = self.TotalProcessorTime;
            TimeSpan gc0 = GC.GetTotalPauseDuration();
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed.TotalSeconds < duration)
            {
                for (int i = 0; i < 64; i++)
                {
                    StepOutcome o = _env.Step(default(DrivingAction), _obs);
                    _recorder?.Step(default(DrivingAction), o);
                    n++;
                    if (o.Done)
                    {
                        Finish();
                        Begin();
                    }
                }
            }
            clock.Stop();
            GcPause += GC.GetTotalPauseDuration() - gc0;
            Elapsed += clock.Elapsed;
            self.Refresh();
            Steps += n;
            Results.Add((n / clock.Elapsed.TotalSeconds, (self.TotalProcessorTime - cpu0).TotalMicroseconds / n));
        }

        /// <summary>Completes the open recording (if any); returns the visual messages dropped in all of them.</summary>
        public long Finish()
        {
            if (_recorder != null)
            {
                _recorder.Complete();
                _dropped += _recorder.DroppedVisuals;
                SimulationWrites += _recorder.SimulationWrites;
                Waited += _recorder.WaitedForWriter;
                Blocks += _recorder.Blocks;
                _recorder = null;
            }
            return _dropped;
        }

        public void Dispose()
        {
            _recorder?.Dispose();
            _env.Dispose();
        }
    }

    /// <summary>Total size of the files the benchmark wrote in <paramref name="folder"/>.</summary>
    public static long FolderBytes(string folder) => Directory.EnumerateFiles(folder, "*.mcap").Sum(f => new FileInfo(f).Length);

    private static double Median<T>(List<T> values, Func<T, double> select)
    {
        var sorted = values.Select(select).Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
