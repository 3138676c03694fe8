using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Simulator.Driving.Scenes;
using Simulator.Learning.Driving;
using Simulator.Learning.Networks;
using Simulator.Learning.Runs;
using Simulator.Telemetry.Live;
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

    /// <summary>Live telemetry to publish every step to (the model's camera frame too, for a camera model).</summary>
    public FoxgloveLive? Live { get; init; }

    /// <summary>Records every episode (one file each) when set.</summary>
    public Recording.RecordingFolder? Recording { get; init; }

    /// <summary>Runs perception on the ego's camera every step (overlay in the viewer, Foxglove, recordings) when set.</summary>
    public Perception.Loop.LivePerception? Perception { get; init; }

    /// <summary>The episodes a camera model finished (as `sim drive --model` reports them); empty for other drivers.</summary>
    public IReadOnlyList<EpisodeSummary> CameraEpisodes { get; private set; } = [];

    public (LiveRunResult Run, ViewerStats Stats, IReadOnlyList<string> Screenshots) Run()
    {
        var description = SceneLoader.LoadFile(ScenePath);
        ActorCritic? policy = null;
        ModelDriver? driver = null;
        CameraModelRun? camera = null;
        DrivingEnv? own = null;
        try
        {
            if (Driver == WatchDriver.Model)
            {
                ModelMeta meta;
                (policy, meta) = ModelFile.LoadPolicy(ModelPath!);
                description = ModelDeployment.Mount(description, meta, ModelPath!);
                if (meta.UsesCamera())
                {
                    // Camera models (pixels or perception) drive as in `sim drive --model`: rendered frames, frame stack, action repeat.
                    camera = new CameraModelRun(policy, meta, SceneCompiler.Compile(description), Seed, CommonOptions.RepoRoot()) { Sink = Recording };
                }
                else
                {
                    driver = new ModelDriver(policy, Seed);
                }
            }
            var compiled = camera?.Scene ?? SceneCompiler.Compile(description);
            var exchange = new FrameExchange(1);
            var control = new ViewerControl { TimeScale = TimeScale };
            var options = Viewer with { Title = $"sim — {compiled.Name}", Manual = Driver == WatchDriver.Manual, FinalScreenshot = FinalScreenshot };
            using var host = new ViewerHost(options, exchange, control);
            host.Start();
            LiveRunResult result;
            if (camera is not null)
            {
                var stepper = new CameraStepper(camera);
                result = LiveRun.Run(stepper, control, exchange, maxEpisodes: Episodes,
                    observer: () =>
                    {
                        if (Perception is null && Recording is not null && camera.FrameChannels > 0)
                        {
                            Recording.Frame(camera.Env, camera.Frame, camera.FrameWidth, camera.FrameHeight, camera.FrameChannels);
                        }
                        CameraStepper.Publish(Live, camera, Perception?.Overlay);
                    }, perception: Perceive());
                CameraEpisodes = stepper.Episodes;
            }
            else
            {
                own = new DrivingEnv(compiled, new EnvOptions { Autopilot = Driver == WatchDriver.Autopilot });
                var env = own;
                var publish = LiveTelemetry.Observer(Live, Perception);
                result = LiveRun.Run(env, Seed, control, exchange, driver is null ? null : driver.Act,
                    manual: Driver == WatchDriver.Manual, maxEpisodes: Episodes, observer: publish is null ? null : () => publish(env), sink: Recording,
                    perception: Perceive());
            }
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
            own?.Dispose();
            camera?.Dispose();
            driver?.Dispose();
            policy?.Dispose();
        }
    }

    private Func<DrivingEnv, Telemetry.Messages.PerceptionOverlay?>? Perceive() => Perception is null ? null : env =>
    {
        var overlay = Perception.Observe(env.Snapshot);
        Recording?.Perception(env, overlay);
        Recording?.Frame(env, overlay.Image, overlay.ImageWidth, overlay.ImageHeight, 4);
        return overlay;
    };
}
