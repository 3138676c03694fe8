using System.CommandLine;
using Simulator.Core;
using Simulator.Learning.Driving;
using Simulator.Learning.Env;
using Simulator.Learning.Runs;
using Simulator.World;
using Spectre.Console;

namespace Simulator.Cli.Commands;

/// <summary>`sim train`: PPO (with an optional behaviour-cloning warm start) on driving scenes into a run folder.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var config = CommonOptions.InputFile("--config", "Trainer config (YAML), e.g. models/configs/ppo-pixels.yaml", aliases: "-c");
        var scene = new Option<string?>("--scene", "-s") { Description = "Train on this scene only (overrides the config's scenes and generator)" };
        var envs = CommonOptions.OptionalInt("--envs", "Parallel envs (overrides the config)", 1, 1024);
        var steps = CommonOptions.OptionalLong("--steps", "Total env steps (overrides the config; with --resume it extends the run)", 1, 1_000_000_000_000);
        var output = CommonOptions.OutputFolder("--out", "Run folder (default runs/<name>); created when missing", "-o");
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out from its latest checkpoint" };
        var watch = new Option<bool>("--watch") { Description = "Show env 0 live (published on the world bus as TrainingStep messages)" };
        var cmd = new Command("train", "Train a driving policy with PPO; writes config, checkpoints, metrics.csv and TensorBoard events to a run folder")
        {
            config, scene, envs, steps, output, resume, watch,
        };
        cmd.SetAction((parse, cancel) => Task.FromResult(Run(parse, parse.GetValue(config), parse.GetValue(scene), parse.GetValue(envs), parse.GetValue(steps),
            parse.GetValue(output), parse.GetValue(resume), parse.GetValue(watch), cancel)));
        return cmd;
    }

    private static int Run(ParseResult parse, string? configPath, string? scene, int? envs, long? steps, string? outDir, bool resume, bool watch, CancellationToken cancel)
    {
        var output = new Output(parse);
        TrainerConfig config;
        RunFolder folder;
        if (resume)
        {
            string dir = outDir ?? (configPath != null ? DefaultFolder(TrainerConfigYaml.Load(configPath)) : throw new SimInputException("--resume needs the run folder", path: "--out", hint: "pass --out runs/<name> (or the --config the run started from)"));
            (folder, config) = RunFolder.Resume(dir);
            if (steps is { } more)
            {
                config = config with { TotalSteps = more };
                TrainerConfigYaml.Validate(config, "--steps");
            }
        }
        else
        {
            if (configPath is null)
            {
                throw new SimInputException("no trainer config given", path: "--config", hint: "pass --config models/configs/ppo-pixels.yaml (or a copy of it)");
            }
            config = TrainerConfigYaml.Load(configPath);
            if (scene != null)
            {
                config = config with { Scenes = [scene], Generator = null };
            }
            if (envs is { } n)
            {
                config = config with { Envs = n };
            }
            if (steps is { } s)
            {
                config = config with { TotalSteps = s };
            }
            TrainerConfigYaml.Validate(config, "command line");
            // Fail on unknown or invalid scenes before anything is written.
            TrainingScenes.Training(config, CommonOptions.ResolveScene, config.Envs);
            folder = RunFolder.Create(outDir ?? DefaultFolder(config), config);
        }

        var scenes = TrainingScenes.Training(config, CommonOptions.ResolveScene, config.Envs);
        var evalScenes = TrainingScenes.Evaluation(config, CommonOptions.ResolveScene);
        var device = TrainerConfigYaml.ParseDevice(config.Device);
        using var env = new DrivingVectorEnv(scenes, config.Actions, null, config.EnvThreads) { ActionRepeat = config.ActionRepeat };
        var bus = new MessageBus();
        IVectorEnv learnerEnv = watch ? new WatchedEnv(env, bus) : env;
        var hooks = new TrainingHooks
        {
            Evaluate = policy => PolicyEvaluator.Run(policy, evalScenes, new EvalSettings
            {
                Episodes = config.Eval.Episodes,
                Seed = Rng.Derive(config.Seed, (ulong)RngStream.Custom, 17),
                MaxSteps = config.Eval.MaxSteps,
                Actions = config.Actions,
                ActionRepeat = config.ActionRepeat,
                Device = device,
                Threads = config.EnvThreads,
            }),
            Demonstrations = () => DemonstrationCollector.Collect(scenes, config.Bc.DemoSteps, Rng.Derive(config.Seed, (ulong)RngStream.Custom, 18), config.Actions,
                config.Ppo.Network.FrameStack, null, config.EnvThreads, config.Bc.SteerNoise, config.ActionRepeat),
        };
        output.Line($"sim train: run folder {folder.Directory} ({(resume ? "resumed" : "new")}), {config.Envs} envs on {scenes.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count()} scene(s), " +
            $"{ModelMeta.Describe(env.ObservationSpec)}, {ModelMeta.Describe(env.ActionSpec)}, {config.TotalSteps:#,0} steps, device {config.Device}" +
            (env.Inner.RenderDevice is { } gpu ? $", cameras rendered on {gpu}" : ""));
        using var run = new TrainingRun(config, folder, learnerEnv, hooks, resume);
        var watcher = watch ? bus.SubscribeBuffered<TrainingStep>(4096, OverflowPolicy.DropOldest) : null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; stop.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            TrainingSummary summary = (output.Writer == Console.Out && !Console.IsOutputRedirected)
                ? RunWithProgress(output, run, watcher, stop.Token)
                : RunWithLines(output, run, watcher, stop.Token);
            output.Line($"{(summary.Cancelled ? "stopped" : "done")} at step {summary.TotalSteps:#,0} (iteration {summary.Iterations}); " +
                $"latest: {folder.LatestPath}" + (File.Exists(folder.BestPath) ? $"; best: {folder.BestPath} (lap completion {Output.F(summary.BestLapCompletion * 100)} %, return {Output.F(summary.BestReturn)})" : ""));
            return 0;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
            watcher?.Dispose();
        }
    }

    private static string DefaultFolder(TrainerConfig config) => Path.Combine("runs", config.Name);

    private static TrainingSummary RunWithLines(Output output, TrainingRun run, BufferedSubscription<TrainingStep>? watcher, CancellationToken cancel)
    {
        run.Progress += p => output.Line(Describe(p) + Watch(watcher));
        return run.Run(cancel);
    }

    private static TrainingSummary RunWithProgress(Output output, TrainingRun run, BufferedSubscription<TrainingStep>? watcher, CancellationToken cancel)
    {
        TrainingSummary? summary = null;
        output.Console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("training", maxValue: 1.0);
                run.Progress += p =>
                {
                    task.Value = Math.Min(1.0, (double)p.Stats.TotalSteps / p.TargetSteps);
                    task.Description = Markup.Escape(Describe(p) + Watch(watcher));
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

    private static string Watch(BufferedSubscription<TrainingStep>? watcher)
    {
        if (watcher is null)
        {
            return "";
        }
        TrainingStep last = default;
        bool any = false;
        while (watcher.TryRead(out var m))
        {
            last = m;
            any = true;
        }
        return any ? $"  | env0 x {Output.F(last.X)} y {Output.F(last.Y)} v {Output.F(last.Speed, "0.0")} m/s lap {last.Laps}+{Output.F(last.LapProgress, "0.00")}" : "";
    }
}
