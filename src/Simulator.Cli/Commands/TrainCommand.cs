using System.CommandLine;
using System.Runtime.InteropServices;
using Simulator.Core;
using Simulator.Learning.Driving;
using Simulator.Learning.Env;
using Simulator.Learning.Runs;
using Simulator.Viewer;
using Spectre.Console;

namespace Simulator.Cli.Commands;

/// <summary>`sim train`: PPO (with an optional behaviour-cloning warm start) on driving scenes into a run folder.</summary>
internal static class TrainCommand
{
    /// <summary>Exit code of a run stopped by SIGINT (Ctrl-C) or SIGTERM after saving its checkpoint (128 + SIGINT).</summary>
    public const int StoppedExitCode = 130;

    public static Command Create()
    {
        var config = CommonOptions.InputFile("--config", "Trainer config (YAML), e.g. models/configs/ppo-pixels.yaml (not with --resume: a resumed run uses the config recorded in its folder)", aliases: "-c");
        var scene = new Option<string?>("--scene", "-s") { Description = "Train on this scene only (overrides the config's scenes and generator; not with --resume)" };
        var envs = CommonOptions.OptionalInt("--envs", "Parallel envs (overrides the config; with --resume too, recorded in the run's config.yaml)", 1, 1024);
        var steps = CommonOptions.OptionalLong("--steps", "Total env steps (overrides the config; with --resume it extends the run)", 1, 1_000_000_000_000);
        var learningRate = CommonOptions.OptionalNumber("--learning-rate", "PPO learning rate (overrides ppo.learning_rate; with --resume too, recorded in the run's config.yaml)", 1e-12, 1);
        var output = CommonOptions.OutputFolder("--out", "Run folder (default runs/<name>; required with --resume); created when missing", "-o");
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out from its latest checkpoint (a run stopped before its first checkpoint starts over)" };
        var restart = new Option<bool>("--restart") { Description = "Discard the run already in --out (only the files a run writes) and start over" };
        var initFrom = CommonOptions.InputFile("--init-from", "Start the new run from this trained model's weights (transfer; observation and network shapes must match; not with --resume); recorded in config.yaml as init");
        var freezeEncoder = new Option<bool>("--freeze-encoder") { Description = "With --init-from: keep the image encoder's weights fixed, train only the rest (recorded as ppo.freeze_encoder)" };
        var watch = new Option<bool>("--watch") { Description = "Watch training in a window: env 0 in 3D with the HUD (E: next env), the training plots and the envs' cameras; " +
            "it draws on its own thread and never slows or changes training; closing it leaves training running (Ctrl-C stops training)" };
        var viewer = ViewerOptionSet.ForTraining();
        var foxglove = LiveTelemetry.Option();
        var recordEvery = CommonOptions.OptionalInt("--record-every", "Record every K-th episode (counted over all envs) to <run>/recordings as MCAP files (sim replay)", 1, 1_000_000);
        var cmd = new Command("train", "Train a driving policy with PPO; writes config, checkpoints, metrics.csv and TensorBoard events to a run folder. " +
            "Exit codes: 0 done, 130 stopped by Ctrl-C/SIGINT or SIGTERM (checkpoint saved; --resume continues), 1 failed, 2 bad input or the folder is in use")
        {
            config, scene, envs, steps, learningRate, output, resume, restart, initFrom, freezeEncoder, watch, foxglove, recordEvery,
        };
        viewer.AddTo(cmd);
        cmd.SetAction((parse, cancel) => Task.FromResult(Run(parse, new Request(parse.GetValue(config), parse.GetValue(scene), parse.GetValue(envs), parse.GetValue(steps),
            parse.GetValue(learningRate), parse.GetValue(output), parse.GetValue(resume), parse.GetValue(restart),
            parse.GetValue(watch) ? viewer.Options(parse) : null, viewer.Screenshot(parse), parse.GetValue(recordEvery), parse.GetValue(initFrom), parse.GetValue(freezeEncoder)), cancel)));
        return cmd;
    }

    private sealed record Request(string? ConfigPath, string? Scene, int? Envs, long? Steps, double? LearningRate, string? OutDir, bool Resume, bool Restart, ViewerOptions? Watch, string? Screenshot, int? RecordEvery,
        string? InitFrom = null, bool FreezeEncoder = false);

