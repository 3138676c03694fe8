using Simulator.Driving.Env;
using Simulator.Viewer.Replay;

namespace Simulator.Viewer.Tests;

/// <summary>The replay loop without a window: seek requests land on the right step, and what it publishes there is
/// the state a fresh re-simulation reaches at that step.</summary>
public sealed class ReplayRunTests
{
    private const string Scene = "oval";
    private const ulong Seed = 7;

    private static ulong FreshHash(long step)
    {
        using DrivingEnv env = SimulatedTimeline.Fresh(Scene, Seed, step, out _);
        return env.Snapshot.ContentHash();
    }

    /// <summary>Runs the loop on a thread, calls <paramref name="request"/>, waits until the status shows
    /// <paramref name="expected"/>, and returns the published frame's snapshot hash.</summary>
    private static ulong After(Action request, long expected, ViewerControl control, ReplayStatus status, FrameExchange exchange)
    {
        request();
        Assert.True(SpinWait.SpinUntil(() => status.Step == expected, TimeSpan.FromSeconds(60)),
            $"the replay is at step {status.Step}, not {expected}");
        // The status moves before the frame of that step is published (at the start, before any frame is): wait for
        // the frame itself, however loaded the machine.
        Assert.True(SpinWait.SpinUntil(() =>
        {
            exchange.TryTake();
            return exchange.Published > 0 && exchange.Front[0].RunSteps == expected;
        }, TimeSpan.FromSeconds(60)), $"no frame of step {expected} was published");
        Thread.Sleep(50);
        Assert.Equal(expected, status.Step);
        exchange.TryTake();
        ViewerFrame frame = exchange.Front[0];
        Assert.Equal(expected, frame.RunSteps);
        return frame.Snapshot.ContentHash();
    }

    [Fact]
    public async Task Step_back_seeks_and_ends_show_the_state_a_fresh_re_simulation_reaches()
    {
        using var timeline = new SimulatedTimeline(Scene, Seed, 900);
        long perSecond = (long)Math.Round(1 / timeline.StepSeconds);
        var control = new ViewerControl { Paused = true, TimeScale = 0 };
        var exchange = new FrameExchange(1);
        ReplayStatus status = ReplayStatus.Of(timeline);
        Task<ReplayRunResult> run = Task.Run(() => ReplayRun.Run(timeline, control, status, exchange));
        try
        {
            Assert.Equal(FreshHash(0), After(() => { }, 0, control, status, exchange));
            Assert.Equal(FreshHash(1), After(control.RequestStep, 1, control, status, exchange));
            Assert.Equal(FreshHash(2), After(control.RequestStep, 2, control, status, exchange));
            Assert.Equal(FreshHash(1), After(control.RequestStepBack, 1, control, status, exchange));
            long fiveSeconds = 1 + 5 * perSecond;
            Assert.Equal(FreshHash(fiveSeconds), After(() => control.RequestSeekBy(5), fiveSeconds, control, status, exchange));
            Assert.Equal(FreshHash(fiveSeconds - 1), After(control.RequestStepBack, fiveSeconds - 1, control, status, exchange));
            Assert.Equal(FreshHash(900), After(() => control.RequestSeekTo(long.MaxValue), 900, control, status, exchange));
            Assert.Equal(FreshHash(900 - 5 * perSecond), After(() => control.RequestSeekBy(-5), 900 - 5 * perSecond, control, status, exchange));
            Assert.Equal(FreshHash(0), After(() => control.RequestSeekBy(-30), 0, control, status, exchange));
            Assert.Equal(FreshHash(333), After(() => control.RequestSeekTo(333), 333, control, status, exchange));
            Assert.Equal(FreshHash(0), After(control.RequestReset, 0, control, status, exchange));
            Assert.True(control.Paused);
        }
        finally
        {
            control.RequestStop();
            await run.WaitAsync(TimeSpan.FromSeconds(60));
        }
    }

    [Fact]
    public async Task Playing_runs_to_the_end_and_pauses_there_and_play_again_restarts()
    {
        using var timeline = new SimulatedTimeline(Scene, Seed, 240);
        var control = new ViewerControl { TimeScale = 0 };
        var exchange = new FrameExchange(1);
        ReplayStatus status = ReplayStatus.Of(timeline);
        Task<ReplayRunResult> run = Task.Run(() => ReplayRun.Run(timeline, control, status, exchange));
        try
        {
            Assert.True(SpinWait.SpinUntil(() => control.Paused, TimeSpan.FromSeconds(60)), "the replay did not pause at the end");
            Thread.Sleep(100);
            Assert.Equal(240, status.Step);
            exchange.TryTake();
            Assert.Equal(FreshHash(240), exchange.Front[0].Snapshot.ContentHash());
            control.TimeScale = 1;
            control.Paused = false;
            Assert.True(SpinWait.SpinUntil(() => status.Step is > 0 and < 240, TimeSpan.FromSeconds(30)), "play at the end did not restart");
        }
        finally
        {
            control.RequestStop();
        }
        ReplayRunResult result = await run.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(result.StepsSimulated >= 241);
    }

    [Fact]
    public void Headless_streaming_stops_at_the_end_and_observes_every_step()
    {
        using var timeline = new SimulatedTimeline(Scene, Seed, 120);
        var control = new ViewerControl { TimeScale = 0 };
        int observed = 0;
        ReplayRunResult result = ReplayRun.Run(timeline, control, ReplayStatus.Of(timeline), exchange: null, () => observed++, stopAtEnd: true);
        Assert.Equal(new ReplayRunResult(120, 0, 120), result);
        Assert.Equal(121, observed); // the start and every step
    }
}
