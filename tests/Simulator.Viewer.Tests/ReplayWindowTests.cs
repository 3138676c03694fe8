using Simulator.Driving.Env;
using Simulator.Recording;
using Simulator.Viewer.Replay;
using Simulator.Windowing;
using SkiaSharp;

namespace Simulator.Viewer.Tests;

/// <summary>A replay in the window: the replay keys and a click on the timeline move it to the right step, and the
/// frame shown there is the state a fresh re-simulation reaches; the timeline is drawn along the bottom.</summary>
[Collection(WindowCollection.Name)]
public sealed class ReplayWindowTests
{
    private const string Scene = "two-lane-traffic";
    private const ulong Seed = 11;

    [Fact]
    public async Task Replay_keys_and_a_click_on_the_timeline_show_the_re_simulated_state_of_the_chosen_step()
    {
        string shot = Path.Combine(AppContext.BaseDirectory, "replay-window.png");
        using var timeline = new SimulatedTimeline(Scene, Seed, 600);
        long fiveSeconds = (long)Math.Round(5 / timeline.StepSeconds);
        ReplayStatus status = ReplayStatus.Of(timeline);
        var control = new ViewerControl { Paused = true };
        var exchange = new FrameExchange(1);
        var input = new InjectedInput();
        ViewerOptions options = ViewerHarness.Options(0, 1280, 720) with { Input = input, Fps = 30, Replay = status };
        using var panel = new TimelinePanel(status, control);
        Task<ReplayRunResult> run = ViewerHarness.WithViewer(options, exchange, control, host =>
        {
            host.AddPanel(panel, TimelinePanel.DefaultArea);
            var replay = Task.Run(() => ReplayRun.Run(timeline, control, status, exchange));
            Shows(host, 0);
            Tap(host, input, Key.Period);
            Shows(host, 1);
            Tap(host, input, Key.Period);
            Shows(host, 2);
            Tap(host, input, Key.Comma);
            Shows(host, 1);
            Tap(host, input, Key.RightBracket);
            Shows(host, 1 + fiveSeconds);
            Tap(host, input, Key.End);
            Shows(host, 600);
            Tap(host, input, Key.LeftBracket);
            Shows(host, 600 - fiveSeconds);
            Tap(host, input, Key.Home);
            Shows(host, 0);
            Tap(host, input, Key.L);
            Shows(host, 600);
            // A click on the timeline's bar at a quarter of its length.
            SKRect bar = TimelinePanel.Bar(TimelinePanel.DefaultArea(1280, 720));
            float x = panel.X(bar, 150);
            input.SetPointer(new PointerState(x, bar.MidY, true));
            Shows(host, 150);
            input.SetPointer(new PointerState(x, bar.MidY, false));
            Assert.True(control.Paused);
            int before = host.Screenshots.Count;
            host.RequestScreenshot(shot);
            Assert.True(SpinWait.SpinUntil(() => host.Screenshots.Count > before, TimeSpan.FromSeconds(30)), "no screenshot");
            Tap(host, input, Key.Escape);
            return replay;
        }, out ViewerHost closed);
        await run.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Empty(closed.ValidationMessages);

        using SKBitmap image = SKBitmap.Decode(shot);
        SKRect area = TimelinePanel.DefaultArea(1280, 720);
        SKRect b = TimelinePanel.Bar(area);
        // The timeline's dark backdrop along the bottom left, the playhead at step 150, the bar's unplayed track after it.
        Assert.Equal(TimelinePanel.PlayheadColor, image.GetPixel((int)MathF.Round(panel.X(b, 150)), (int)b.MidY));
        SKColor track = image.GetPixel((int)panel.X(b, 500), (int)b.MidY);
        Assert.True(track.Red < 110 && track.Red > 70 && Math.Abs(track.Red - track.Blue) < 20, $"track {track}");
        SKColor played = image.GetPixel((int)panel.X(b, 60), (int)b.MidY);
        Assert.True(played.Blue > 200 && played.Red < 100, $"played part {played}");
    }

