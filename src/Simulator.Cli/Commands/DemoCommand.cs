using System.CommandLine;
using Simulator.Driving.Runtime;

namespace Simulator.Cli.Commands;

/// <summary>`sim demo`: the main job on the default scene.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var scene = CommonOptions.Scene();
        var episodes = CommonOptions.Positive("--episodes", "Number of laps (one per episode)", 3, 1000);
        var seed = CommonOptions.Seed();
        var json = CommonOptions.Json();
        var cmd = new Command("demo", "Drive laps of the default scene headless with the autopilot and print lap results")
        {
            scene, episodes, seed, json,
        };
        cmd.SetAction(parse =>
        {
            var output = new Output(parse);
            string path = CommonOptions.ResolveScene(parse.GetValue(scene)!);
            var compiled = SceneCompiler.Load(path);
            bool asJson = parse.GetValue(json);
            if (!asJson)
            {
                output.Line($"demo: autopilot on '{compiled.Name}' ({compiled.Track.Length:0} m, {compiled.Description.Lanes.Count} lane(s)), headless, {1 / compiled.FixedDeltaTime:0} Hz physics");
            }
            var results = DriveCommand.RunEpisodes(compiled, parse.GetValue(episodes), parse.GetValue(seed));
            DriveCommand.Report(output, results, asJson);
            return results.All(r => r.CleanLap) ? 0 : 1;
        });
        return cmd;
    }
}
