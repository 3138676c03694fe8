using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Simulator.Driving.Scenes;
using Simulator.Learning.Driving;
using Simulator.Learning.Runs;
using Simulator.Viewer;

namespace Simulator.Cli.Commands;

/// <summary>Who drives the watched car.</summary>
internal enum WatchDriver
{
    Autopilot,
    Model,
    Manual,
}

/// <summary>
/// Runs one env in fixed steps on the calling thread while a viewer window draws it on its own thread (shared by
/// `sim watch` and `sim drive --watch/--manual`). The window only reads snapshot copies handed over through a
/// latest-value exchange; closing it (or --frames) ends the run.
/// </summary>
internal sealed class WatchSession
{
    public required string ScenePath { get; init; }
    public WatchDriver Driver { get; init; }
    public string? ModelPath { get; init; }
    public ulong Seed { get; init; } = 1;
    public ViewerOptions Viewer { get; init; } = new();
    /// <summary>Simulated seconds per second; 0 = unlimited.</summary>
    public double TimeScale { get; init; } = 1;
    /// <summary>Stop after this many finished episodes (0 = until the window closes).</summary>
    public long Episodes { get; init; }
    public string? FinalScreenshot { get; init; }

    public (LiveRunResult Run, ViewerStats Stats, IReadOnlyList<string> Screenshots) Run()
    {
        var description = SceneLoader.LoadFile(ScenePath);
        ModelDriver? driver = null;
        try
        {
            if (Driver == WatchDriver.Model)
            {
                var (policy, meta) = ModelFile.LoadPolicy(ModelPath!);
                if (meta.EgoSensors.Length > 0)
                {
                    description = SceneLoader.WithEgoSensors(description, SceneLoader.ParseSensors(meta.EgoSensors, ModelPath!));
                }
                if (meta.MaxSpeed > 0)
                {
                    description = description with { Egos = description.Egos.SetItem(0, description.Egos[0] with { MaxSpeed = meta.MaxSpeed }) };
                }
                driver = new ModelDriver(policy, Seed);
            }
            var compiled = SceneCompiler.Compile(description);
            using var env = new DrivingEnv(compiled, new EnvOptions { Autopilot = Driver == WatchDriver.Autopilot });
            var exchange = new FrameExchange(1);
            var control = new ViewerControl { TimeScale = TimeScale };
            var options = Viewer with { Title = $"sim — {compiled.Name}", Manual = Driver == WatchDriver.Manual, FinalScreenshot = FinalScreenshot };
            using var host = new ViewerHost(options, exchange, control);
            host.Start();
            LiveRunResult result = LiveRun.Run(env, Seed, control, exchange, driver is null ? null : driver.Act,
                manual: Driver == WatchDriver.Manual, maxEpisodes: Episodes);
            host.Close();
            host.WaitForClose(TimeSpan.FromSeconds(30));
            if (host.Failure is { } failure)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
            }
            return (result, host.Stats, host.Screenshots);
        }
        finally
        {
            driver?.Dispose();
        }
    }
}
