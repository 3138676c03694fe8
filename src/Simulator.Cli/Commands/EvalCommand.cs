using System.CommandLine;
using Simulator.Learning.Driving;
using Simulator.Learning.Env;
using Simulator.Learning.Runs;
using Spectre.Console;

namespace Simulator.Cli.Commands;

/// <summary>`sim eval`: a trained model on scenes or held-out generated tracks; lap completion, return, safety figures.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var model = CommonOptions.InputFile("--model", "Model file (runs/<name>/checkpoints/best.pt or latest.pt); or --autopilot", aliases: "-m");
        var autopilot = new Option<bool>("--autopilot")
        {
            Description = "Evaluate the autopilot (the expert the agents learn from) instead of a model: same scenes, tracks, seeds and figures",
        };
        var scenes = CommonOptions.SceneList("--scenes", "Comma-separated scene names or paths", "oval", "-s");
        var tracks = CommonOptions.Int("--tracks", "Evaluate on this many generated tracks instead of --scenes (seeds from --first-seed; 0: use --scenes)", 0, 0, 1024);
        var firstSeed = CommonOptions.Seed("--first-seed", "First seed of the generated tracks", 10_000UL);
        var episodes = CommonOptions.Positive("--episodes", "Episodes per scene", 2, 1000);
        var seed = CommonOptions.Seed();
        var maxSteps = CommonOptions.Int("--max-steps", "Cut episodes after this many steps (0 = the scene's limits)", 0, 0, 10_000_000);
        var stochastic = new Option<bool>("--stochastic") { Description = "Sample actions instead of taking the most likely one" };
        var config = CommonOptions.InputFile("--config", "Trainer config whose generator (knobs and ego sensors) and reward block make the --tracks, as its evaluations do; default knobs otherwise");
        var json = CommonOptions.Json();
        var record = RecordOption.Create();
        var cmd = new Command("eval", "Evaluate a trained model: mean return, clean-lap completion, off-road rate, collisions/km, mean speed")
        {
            model, autopilot, scenes, tracks, firstSeed, episodes, seed, maxSteps, stochastic, config, json, record,
        };
        cmd.Subcommands.Add(EvalPerceptionCommand.Create());
        cmd.SetAction(parse =>
        {
            string? path = parse.GetValue(model);
            bool expert = parse.GetValue(autopilot);
            if (expert == (path is not null))
            {
                throw new Core.SimInputException(expert ? "--autopilot and --model exclude each other" : "give --model FILE or --autopilot",
                    path: "--model", hint: "sim eval --model runs/<name>/checkpoints/best.pt, or sim eval --autopilot");
            }
            if (expert && parse.GetValue(stochastic))
            {
                throw new Core.SimInputException("--stochastic samples a model's actions; the autopilot has none to sample", path: "--stochastic",
                    hint: "leave out --stochastic with --autopilot");
            }
            int count = parse.GetValue(tracks);
            var list = count > 0
                ? HeldOutTracks(parse.GetValue(config), parse.GetValue(firstSeed), count)
                : TrainingScenes.Load(parse.GetValue(scenes)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), CommonOptions.ResolveScene);
            var settings = new EvalSettings
            {
                Episodes = parse.GetValue(episodes),
                Seed = parse.GetValue(seed),
                MaxSteps = parse.GetValue(maxSteps),
                Deterministic = !parse.GetValue(stochastic),
            };
            if (expert)
            {
                using var expertRecording = RecordOption.Start(parse, keepUnfinished: false);
                var expertReport = AutopilotEvaluator.Run(list, settings with { Sink = expertRecording });
                RecordOption.Finish(parse, expertRecording);
                Report(new Output(parse), "autopilot", null, expertReport, parse.GetValue(json));
                return 0;
            }
            var (policy, meta) = ModelFile.LoadPolicy(path!);
            using var _ = policy;
            // Deployed as every command deploys a model: its sensors and speed limiter on each scene's ego.
            list = list.ConvertAll(s => ModelDeployment.Mount(s, meta, path!));
            using var recording = RecordOption.Start(parse, path, keepUnfinished: false);
            var report = PolicyEvaluator.Run(policy, list, EvalSettings.ForModel(meta, CommonOptions.RepoRoot()) with
            {
                Episodes = settings.Episodes,
                Seed = settings.Seed,
                MaxSteps = settings.MaxSteps,
                Deterministic = settings.Deterministic,
                Sink = recording,
            });
            RecordOption.Finish(parse, recording);
            Report(new Output(parse), path!, meta, report, parse.GetValue(json));
            return 0;
        });
        return cmd;
    }

    /// <summary>
    /// Generated tracks as a trainer config's evaluation makes them (its generator with random starts off, a lap from
    /// the line, and its reward block, so returns compare with the run's eval.csv), or with the default knobs.
    /// </summary>
    public static List<Driving.Runtime.CompiledScene> HeldOutTracks(string? configPath, ulong firstSeed, int count)
    {
        if (configPath is null)
        {
            return TrainingScenes.Generate(new GeneratorConfig(), firstSeed, count);
        }
        var cfg = TrainerConfigYaml.Load(configPath);
        if (cfg.Generator is null)
        {
            throw new Core.SimInputException("the config has no generator block", configPath, "generator");
        }
        return TrainingScenes.HeldOut(cfg, firstSeed, count);
    }

    private static void Report(Output output, string path, ModelMeta? meta, EvalReport r, bool json)
    {
        if (json)
        {
            output.Json(new
            {
                model = path, TotalSteps = meta?.TotalSteps ?? 0, r.Count, r.MeanReturn, r.LapCompletion, r.OffRoadRate, r.CollisionsPerKm, r.MeanSpeed, r.YieldFailures,
                episodes = r.Episodes.Select(e => new { e.Scene, e.Seed, end = e.End.ToString(), e.Laps, e.LapProgress, e.LastLapTime, e.Distance, e.Time, e.MeanSpeed, e.Collisions, e.OffRoadTime, e.YieldFailures, e.Return, e.CleanLap }),
            });
            return;
        }
        output.Line(meta is null ? $"sim eval: the autopilot, {r.Count} episodes" : $"sim eval: {path} (trained {meta.TotalSteps:#,0} steps), {r.Count} episodes");
        var table = new Table().AddColumns("scene", "seed", "end", "laps", "progress", "distance (m)", "mean speed (m/s)", "collisions", "off-road (s)", "yield failures", "lap time (s)", "return");
        foreach (var e in r.Episodes)
        {
            table.AddRow(Markup.Escape(e.Scene), $"{e.Seed}", e.End.ToString(), $"{e.Laps}", Output.F(e.LapProgress, "0.00"), Output.F(e.Distance),
                Output.F(e.MeanSpeed, "0.00"), $"{e.Collisions}", Output.F(e.OffRoadTime, "0.00"), $"{e.YieldFailures}",
                e.Laps > 0 ? Output.F(e.LastLapTime, "0.00") : "-", Output.F(e.Return, "0.0"));
        }
        output.Console.Write(table);
        output.Line($"mean return {Output.F(r.MeanReturn)}, lap completion {Output.F(r.LapCompletion * 100)} %, off-road rate {Output.F(r.OffRoadRate * 100)} %, " +
            $"collisions/km {Output.F(r.CollisionsPerKm, "0.00")}, mean speed {Output.F(r.MeanSpeed, "0.00")} m/s, " +
            $"walker yield failures {r.YieldFailures}");
    }
}
