using System.CommandLine;
using Simulator.Core;
using Simulator.Driving.Runtime;
using Simulator.Learning.Driving;
using Simulator.Learning.Env;
using Simulator.Learning.Runs;

namespace Simulator.Cli.Commands;

/// <summary>
/// `sim demo`: the shipped agent drives laps of generated tracks it never saw in training, from its camera alone
/// (rendered headless with Vulkan), and prints the lap results; `--autopilot` shows the expert driver instead.
/// Both exit 1 unless every lap is completed cleanly.
/// </summary>
internal static class DemoCommand
{
    public const string ModelFile = "models/pixels-driver.pt";
    public const string ModelConfig = "models/configs/pixels.yaml";

    public static Command Create()
    {
        var tracks = CommonOptions.Positive("--tracks", "Held-out generated tracks to drive (one lap each)", 3, 100);
        var firstSeed = CommonOptions.Seed("--first-seed", "Seed of the first track (10000+ were never used in training)", 10_000UL);
        var autopilot = new Option<bool>("--autopilot") { Description = "Show the autopilot on a scene instead of the trained agent" };
        var scene = CommonOptions.Scene();
        var episodes = CommonOptions.Positive("--episodes", "Autopilot laps (with --autopilot)", 3, 1000);
        var seed = CommonOptions.Seed();
        var json = CommonOptions.Json();
        var record = RecordOption.Create();
        var cmd = new Command("demo", "The trained agent drives held-out tracks from its camera alone; lap results (--autopilot: the expert driver on a scene)")
        {
            tracks, firstSeed, autopilot, scene, episodes, seed, json, record,
        };
        cmd.SetAction(parse =>
        {
            var output = new Output(parse);
            bool asJson = parse.GetValue(json);
            if (parse.GetValue(autopilot))
            {
                var compiled = SceneCompiler.Load(CommonOptions.ResolveScene(parse.GetValue(scene)!));
                if (!asJson)
                {
                    output.Line($"demo: autopilot on '{compiled.Name}' ({compiled.Track.Length:0} m, {compiled.Description.Lanes.Count} lane(s)), headless, {1 / compiled.FixedDeltaTime:0} Hz physics");
                }
                var autopilotRecording = RecordOption.Start(parse);
                var laps = DriveCommand.RunEpisodes(compiled, parse.GetValue(episodes), parse.GetValue(seed), sink: autopilotRecording);
                RecordOption.Finish(parse, autopilotRecording);
                DriveCommand.Report(output, laps, asJson);
                return ExitCode(laps);
            }
            string root = CommonOptions.RepoRoot();
            string modelPath = Path.Combine(root, ModelFile);
            if (!File.Exists(modelPath))
            {
                throw new SimRuntimeException($"the shipped model {ModelFile} is missing; train it with ./sim train --config {ModelConfig} and copy best.pt there");
            }
            var (policy, meta) = Learning.Runs.ModelFile.LoadPolicy(modelPath);
            using var _ = policy;
            // Deployed as every command deploys a model (its sensors and speed limiter; the same as its config's here).
            var scenes = EvalCommand.HeldOutTracks(Path.Combine(root, ModelConfig), parse.GetValue(firstSeed), parse.GetValue(tracks))
                .ConvertAll(s => ModelDeployment.Mount(s, meta, modelPath));
            if (!asJson)
            {
                output.Line($"demo: the shipped agent ({ModelFile}: {meta.ImageChannels}x{meta.ImageHeight}x{meta.ImageWidth} camera frames x{meta.Network.FrameStack}, " +
                    $"no other inputs) drives {scenes.Count} generated track(s) never seen in training, headless (Vulkan), one lap each");
            }
            using var recording = RecordOption.Start(parse, modelPath, keepUnfinished: false);
            var report = PolicyEvaluator.Run(policy, scenes, EvalSettings.ForModel(meta, root) with
            {
                Sink = recording,
                Episodes = 1,
                Seed = parse.GetValue(seed),
            });
            RecordOption.Finish(parse, recording);
            DriveCommand.Report(output, report.Episodes, asJson);
            return ExitCode(report.Episodes);
        });
        return cmd;
    }

    /// <summary>Both demos claim laps: 0 when every episode completed its lap cleanly, 1 otherwise (results printed either way).</summary>
    private static int ExitCode(IReadOnlyList<Simulator.Driving.Env.EpisodeSummary> episodes) => episodes.All(e => e.CleanLap) ? 0 : 1;
}
