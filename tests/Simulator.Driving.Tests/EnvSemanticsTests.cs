using Simulator.Driving.Env;
using Simulator.Driving.Runtime;

namespace Simulator.Driving.Tests;

/// <summary>Gymnasium semantics of <see cref="DrivingEnv"/>: reset, step after the end, the ways an episode ends.</summary>
public class EnvSemanticsTests
{
    [Fact]
    public void Reset_writes_a_full_finite_observation()
    {
        var (env, _) = TestScenes.Start(TestScenes.Oval());
        // Default sensors: speed 1, lane offset 2, heading 2, curvature preview 5, rays 9, controls 2.
        Assert.Equal(21, env.Observation.VectorSize);
        var obs = new float[env.Observation.VectorSize + 4];
        obs.AsSpan().Fill(float.NaN);
        env.Reset(3, obs);
        for (int i = 0; i < env.Observation.VectorSize; i++)
        {
            Assert.True(float.IsFinite(obs[i]), $"observation[{i}] = {obs[i]}");
        }
        Assert.True(float.IsNaN(obs[^1]), "reset wrote beyond the observation size");
        Assert.Equal(EpisodeEnd.None, env.Info.End);
        Assert.Equal(0, env.Info.EpisodeSteps);
        Assert.Throws<ArgumentException>(() => env.Reset(3, new float[env.Observation.VectorSize - 1]));
    }

    [Fact]
    public void Step_before_reset_and_after_the_end_throws()
    {
        var scene = TestScenes.Oval(", \"episode\": { \"timeLimit\": 1 }");
        var env = new DrivingEnv(scene);
        var obs = new float[env.Observation.VectorSize];
        Assert.Throws<InvalidOperationException>(() => env.Step(default(DrivingAction), obs));
        env.Reset(1, obs);
        var o = TestScenes.RunUntilDone(env, default, obs, 1000);
        Assert.True(o.Done);
        Assert.Throws<InvalidOperationException>(() => env.Step(default(DrivingAction), obs));
        Assert.Throws<InvalidOperationException>(() => env.Step(4, obs));
        env.Reset(2, obs);
        Assert.False(env.Step(default(DrivingAction), obs).Done);
    }

    [Fact]
    public void Time_limit_truncates_without_terminating()
    {
        var (env, obs) = TestScenes.Start(TestScenes.Oval(", \"episode\": { \"timeLimit\": 2 }"));
        int steps = 0;
        var o = TestScenes.RunUntilDone(env, new DrivingAction(0, 0.3f), obs, 10_000, x => steps++);
        Assert.True(o.Truncated);
        Assert.False(o.Terminated);
        Assert.Equal(EpisodeEnd.TimeLimit, env.Info.End);
        Assert.Equal(120, steps); // 2 s at the default 60 Hz
        Assert.Equal(2.0, env.Info.EpisodeTime, 9);
    }

    [Fact]
    public void Full_left_steer_ends_off_road_as_terminated()
    {
        var (env, obs) = TestScenes.Start(TestScenes.Oval());
        double halfWidth = env.Scene.Track.Layout.HalfRoadWidth;
        bool sawOffRoadPenalty = false;
        var o = TestScenes.RunUntilDone(env, new DrivingAction(1, 0.4f), obs, 60 * 30, _ =>
        {
            sawOffRoadPenalty |= env.Info.Reward.OffRoad == -1;
        });
        Assert.True(o.Terminated);
        Assert.False(o.Truncated);
        Assert.Equal(EpisodeEnd.OffRoad, env.Info.End);
        // Left of the road: positive lateral beyond the edge plus the default 1 m margin.
        Assert.True(env.Info.Lateral > halfWidth + 1.0, $"lateral {env.Info.Lateral}");
        Assert.True(env.Info.OffRoadTime > 0);
        Assert.True(sawOffRoadPenalty);
        Assert.Equal(0, env.Info.Collisions);
    }

    [Fact]
    public void Driving_into_a_cone_ends_in_collision()
    {
        var bus = new World.MessageBus();
        var contacts = new List<CollisionOccurred>();
        using var sub = bus.Subscribe((in CollisionOccurred c) => contacts.Add(c));
        var scene = TestScenes.Oval(", \"props\": [ { \"type\": \"cone\", \"s\": 90, \"lane\": 0 } ]");
        var (env, obs) = TestScenes.Start(scene, 1, new EnvOptions { Bus = bus });
        var o = TestScenes.RunUntilDone(env, new DrivingAction(0, 1), obs, 60 * 20);
        Assert.True(o.Terminated);
        Assert.False(o.Truncated);
        Assert.Equal(EpisodeEnd.Collision, env.Info.End);
        Assert.Equal(1, env.Info.Collisions);
        Assert.Equal(-1, env.Info.Reward.Collision);
        // Contact where the cone is: the front bumper reached s ≈ 90 − 0.2.
        Assert.InRange(env.Info.S + env.Ego.Body.HalfLength, 89, 91);
        var c = Assert.Single(contacts);
        Assert.Contains(ActorKind.Cone, new[] { c.KindA, c.KindB });
        Assert.Contains(ActorKind.Ego, new[] { c.KindA, c.KindB });
    }

    [Fact]
    public void Braking_from_the_start_stalls()
    {
        var (env, obs) = TestScenes.Start(TestScenes.Oval(", \"episode\": { \"stallTime\": 2 }"));
        var o = TestScenes.RunUntilDone(env, new DrivingAction(0, -1), obs, 60 * 60);
        Assert.True(o.Terminated);
        Assert.False(o.Truncated);
        Assert.Equal(EpisodeEnd.Stalled, env.Info.End);
        // Stall time only counts after the 3 s grace: the end comes at 3 s + 2 s.
        Assert.InRange(env.Info.EpisodeTime, 4.95, 5.05);
    }

    [Fact]
    public void Autopilot_laps_the_oval_and_counts_the_lap()
    {
        var scene = TestScenes.Shipped("oval");
        var (env, obs) = TestScenes.Start(scene, 11, new EnvOptions { Autopilot = true });
        var o = TestScenes.RunUntilDone(env, default, obs, 60 * 200);
        Assert.True(o.Terminated);
        Assert.False(o.Truncated);
        Assert.Equal(EpisodeEnd.LapsCompleted, env.Info.End);
        Assert.Equal(1, env.Info.Laps);
        Assert.True(env.Info.LastLapTime > 0);
        Assert.Equal(env.Info.LastLapTime, env.Info.BestLapTime);
        // A lap cannot be faster than the track length at the ego's top speed, nor longer than the episode.
        Assert.InRange(env.Info.LastLapTime, scene.Track.Length / 28.0, env.Info.EpisodeTime + 1e-9);
    }
}