    private static int Run(ParseResult parse, Request r, CancellationToken cancel)
    {
        var output = new Output(parse);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        // SIGINT and SIGTERM stop the run at the next safe point (between BC epochs or PPO iterations), after which it
        // saves its checkpoint and exits 130. Registered first, so a signal during set-up is an orderly stop too.
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        // Started before the run folder is touched: a port in use stops the command with nothing written.
        using var live = LiveTelemetry.Start(parse);
        TrainWatch? watch = null;
        try
        {
            var (folder, config, resume) = OpenRun(output, r, ref watch);
            using var owned = folder;
            int code = Train(output, config, folder, resume, watch, r.Screenshot, live, r.RecordEvery, stop.Token);
            LiveTelemetry.Report(parse, live);
            return code;
        }
        finally
        {
            watch?.Dispose();
        }
    }

    /// <summary>Loads or resumes the run; with --watch the window opens before the folder is touched, so no display
    /// stops the command with nothing written.</summary>
    private static (RunFolder Folder, TrainerConfig Config, bool Resume) OpenRun(Output output, Request r, ref TrainWatch? watch)
    {
        if (r.Resume)
        {
            watch = OpenWatch(r, RecordedEnvs(r));
            var (resumed, recorded) = OpenForResume(output, r);
            return (resumed, recorded, resumed.HasCheckpoint);
        }
        if (r.ConfigPath is null)
        {
            throw new SimInputException("no trainer config given", path: "--config", hint: "pass --config models/configs/ppo-pixels.yaml (or a copy of it)");
        }
        TrainerConfig config = TrainerConfigYaml.Load(r.ConfigPath);
        if (r.Scene != null)
        {
            config = config with { Scenes = [r.Scene], Generator = null };
        }
        config = WithOverrides(config, r, out _);
        if (r.FreezeEncoder && r.InitFrom is null)
        {
            throw new SimInputException("--freeze-encoder needs --init-from", path: "--freeze-encoder", hint: "freeze the encoder of a trained model: pass --init-from MODEL");
        }
        if (r.InitFrom != null)
        {
            config = config with { Init = InitModel.Of(r.InitFrom), Ppo = r.FreezeEncoder ? config.Ppo with { FreezeEncoder = true } : config.Ppo };
        }
        TrainerConfigYaml.Validate(config, "command line");
        // Fail on unknown or invalid scenes before anything is written.
        TrainingScenes.Training(config, CommonOptions.ResolveScene, config.Envs);
        watch = OpenWatch(r, config.Envs);
        return (RunFolder.Create(r.OutDir ?? DefaultFolder(config), config, r.Restart), config, false);
    }

    private static TrainWatch? OpenWatch(Request r, int envs) => r.Watch is { } options ? TrainWatch.Open(options, envs) : null;

    // Envs of the run being resumed (for the window's env slots), read before the folder is opened; a folder without a
    // readable config.yaml is reported by RunFolder.Resume right after.
    private static int RecordedEnvs(Request r)
    {
        if (r.Envs is { } n)
        {
            return n;
        }
        string path = Path.Combine(r.OutDir ?? ".", "config.yaml");
        try
        {
            return File.Exists(path) ? TrainerConfigYaml.Load(path).Envs : 1;
        }
        catch (SimException)
        {
            return 1;
        }
    }

