using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Simulator.World;

namespace Simulator.Driving.Tests;

/// <summary>Lap and episode events reach synchronous handlers and buffered readers on other threads.</summary>
public class BusTests
{
    [Fact]
    public void Lap_and_episode_events_reach_a_buffered_reader_on_another_thread()
    {
        var bus = new MessageBus();
        var laps = new List<LapCompleted>();
        using var lapHandler = bus.Subscribe((in LapCompleted m) => laps.Add(m));
        var lapBuffer = bus.SubscribeBuffered<LapCompleted>(4, OverflowPolicy.Wait);
        var endBuffer = bus.SubscribeBuffered<EpisodeEnded>(4, OverflowPolicy.Wait);
        int simThread = Environment.CurrentManagedThreadId;
        var received = new List<(object Message, int Thread)>(); // written by the reader thread only
        // A dedicated reader thread, as a viewer or recorder would have, reading while the simulation runs.
        var reader = new Thread(() =>
        {
            while (true)
            {
                bool done = lapBuffer.Reader.Completion.IsCompleted && endBuffer.Reader.Completion.IsCompleted;
                while (lapBuffer.TryRead(out var l))
                {
                    received.Add((l, Environment.CurrentManagedThreadId));
                }
                while (endBuffer.TryRead(out var e))
                {
                    received.Add((e, Environment.CurrentManagedThreadId));
                }
                if (done)
                {
                    return;
                }
                Thread.Sleep(1);
            }
        }) { IsBackground = true };
        reader.Start();

        var scene = TestScenes.Shipped("oval");
        var env = new DrivingEnv(scene, new EnvOptions { Autopilot = true, Bus = bus }, envIndex: 3);
        var obs = new float[env.Observation.VectorSize];
        env.Reset(8, obs);
        var o = TestScenes.RunUntilDone(env, default, obs, 60 * 200);
        Assert.Equal(EpisodeEnd.LapsCompleted, env.Info.End);
        lapBuffer.Dispose();
        endBuffer.Dispose();
        // The reader ends once both channels are drained and completed (the timeout only guards against a hang).
        Assert.True(reader.Join(TimeSpan.FromMinutes(1)), "the reader thread did not finish after dispose");

        var lap = Assert.Single(laps);
        Assert.Equal(3, lap.EnvIndex);
        Assert.Equal(1, lap.Lap);
        Assert.Equal(env.Info.LastLapTime, lap.LapTime);
        Assert.Equal(env.Ego.Entity.Id, lap.EntityId);
        Assert.Equal(2, received.Count);
        Assert.Contains(received, r => r.Message is LapCompleted l && l == lap);
        var ended = Assert.Single(received, r => r.Message is EpisodeEnded);
        var e = (EpisodeEnded)ended.Message;
        Assert.Equal(EpisodeEnd.LapsCompleted, e.Reason);
        Assert.Equal(1, e.Laps);
        Assert.Equal(3, e.EnvIndex);
        Assert.Equal(env.World.StepIndex - 1, e.Step);
        Assert.Equal(env.Info.EpisodeTime, e.Time, 9);
        Assert.All(received, r => Assert.NotEqual(simThread, r.Thread));
        Assert.Equal(0, lapBuffer.Dropped + endBuffer.Dropped);
        Assert.True(o.Terminated);
    }

    [Fact]
    public void Every_episode_end_is_published_once_with_its_reason()
    {
        var bus = new MessageBus();
        var ends = new List<EpisodeEnded>();
        using var sub = bus.Subscribe((in EpisodeEnded m) => ends.Add(m));
        var scene = TestScenes.Oval(", \"episode\": { \"timeLimit\": 1 }");
        var (env, obs) = TestScenes.Start(scene, 1, new EnvOptions { Bus = bus });
        TestScenes.RunUntilDone(env, default, obs, 1000);
        env.Reset(2, obs);
        TestScenes.RunUntilDone(env, new DrivingAction(1, 1), obs, 1000);
        Assert.Equal(2, ends.Count);
        Assert.Equal(EpisodeEnd.TimeLimit, ends[0].Reason);
        Assert.Equal(env.Info.End, ends[1].Reason);
    }
}
