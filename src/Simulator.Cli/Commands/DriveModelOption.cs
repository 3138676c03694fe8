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
        var model = new Option<string?>("--model", "-m") { Description = "Drive with a trained model (runs/<name>/checkpoints/best.pt) instead of the autopilot" };
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
            var (policy, _) = ModelFile.LoadPolicy(path);
            using var p = policy;
            using var driver = new ModelDriver(policy, parse.GetValue<ulong>("--seed"));
            var compiled = SceneCompiler.Load(CommonOptions.ResolveScene(parse.GetValue<string>("--scene")!));
            using (var probe = new DrivingVectorEnv([compiled]))
            {
                ModelFile.CheckFits(ModelFile.ReadMeta(path), probe.ObservationSpec, probe.ActionSpec, path, $"scene '{compiled.Name}'");
            }
            var results = DriveCommand.RunEpisodes(compiled, parse.GetValue<int>("--episodes"), parse.GetValue<ulong>("--seed"), driver.Act);
            DriveCommand.Report(new Output(parse), results, parse.GetValue<bool>("--json"));
            return 0;
        });
        return drive;
    }
}
