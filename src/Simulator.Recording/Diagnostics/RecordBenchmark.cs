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
    /// <summary>Recorded env steps/s over plain env steps/s (1 = no cost).</summary>
    public double Ratio => StepsPerSecondRecorded / StepsPerSecondPlain;

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

    public static RecordBenchmarkResult Run(CompiledScene scene, double seconds, int rounds, string folder, RecorderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scene);
        options ??= new RecorderOptions { Source = "sim bench record" };
        using var self = Process.GetCurrentProcess();
        var env = new DrivingEnv(scene, new EnvOptions { Autopilot = true });
        var obs = new float[env.Observation.VectorSize];
        var plain = new List<(double Rate, double Cpu)>();
        var recorded = new List<(double Rate, double Cpu)>();
        long steps = 0, dropped = 0;
        ulong seed = 1;
        int vehicles = 0;
        string target = Path.Combine(folder, "warm-up");
        Directory.CreateDirectory(target);
        Measure(Math.Min(seconds, 0.5), record: false);
        Measure(Math.Min(seconds, 0.5), record: true);
        (steps, dropped, target) = (0, 0, folder);
        for (int r = 0; r < rounds; r++)
        {
            plain.Add(Measure(seconds, record: false));
            recorded.Add(Measure(seconds, record: true));
        }
        return new RecordBenchmarkResult(Median(plain, x => x.Rate), Median(recorded, x => x.Rate), Median(plain, x => x.Cpu), Median(recorded, x => x.Cpu),
            steps, FolderBytes(folder), vehicles, dropped);

        (double Rate, double Cpu) Measure(double duration, bool record)
        {
            env.Reset(seed, obs);
            EpisodeRecorder? recorder = record ? EpisodeRecorder.Start(Path.Combine(target, $"bench-{seed}.mcap"), env, seed, options) : null;
            vehicles = 0;
            foreach (var a in env.Snapshot.Actors)
            {
                vehicles += a.Kind is ActorKind.Traffic or ActorKind.Ego ? 1 : 0;
            }
            seed++;
            long n = 0;
            TimeSpan cpu0 = self.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed.TotalSeconds < duration)
            {
                for (int i = 0; i < 64; i++)
                {
                    StepOutcome o = env.Step(default(DrivingAction), obs);
                    recorder?.Step(default(DrivingAction), o);
                    n++;
                    if (o.Done)
                    {
                        recorder?.Complete();
                        recorder = null;
                        env.Reset(seed, obs);
                        recorder = record ? EpisodeRecorder.Start(Path.Combine(target, $"bench-{seed}.mcap"), env, seed, options) : null;
                        seed++;
                    }
                }
            }
            if (recorder != null)
            {
                // Closing (summary, fsync) counts: it is part of what recording costs.
                recorder.Complete();
                dropped += recorder.DroppedVisuals;
            }
            clock.Stop();
            self.Refresh();
            double cpu = (self.TotalProcessorTime - cpu0).TotalMicroseconds / n;
            if (record)
            {
                steps += n;
            }
            return (n / clock.Elapsed.TotalSeconds, cpu);
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
