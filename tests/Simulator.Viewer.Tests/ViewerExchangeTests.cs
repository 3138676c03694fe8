using Simulator.Driving.Env;
using Simulator.Windowing;

namespace Simulator.Viewer.Tests;

/// <summary>The hand-over between the simulation and the viewer, and the key table: no window needed.</summary>
public sealed class ViewerExchangeTests
{
    [Fact]
    public void The_reader_gets_the_latest_publication_and_never_a_buffer_the_writer_holds()
    {
        var exchange = new FrameExchange(2);
        Assert.False(exchange.TryTake());
        for (int i = 1; i <= 5; i++)
        {
            exchange.Back[0].StepReward = i;
            exchange.Back[1].StepReward = 10 * i;
            exchange.Publish();
            Assert.NotSame(exchange.Back[0], exchange.Front[0]);
        }
        Assert.True(exchange.TryTake());
        Assert.Equal(5, exchange.Front[0].StepReward);
        Assert.Equal(50, exchange.Front[1].StepReward);
        Assert.False(exchange.TryTake()); // nothing new: the reader keeps what it has
        Assert.Equal(5, exchange.Published);
    }

    [Fact]
    public async Task A_writer_on_another_thread_never_waits_for_a_reader_that_does_not_read()
    {
        var exchange = new FrameExchange(1);
        await Task.Run(() =>
        {
            for (int i = 0; i < 100_000; i++)
            {
                exchange.Back[0].RunSteps = i;
                exchange.Publish();
            }
        }).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(exchange.TryTake());
        Assert.Equal(99_999, exchange.Front[0].RunSteps);
    }

    [Fact]
    public void The_time_scale_steps_from_a_quarter_to_eight_then_unlimited()
    {
        var control = new ViewerControl();
        Assert.Equal(1, control.TimeScale);
        control.ShiftTimeScale(-5);
        Assert.Equal(0.25, control.TimeScale);
        control.ShiftTimeScale(+5);
        Assert.Equal(8, control.TimeScale);
        control.ShiftTimeScale(+1);
        Assert.Equal(0, control.TimeScale);
        Assert.Throws<ArgumentOutOfRangeException>(() => control.TimeScale = 0.1);
        control.ManualAction = new DrivingAction(-0.5f, 0.75f);
        Assert.Equal(new DrivingAction(-0.5f, 0.75f), control.ManualAction);
        control.RequestStep();
        Assert.True(control.TakeStep());
        Assert.False(control.TakeStep());
    }

    [Fact]
    public void Every_key_has_one_meaning_and_the_help_lists_them_all()
    {
        var keys = new HashSet<Key>();
        foreach (KeyBinding b in KeyBindings.All)
        {
            Assert.True(keys.Add(b.Key), $"{b.Key} is bound twice");
        }
        string help = KeyBindings.Describe(), replayHelp = KeyBindings.Describe(replay: true);
        foreach (KeyBinding b in KeyBindings.All)
        {
            Assert.Contains(b.Description, replayHelp, StringComparison.Ordinal);
            Assert.Equal(!b.ReplayOnly, help.Contains(b.Description, StringComparison.Ordinal));
        }
    }
}
