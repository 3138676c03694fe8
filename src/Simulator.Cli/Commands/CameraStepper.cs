using Simulator.Driving.Env;
using Simulator.Learning.Driving;
using Simulator.Telemetry.Live;
using Simulator.Telemetry.Messages;
using Simulator.Viewer;

namespace Simulator.Cli.Commands;

/// <summary>
/// A camera model's run as the viewer's <see cref="ILiveStepper"/>: one agent step (the model's action repeat) per
/// step, episode k reset as `sim drive --model` resets its k-th episode, and each ended episode's summary kept.
/// </summary>
internal sealed class CameraStepper(CameraModelRun run) : ILiveStepper
{
    public DrivingEnv Env => run.Env;
    public double StepSeconds => run.Scene.FixedDeltaTime * run.ActionRepeat;
    public List<EpisodeSummary> Episodes { get; } = [];

    public void Reset(long episode) => run.Reset(episode);

    public bool Step(out float reward)
    {
        bool ended = run.Step(out reward);
        if (ended)
        {
            Episodes.Add(run.Summary());
        }
        return ended;
    }

    /// <summary>Offers the run's state and the model's camera frame to the live stream (on the sim thread).</summary>
    public static void Publish(FoxgloveLive? live, CameraModelRun run, PerceptionOverlay? perception = null)
    {
        if (live is null || !live.Server.AnySubscribers)
        {
            return;
        }
        // With perception on, the camera channel is perception's frame (its annotations belong to it).
        var camera = perception is { HasImage: true } ? new CameraFrame(perception.Image, perception.ImageWidth, perception.ImageHeight, 4)
            : run.FrameChannels > 0 ? new CameraFrame(run.Frame, run.FrameWidth, run.FrameHeight, run.FrameChannels) : default;
        live.Publish(run.Env.Snapshot, camera, EgoSample.Of(run.Env), perception);
    }
}
