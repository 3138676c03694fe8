using System.CommandLine;
using Simulator.Core;
using Simulator.Driving.Runtime;
using Simulator.Driving.Scenes;
using Simulator.Driving.Traffic;
using Spectre.Console;

namespace Simulator.Cli.Commands;

/// <summary>`sim scenes list|validate|generate`.</summary>
internal static class ScenesCommand
{
    public static Command Create()
    {
        var scenes = new Command("scenes", "List, validate and generate scene files");
        scenes.Subcommands.Add(List());
        scenes.Subcommands.Add(Validate());
        scenes.Subcommands.Add(Generate());
        return scenes;
    }

    private static Command List()
    {
        var json = CommonOptions.Json();
        var cmd = new Command("list", "List the shipped scenes with their track length, lanes, traffic and props") { json };
        cmd.SetAction(parse =>
        {
            var output = new Output(parse);
            var rows = new List<SceneRow>();
            foreach (string name in CommonOptions.ShippedScenes())
            {
                var scene = SceneCompiler.Load(CommonOptions.ResolveScene(name));
                var d = scene.Description;
                rows.Add(new SceneRow(name, Math.Round(scene.Track.Length, 1), d.Lanes.Count, d.Traffic.Length, d.Props.Length, d.Crosswalks.Length, d.Description));
            }
            if (parse.GetValue(json))
            {
                output.Json(rows);
                return 0;
            }
            var table = new Table().AddColumns("scene", "length (m)", "lanes", "traffic", "props", "crosswalks", "description");
            foreach (var r in rows)
            {
                table.AddRow(Markup.Escape(r.Name), Output.F(r.Length), $"{r.Lanes}", $"{r.Traffic}", $"{r.Props}", $"{r.Crosswalks}", Markup.Escape(r.Description));
            }
            output.Console.Write(table);
            return 0;
        });
        return cmd;
    }

    private static Command Validate()
    {
        var files = new Argument<string[]>("scenes") { Description = "Scene names or JSON files (default: every shipped scene)", Arity = ArgumentArity.ZeroOrMore };
        var json = CommonOptions.Json();
        var cmd = new Command("validate", "Check scene files: syntax, schema, ranges, track geometry; exit code 2 if any is invalid") { files, json };
        cmd.SetAction(parse =>
        {
            var output = new Output(parse);
            var names = parse.GetValue(files) is { Length: > 0 } given ? given : CommonOptions.ShippedScenes().ToArray();
            var results = new List<ValidationRow>();
            bool allValid = true;
            foreach (string name in names)
            {
                try
                {
                    var scene = SceneCompiler.Load(CommonOptions.ResolveScene(name));
                    results.Add(new ValidationRow(name, true, $"ok: {scene.Track.Length:0.0} m, {scene.Description.Lanes.Count} lane(s)"));
                }
                catch (SimInputException e)
                {
                    allValid = false;
                    results.Add(new ValidationRow(name, false, e.Message));
                }
            }
            if (parse.GetValue(json))
            {
                output.Json(results);
            }
            else
            {
                foreach (var r in results)
                {
                    output.Line($"{(r.Valid ? "valid  " : "INVALID")} {r.Scene}: {r.Message}");
                }
            }
            return allValid ? 0 : 2;
        });
        return cmd;
    }

    private static Command Generate()
    {
        var seed = CommonOptions.Seed();
        var length = CommonOptions.Number("--length", "Target track length in metres", 900, 300, 20_000);
        var curviness = CommonOptions.Number("--curviness", "0 gentle … 1 technical", 0.5, 0, 1);
        var minRadius = CommonOptions.Number("--min-radius", "Smallest curve radius in metres", 20, 8, 1000);
        var lanes = CommonOptions.Int("--lanes", "Lane count", 2, 1, 4);
        var laneWidth = CommonOptions.Number("--lane-width", "Lane width in metres", 3.75, 2.5, 6);
        var obstacles = CommonOptions.Number("--obstacles", "Static obstacles per km", 2, 0, 20);
        var traffic = CommonOptions.Number("--traffic", "NPC vehicles per km", 2, 0, 20);
        var crosswalks = CommonOptions.Number("--crosswalks", "Crosswalks per km, two walkers each", 0, 0, 10);
        var walkerGap = CommonOptions.Number("--walker-gap", "Seconds of approaching traffic a walker leaves before stepping out (4: a safe gap; lower: in front of the car)", PedestrianWalker.DefaultGap, 0, PedestrianWalker.MaxGap);
        var outFile = CommonOptions.OutputFile("--out", "Write the scene JSON here (default: print it); its folder must exist", aliases: "-o");
        var cmd = new Command("generate", "Generate a valid closed-track scene from a seed with difficulty knobs")
        {
            seed, length, curviness, minRadius, lanes, laneWidth, obstacles, traffic, crosswalks, walkerGap, outFile,
        };
        cmd.SetAction(parse =>
        {
            var options = new SceneGeneratorOptions
            {
                Length = parse.GetValue(length),
                Curviness = parse.GetValue(curviness),
                MinRadius = parse.GetValue(minRadius),
                Lanes = parse.GetValue(lanes),
                LaneWidth = parse.GetValue(laneWidth),
                ObstacleDensity = parse.GetValue(obstacles),
                TrafficDensity = parse.GetValue(traffic),
                CrosswalkDensity = parse.GetValue(crosswalks),
                WalkerGap = parse.GetValue(walkerGap),
            };
            string json = SceneWriter.Write(SceneGenerator.Describe(parse.GetValue(seed), options));
            string? path = parse.GetValue(outFile);
            if (path is null)
            {
                new Output(parse).Text(json);
                return 0;
            }
            SafeFile.WriteAllText(path, json);
            new Output(parse).Line($"wrote {path}");
            return 0;
        });
        return cmd;
    }
}

internal sealed record SceneRow(string Name, double Length, int Lanes, int Traffic, int Props, int Crosswalks, string Description);

internal sealed record ValidationRow(string Scene, bool Valid, string Message);
