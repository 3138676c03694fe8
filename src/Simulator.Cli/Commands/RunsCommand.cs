using System.CommandLine;
using Simulator.Core;
using Simulator.Learning.Runs;

namespace Simulator.Cli.Commands;

/// <summary>`sim runs compare|plot`: learning curves of run folders as PNG pictures.</summary>
internal static class RunsCommand
{
    public static Command Create()
    {
        var runs = new Command("runs", "Learning curves of training runs as PNG pictures");
        runs.Subcommands.Add(Compare());
        runs.Subcommands.Add(Plot());
        return runs;
    }

    private static Command Compare()
    {
        var folders = new Argument<string[]>("RUN") { Description = "Run folders written by sim train", Arity = ArgumentArity.OneOrMore };
        var output = CommonOptions.OutputFile("--out", "PNG file to write", required: true, aliases: "-o");
        var metric = new Option<string>("--metric") { Description = "Column of metrics.csv (mean_return, policy_loss, value_loss, entropy, steps_per_second, ...) or of eval.csv " +
            "(lap_completion, off_road_rate, collisions_per_km, mean_speed, eval_mean_return)", DefaultValueFactory = _ => "mean_return" };
        var cmd = new Command("compare", "Plot one metric of several runs against env steps on one chart") { folders, output, metric };
        cmd.SetAction(parse =>
        {
            string[] runs = parse.GetValue(folders)!;
            string path = parse.GetValue(output)!;
            if (!path.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            {
                throw new SimInputException("the chart is written as PNG", file: path, path: "--out", hint: "name the file *.png");
            }
            RunPlots.WriteComparison(runs, parse.GetValue(metric)!, path);
            new Output(parse).Line($"runs compare: {parse.GetValue(metric)} of {runs.Length} run(s) → {path}");
            return 0;
        });
        return cmd;
    }

    private static Command Plot()
    {
        var folders = new Argument<string[]>("RUN") { Description = "Run folders written by sim train", Arity = ArgumentArity.OneOrMore };
        var cmd = new Command("plot", $"(Re)draw each run's {RunPlots.FileName} (training does this at each evaluation)") { folders };
        cmd.SetAction(parse =>
        {
            var output = new Output(parse);
            foreach (string run in parse.GetValue(folders)!)
            {
                if (!Directory.Exists(run) || !File.Exists(Path.Combine(run, "metrics.csv")))
                {
                    throw new SimInputException("not a run folder with metrics", file: run, hint: "pass folders written by sim train (they hold metrics.csv)");
                }
                output.Line($"runs plot: {RunPlots.WriteRun(run)}");
            }
            return 0;
        });
        return cmd;
    }
}
