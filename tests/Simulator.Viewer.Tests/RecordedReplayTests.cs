using Simulator.Driving.Env;
using Simulator.Driving.Snapshots;
using Simulator.Recording;
using Simulator.Viewer.Replay;

namespace Simulator.Viewer.Tests;

/// <summary>A recorded episode (EpisodeRecorder) played through <see cref="ReplaySessionTimeline"/> by the replay loop:
/// every move lands on the state a fresh run of the autopilot reaches at that step, with no divergence.</summary>
public sealed class RecordedReplayTests : IDisposable
{
    private const string Scene = "two-lane-traffic";
    private const ulong Seed = 5;
    private readonly string _dir = Directory.CreateTempSubdirectory("sim-replay-viewer-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    internal static string Record(string folder, string scene, ulong seed, long steps)
    {
        string path = Path.Combine(folder, $"{scene}-{seed}.mcap");
        using DrivingEnv env = ViewerHarness.Env(scene);
        EpisodeRecorder.RecordEpisode(path, env, seed, policy: null, new RecorderOptions { CheckpointSeconds = 5 }, maxSteps: steps);
        return path;
    }

    [Fact]
    public async Task Seeks_and_steps_back_on_a_recording_show_the_states_of_a_fresh_run()
    {
        string path = Record(_dir, Scene, Seed, 1200);
        using EpisodeRecording recording = EpisodeRecording.Open(path);
        using var timeline = new ReplaySessionTimeline(recording);
        Assert.Equal(1200, timeline.StepCount);
        long second = (long)Math.Round(1 / timeline.StepSeconds);
        var control = new ViewerControl { Paused = true, TimeScale = 0 };
        var exchange = new FrameExchange(1);
        ReplayStatus status = ReplayStatus.Of(timeline);
        Assert.Same(recording.Events, status.Events);
        Task<ReplayRunResult> run = Task.Run(() => ReplayRun.Run(timeline, control, status, exchange));
        try
        {
            (Action Request, long Step)[] moves =
            [
                (control.RequestStep, 1),
                (() => control.RequestSeekTo(long.MaxValue), 1200),
                (control.RequestStepBack, 1199),
                (() => control.RequestSeekBy(-5), 1199 - 5 * second),
                (() => control.RequestSeekBy(-30), 0),
                (() => control.RequestSeekTo(777), 777),
                (control.RequestStepBack, 776),
                (control.RequestStep, 777),
            ];
            foreach (var (request, step) in moves)
            {
                request();
                Assert.True(SpinWait.SpinUntil(() => status.Step == step, TimeSpan.FromSeconds(60)), $"at step {status.Step}, not {step}");
                exchange.TryTake();
                Assert.Equal(step, exchange.Front[0].RunSteps);
                using DrivingEnv fresh = SimulatedTimeline.Fresh(Scene, Seed, step, out _);
                WorldSnapshot shown = exchange.Front[0].Snapshot;
                Assert.Equal(fresh.StateHash(), timeline.Env.StateHash());
                if (step == 0)
                {
                    // ReplaySession.Seek below the first checkpoint re-runs DrivingEnv.Reset, which counts one more
                    // episode in the snapshot (the world state is the reset state, as checked above).
                    Assert.Equal((fresh.Snapshot.Step, fresh.Snapshot.Time), (shown.Step, shown.Time));
                    continue;
                }
                Assert.True(fresh.Snapshot.ContentHash() == shown.ContentHash(),
                    $"step {step}: episode {shown.Episode} vs {fresh.Snapshot.Episode}, step {shown.Step} vs {fresh.Snapshot.Step}, ego {shown.Actors[0].Position} vs {fresh.Snapshot.Actors[0].Position}");
            }
            Assert.Null(status.Divergence);
        }
        finally
        {
            control.RequestStop();
            await run.WaitAsync(TimeSpan.FromSeconds(60));
        }
    }
}
