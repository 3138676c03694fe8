using System.CommandLine;

namespace Simulator.Cli.Commands;

/// <summary>Every top-level command, in help order.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return DemoCommand.Create();
        yield return DriveWatchOption.Attach(DriveModelOption.Attach(DriveCommand.Create()));
        yield return WatchCommand.Create();
        yield return ScenesCommand.Create();
        yield return RenderCommand.Create();
        yield return ReplayCommand.Create();
        yield return DatasetCommand.Create();
        yield return BenchCommand.Create();
        yield return TrainCommand.Create();
        yield return EvalCommand.Create();
        yield return RunsCommand.Create();
        yield return PerceptionTrainCommand.Create();
    }
}
