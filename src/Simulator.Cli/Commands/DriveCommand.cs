using System.CommandLine;
using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Spectre.Console;

namespace Simulator.Cli.Commands;

/// <summary>`sim drive`: drives episodes of a scene headless and reports each one.</summary>
internal static class DriveCommand
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Command, PerceptionOptionSet> s_perception = [];

    /// <summary>The perception options of a `sim drive` command (shared by its --model and --watch variants; each command
    /// tree has its own option objects).</summary>
    public static PerceptionOptionSet PerceptionOf(Command drive) =>
        s_perception.TryGetValue(drive, out var set) ? set : throw new InvalidOperationException("not a sim drive command");

    public static Command Create()
    {
        var perception = PerceptionOptionSet.Create();
        var scene = CommonOptions.Scene();
        var episodes = CommonOptions.Positive("--episodes", "Number of episodes", 1, 100_000);
        var seed = CommonOptions.Seed();
        var json = CommonOptions.Json();
        var foxglove = LiveTelemetry.Option();
        var realtime = new Option<bool>("--realtime") { Description = "Pace the drive to simulated time (one simulated second per second), e.g. to watch it with --foxglove" };
        var record = RecordOption.Create();
        var cmd = new Command("drive", "Drive episodes of a scene with the autopilot (headless) and report laps, lap times, collisions")
        {
            scene, episodes, seed, json, foxglove, realtime, record, RecordOption.CameraOption(),
        };
        perception.AddTo(cmd);
        s_perception.Add(cmd, perception);
        cmd.SetAction(parse =>
        {
            var compiled = SceneCompiler.Load(CommonOptions.ResolveScene(parse.GetValue(scene)!));
            using var live = LiveTelemetry.Start(parse);
            using var perceiving = perception.Start(parse);
            var recording = RecordOption.Start(parse, perception: perceiving is not null);
            var observer = LiveTelemetry.Observer(live, perceiving);
            observer = Perceiving(perceiving, recording, observer);
            if (parse.GetValue(realtime))
            {
                observer = LiveTelemetry.Paced(observer, compiled.FixedDeltaTime);
            }
            var results = RunEpisodes(compiled, parse.GetValue(episodes), parse.GetValue(seed), observer: observer, sink: recording);
            RecordOption.Finish(parse, recording);
            Report(new Output(parse), results, parse.GetValue(json));
            LiveTelemetry.Report(parse, live);
            PerceptionOptionSet.Report(parse, perceiving);
            return 0;
        });
        return cmd;
    }

    /// <summary>Runs perception on the env after every reset and step (its outputs into the open recording), then <paramref name="then"/>.</summary>
    public static Action<DrivingEnv>? Perceiving(Perception.Loop.LivePerception? perception, Recording.RecordingFolder? recording, Action<DrivingEnv>? then) =>
        perception is null ? then : env =>
        {
            var overlay = perception.Observe(env.Snapshot);
            if (recording is not null)
            {
                recording.Perception(env, overlay);
                recording.Frame(env, overlay.Image, overlay.ImageWidth, overlay.ImageHeight, 4);
            }
            then?.Invoke(env);
        };

    public static List<EpisodeSummary> RunEpisodes(CompiledScene scene, int episodes, ulong seed, DrivingPolicy? policy = null, Action<DrivingEnv>? observer = null,
        IEpisodeSink? sink = null)
    {
        var env = new DrivingEnv(scene, new EnvOptions { Autopilot = policy is null });
        var results = new List<EpisodeSummary>(episodes);
        for (int i = 0; i < episodes; i++)
        {
            results.Add(EpisodeRunner.Run(env, seed + (ulong)i, policy, observer: observer, sink: sink));
        }
        return results;
    }

    public static void Report(Output output, IReadOnlyList<EpisodeSummary> results, bool json)
    {
        if (json)
        {
            output.Json(results.Select(r => new
            {
                r.Scene, r.Seed, end = r.End.ToString(), r.Laps, r.LastLapTime, r.BestLapTime, r.Distance, r.Time, r.MeanSpeed,
                r.Collisions, r.OffRoadTime, r.YieldFailures, r.Return, r.CleanLap,
            }));
            return;
        }
        var table = new Table().AddColumns("episode", "scene", "seed", "end", "laps", "lap time (s)", "distance (m)", "mean speed (m/s)", "collisions", "off-road (s)", "yield failures", "return");
        for (int i = 0; i < results.Count; i++)
        {
            var r = results[i];
            table.AddRow($"{i + 1}", Markup.Escape(r.Scene), $"{r.Seed}", r.End.ToString(), $"{r.Laps}", r.Laps > 0 ? Output.F(r.LastLapTime, "0.00") : "-",
                Output.F(r.Distance), Output.F(r.MeanSpeed, "0.00"), $"{r.Collisions}", Output.F(r.OffRoadTime, "0.00"), $"{r.YieldFailures}", Output.F(r.Return, "0.0"));
        }
        output.Console.Write(table);
        int clean = results.Count(r => r.CleanLap);
        output.Line($"{clean}/{results.Count} episodes completed their laps cleanly (no collision, never off the road); " +
            $"walker yield failures: {results.Sum(r => r.YieldFailures)}.");
    }
}
