using Simulator.Learning.Env;
using Simulator.Driving.Env;
using Simulator.Driving.Scenes;
using System.CommandLine;
using System.CommandLine.Invocation;
using Simulator.Driving.Runtime;
using Simulator.Learning.Driving;
using Simulator.Learning.Runs;

namespace Simulator.Cli.Commands;

/// <summary>
/// Adds `--model M` to `sim drive`: the episodes are driven by a trained policy instead of the autopilot. Kept
/// beside DriveCommand (not inside it) so the training side can evolve without touching the drive command.
/// </summary>
internal static class DriveModelOption
{
    public static Command Attach(Command drive)
    {
        var perception = DriveCommand.PerceptionOf(drive);
        var model = CommonOptions.InputFile("--model", "Drive with a trained model (runs/<name>/checkpoints/best.pt) instead of the autopilot", aliases: "-m");
        drive.Options.Add(model);
        var autopilot = drive.Action as SynchronousCommandLineAction
            ?? throw new InvalidOperationException("sim drive is expected to have a synchronous action");
        drive.SetAction(parse =>
        {
            string? path = parse.GetValue(model);
            if (path is null)
            {
                return autopilot.Invoke(parse);
            }
            var (policy, meta) = ModelFile.LoadPolicy(path);
            using var p = policy;
            var description = ModelDeployment.Mount(SceneLoader.LoadFile(CommonOptions.ResolveScene(parse.GetValue<string>("--scene")!)), meta, path);
            var compiled = SceneCompiler.Compile(description);
            string root = CommonOptions.RepoRoot();
            // Shapes from the scene's sensors: no env, no render device, no perception models just to check them.
            var (observationSpec, actionSpec) = DrivingEnvs.SpecsForModel(meta, [compiled]);
            ModelFile.CheckFits(meta, observationSpec, actionSpec, path, $"scene '{compiled.Name}'");
            int episodes = parse.GetValue<int>("--episodes");
            ulong seed = parse.GetValue<ulong>("--seed");
            IReadOnlyList<EpisodeSummary> results;
            using var perceiving = perception.Start(parse);
            using var recording = RecordOption.Start(parse, path, keepUnfinished: false, perception: perceiving is not null);
            bool cameraFrames = recording?.Options.CameraFrames == true;
            if (meta.UsesCamera() && (perceiving is not null || cameraFrames || parse.GetValue<Telemetry.Live.FoxgloveEndpoint?>(LiveTelemetry.OptionName) is not null))
            {
                // Streamed or perceived: one env, one agent step at a time (the same episodes as the batch below), with the camera frame.
                using var live = LiveTelemetry.Start(parse);
                using var run = new CameraModelRun(policy, meta, compiled, seed, root) { Sink = recording };
                results = run.RunEpisodes(episodes, r =>
                {
                    if (perceiving is not null)
                    {
                        var overlay = perceiving.Observe(r.Env.Snapshot);
                        recording?.Perception(r.Env, overlay);
                        recording?.Frame(r.Env, overlay.Image, overlay.ImageWidth, overlay.ImageHeight, 4);
                    }
                    else if (recording is not null && r.FrameChannels > 0)
                    {
                        recording.Frame(r.Env, r.Frame, r.FrameWidth, r.FrameHeight, r.FrameChannels);
                    }
                    CameraStepper.Publish(live, r, perceiving?.Overlay);
                });
                LiveTelemetry.Report(parse, live);
            }
            else if (meta.UsesCamera())
            {
                // Camera models (pixels or perception) drive through the batched env path (rendering, frame stacking, action repeat).
                results = PolicyEvaluator.Run(policy, [compiled], EvalSettings.ForModel(meta, root) with
                {
                    Episodes = episodes,
                    Seed = seed,
                    Sink = recording,
                }).Episodes;
            }
            else
            {
                using var driver = new ModelDriver(policy, seed);
                using var live = LiveTelemetry.Start(parse);
                results = DriveCommand.RunEpisodes(compiled, episodes, seed, driver.Act,
                    DriveCommand.Perceiving(perceiving, recording, LiveTelemetry.Observer(live, perceiving)), recording);
                LiveTelemetry.Report(parse, live);
            }
            RecordOption.Finish(parse, recording);
            DriveCommand.Report(new Output(parse), results, parse.GetValue<bool>("--json"));
            PerceptionOptionSet.Report(parse, perceiving);
            return 0;
        });
        return drive;
    }
}