    [Fact]
    public async Task A_recording_s_events_are_marked_on_the_timeline_at_their_steps()
    {
        string dir = Directory.CreateTempSubdirectory("sim-replay-events-").FullName;
        try
        {
            // A weaving driver on the oval: off the road and back (and maybe into a wall) within a minute.
            string path = Path.Combine(dir, "weave.mcap");
            using (DrivingEnv env = ViewerHarness.Env("two-lane-traffic", autopilot: false))
            {
                EpisodeRecorder.RecordEpisode(path, env, 9,
                    (_, e) => new DrivingAction(0.12f * MathF.Sin((float)e.Info.EpisodeTime * 0.7f), 0.6f), maxSteps: 2400);
            }
            using EpisodeRecording recording = EpisodeRecording.Open(path);
            Assert.Contains(recording.Events, e => e.Kind == "off-road");
            using var timeline = new ReplaySessionTimeline(recording);
            timeline.Seek(timeline.StepCount / 2);
            ReplayStatus status = ReplayStatus.Of(timeline);
            var control = new ViewerControl { Paused = true };
            var exchange = new FrameExchange(1);
            string shot = Path.Combine(AppContext.BaseDirectory, "replay-events.png");
            ViewerOptions options = ViewerHarness.Options(20, 1280, 720) with { Fps = 30, Replay = status, FinalScreenshot = shot };
            using var panel = new TimelinePanel(status, control);
            Task<ReplayRunResult> run = ViewerHarness.WithViewer(options, exchange, control, host =>
            {
                host.AddPanel(panel, TimelinePanel.DefaultArea);
                return Task.Run(() => ReplayRun.Run(timeline, control, status, exchange));
            }, out ViewerHost closed);
            await run.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Empty(closed.ValidationMessages);
            using SKBitmap image = SKBitmap.Decode(shot);
            SKRect bar = TimelinePanel.Bar(TimelinePanel.DefaultArea(1280, 720));
            foreach (var e in recording.Events)
            {
                SKColor? expected = e.Kind switch
                {
                    "off-road" => TimelinePanel.OffRoadColor,
                    "collision" => TimelinePanel.CollisionColor,
                    "lap" => TimelinePanel.LapColor,
                    _ => null,
                };
                if (expected is { } c)
                {
                    int x = (int)MathF.Round(panel.X(bar, e.Step));
                    SKColor seen = image.GetPixel(x, (int)bar.Top - 3);
                    // Markers closer than their width overdraw each other: accept any marker colour where two meet.
                    Assert.True(seen == c || seen == TimelinePanel.OffRoadColor || seen == TimelinePanel.CollisionColor || seen == TimelinePanel.LapColor,
                        $"{e.Kind} at step {e.Step} (x {x}): {seen}");
                }
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Waits until the window shows step <paramref name="step"/>, then checks its snapshot against a fresh
    /// re-simulation of that many steps.</summary>
    private static void Shows(ViewerHost host, long step)
    {
        Assert.True(SpinWait.SpinUntil(() => host.State.Frame?.RunSteps == step, TimeSpan.FromSeconds(60)),
            $"the window shows step {host.State.Frame?.RunSteps}, not {step}");
        Thread.Sleep(100); // nothing else arrives while paused
        ViewerFrame frame = host.State.Frame!;
        Assert.Equal(step, frame.RunSteps);
        using DrivingEnv fresh = SimulatedTimeline.Fresh(Scene, Seed, step, out _);
        Assert.Equal(fresh.Snapshot.ContentHash(), frame.Snapshot.ContentHash());
    }

    private static void Tap(ViewerHost host, InjectedInput keys, Key key)
    {
        long frames = host.Stats.Frames;
        keys.Press(key);
        SpinWait.SpinUntil(() => host.Stats.Frames >= frames + 2 || !host.IsRunning, TimeSpan.FromSeconds(30));
        keys.Release(key);
        frames = host.Stats.Frames;
        SpinWait.SpinUntil(() => host.Stats.Frames >= frames + 2 || !host.IsRunning, TimeSpan.FromSeconds(30));
    }
}