    /// <summary>Opens the run in --out to continue it, applying and recording the overrides a resume accepts.</summary>
    private static (RunFolder Folder, TrainerConfig Config) OpenForResume(Output output, Request r)
    {
        string? refused = r.ConfigPath != null ? "--config" : r.Scene != null ? "--scene" : r.Restart ? "--restart"
            : r.InitFrom != null ? "--init-from" : r.FreezeEncoder ? "--freeze-encoder" : null;
        if (refused != null)
        {
            throw new SimInputException($"{refused} cannot be combined with --resume", path: refused,
                hint: "a resumed run keeps the config recorded in its folder; --resume accepts --steps, --envs and --learning-rate, or use --restart to start over");
        }
        if (r.OutDir is null)
        {
            throw new SimInputException("--resume needs the run folder", path: "--out", hint: "pass --out runs/<name>");
        }
        var (folder, recorded) = RunFolder.Resume(r.OutDir);
        try
        {
            TrainerConfig config = WithOverrides(recorded, r, out List<string> changes);
            TrainerConfigYaml.Validate(config, "command line");
            if (!folder.HasCheckpoint)
            {
                output.Line($"sim train: {folder.Directory} has no checkpoint yet (stopped before the first one): starting the run over from its config.yaml");
                folder.StartOver();
            }
            if (changes.Count > 0)
            {
                long at = folder.HasCheckpoint ? ModelFile.ReadMeta(folder.LatestPath).TotalSteps : 0;
                folder.RecordResume(config, at, changes);
            }
            return (folder, config);
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    private static TrainerConfig WithOverrides(TrainerConfig config, Request r, out List<string> changes)
    {
        changes = [];
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        if (r.Envs is { } n && n != config.Envs)
        {
            changes.Add(string.Create(inv, $"envs {n} (was {config.Envs})"));
            config = config with { Envs = n };
        }
        if (r.Steps is { } s && s != config.TotalSteps)
        {
            changes.Add(string.Create(inv, $"total_steps {s} (was {config.TotalSteps})"));
            config = config with { TotalSteps = s };
        }
        if (r.LearningRate is { } lr && lr != config.Ppo.LearningRate)
        {
            changes.Add(string.Create(inv, $"ppo.learning_rate {lr:R} (was {config.Ppo.LearningRate:R})"));
            config = config with { Ppo = config.Ppo with { LearningRate = lr } };
        }
        return config;
    }

    /// <summary>bc.demo_steps of autopilot driving and/or the recorded bc.demos, in the network's layout.</summary>
    private static Learning.Imitation.BcDataset Demonstrations(TrainerConfig config, IReadOnlyList<Driving.Runtime.CompiledScene> scenes, Learning.Env.ObservationSpec spec,
        string perceptionRoot)
    {
        var parts = new List<Learning.Imitation.BcDataset>();
        if (config.Bc.Demos.Length > 0)
        {
            // Recordings are rendered from the training camera (the first training scene's ego camera sensor).
            var camera = scenes[0].Description.Egos[0].Sensors.FirstOrDefault(s => s.Kind == Driving.Scenes.SensorKind.Camera);
            parts.Add(Datasets.DemoSources.Load(config.Bc.Demos, spec, config.Ppo.Network.FrameStack, config.Actions, config.ActionRepeat, camera));
        }
        if (config.Bc.DemoSteps > 0)
        {
            parts.Add(DemonstrationCollector.Collect(scenes, config.Bc.DemoSteps, Rng.Derive(config.Seed, (ulong)RngStream.Custom, 18), config.Actions,
                config.Ppo.Network.FrameStack, null, config.EnvThreads, config.Bc.SteerNoise, config.ActionRepeat, config.Perception, perceptionRoot));
        }
        return Datasets.DemoSources.Concat(parts);
    }

    private static int Train(Output output, TrainerConfig config, RunFolder folder, bool resume, TrainWatch? watch, string? screenshot, Telemetry.Live.FoxgloveLive? live,
        int? recordEvery, CancellationToken cancel)
    {
        var scenes = TrainingScenes.Training(config, CommonOptions.ResolveScene, config.Envs);
        var evalScenes = TrainingScenes.Evaluation(config, CommonOptions.ResolveScene);
        var device = TrainerConfigYaml.ParseDevice(config.Device);
        string root = CommonOptions.RepoRoot();
        using IDrivingVectorEnv learner = DrivingEnvs.Create(scenes, config.Actions, config.Perception, root, null, config.EnvThreads, null, config.ActionRepeat);
        DrivingVectorEnv env = learner.DrivingEnv;
        IVectorEnv learnerEnv = learner;
        using var recording = recordEvery is { } every
            ? RecordOption.Create(Path.Combine(folder.Directory, "recordings"), null, File.ReadAllText(folder.ConfigPath), every, keepUnfinished: false)
            : null;
        env.Inner.Sink = recording;
        if (live != null)
        {
            learnerEnv = new FoxgloveTrainEnv(learnerEnv, env, live);
        }
        var hooks = new TrainingHooks
        {
            Evaluate = policy => PolicyEvaluator.Run(policy, evalScenes, new EvalSettings
            {
                Episodes = config.Eval.Episodes,
                Seed = Rng.Derive(config.Seed, (ulong)RngStream.Custom, 17),
                MaxSteps = config.Eval.MaxSteps,
                Actions = config.Actions,
                ActionRepeat = config.ActionRepeat,
                Perception = config.Perception,
                PerceptionRoot = root,
                Device = device,
                Threads = config.EnvThreads,
            }),
            Demonstrations = () =>
            {
                var demos = Demonstrations(config, scenes, learner.ObservationSpec, root);
                output.Line($"sim train: behaviour cloning warm start on {demos.Count} demonstration samples");
                return demos;
            },
        };
        output.Line($"sim train: run folder {folder.Directory} ({(resume ? "resumed" : "new")}), {config.Envs} envs on {scenes.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count()} scene(s), " +
            $"{ModelMeta.Describe(learner.ObservationSpec)}{(config.Perception is { } perception ? $" (perception: {perception.Describe()})" : "")}, {ModelMeta.Describe(env.ActionSpec)}, {config.TotalSteps:#,0} steps, device {config.Device}" +
            (env.Inner.RenderDevice is { } gpu ? $", cameras rendered on {gpu}" : ""));
        TrainingRun created;
        try
        {
            created = new TrainingRun(config, folder, learnerEnv, hooks, resume);
        }
        catch (SimInputException) when (!resume && !folder.HasCheckpoint)
        {
            folder.DiscardNew(); // e.g. an --init-from model that does not fit: nothing of the run is left behind
            throw;
        }
        using var run = created;
        if (live != null)
        {
            run.Progress += p => live.PublishMetrics(FoxgloveTrainEnv.Metrics(p));
        }
        if (watch != null)
        {
            watch.Attach(env);
            run.Trainer.Observer = watch;
            output.Line("sim train: watching in a window (E: next env); closing it leaves training running, Ctrl-C stops training");
        }
        TrainingSummary summary;
        try
        {
            summary = (output.Writer == Console.Out && !Console.IsOutputRedirected)
                ? RunWithProgress(output, run, cancel)
                : RunWithLines(output, run, cancel);
        }
        finally
        {
            if (watch != null)
            {
                foreach (string line in watch.Finish(screenshot))
                {
                    output.Line(line);
                }
            }
        }
        if (recording != null)
        {
            recording.Dispose();
            output.Line($"sim train: recorded {recording.Files.Count} episode(s) in {recording.Folder} (every {recording.Every}th; sim replay FILE)");
        }
        if (!folder.HasCheckpoint)
        {
            output.Line($"stopped before the first checkpoint; sim train --resume --out {folder.Directory} starts the run over");
            return StoppedExitCode;
        }
        output.Line($"{(summary.Cancelled ? "stopped" : "done")} at step {summary.TotalSteps:#,0} (iteration {summary.Iterations}); " +
            $"latest: {folder.LatestPath}" + (File.Exists(folder.BestPath) ? $"; best: {folder.BestPath} (lap completion {Output.F(summary.BestLapCompletion * 100)} %, return {Output.F(summary.BestReturn)})" : "") +
            (summary.Cancelled ? $"; sim train --resume --out {folder.Directory} continues it" : ""));
        return summary.Cancelled ? StoppedExitCode : 0;
    }

    private static string DefaultFolder(TrainerConfig config) => Path.Combine("runs", config.Name);

    private static TrainingSummary RunWithLines(Output output, TrainingRun run, CancellationToken cancel)
    {
        run.Progress += p => output.Line(Describe(p));
        return run.Run(cancel);
    }

    private static TrainingSummary RunWithProgress(Output output, TrainingRun run, CancellationToken cancel)
    {
        TrainingSummary? summary = null;
        output.Console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("training", maxValue: 1.0);
                run.Progress += p =>
                {
                    task.Value = p.TargetSteps > 0 ? Math.Min(1.0, (double)p.Stats.TotalSteps / p.TargetSteps) : 1.0;
                    task.Description = Markup.Escape(Describe(p));
                };
                summary = run.Run(cancel);
                task.Value = 1.0;
            });
        return summary!;
    }

    private static string Describe(TrainingProgress p)
    {
        var s = p.Stats;
        string lap = p.LastEval is { } e ? $"{Output.F(e.LapCompletion * 100)} %" : "-";
        double eta = p.StepsPerSecond > 0 ? (p.TargetSteps - s.TotalSteps) / p.StepsPerSecond : double.NaN;
        return $"it {s.Iteration} step {s.TotalSteps:#,0}/{p.TargetSteps:#,0}  {Output.F(p.StepsPerSecond, "#,0")} steps/s  return {Output.F(s.MeanEpisodeReturn)}  " +
            $"lap {lap}  vloss {Output.F(s.ValueLoss, "0.000")}  eta {Output.F(eta / 60, "0.0")} min" + (string.IsNullOrEmpty(p.Note) ? "" : $"  [{p.Note}]");
    }
}
