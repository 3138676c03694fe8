using Simulator.Driving.Env;
using Simulator.Driving.Scenes;

namespace Simulator.Driving.Tests;

/// <summary>Each reward term has its documented sign and scale; the total is the weighted sum with the scene's weights.</summary>
public class RewardTests
{
    private const string Weights = ", \"reward\": { \"progress\": 0.3, \"speed\": 0.7, \"centering\": 0.11, \"offRoad\": 3, \"collision\": 7, \"smoothness\": 0.05 }";

    private static void AssertTotal(in RewardTerms t, RewardSpec w, float reported)
    {
        double expected = w.Progress * t.Progress + w.Speed * t.Speed + w.Centering * t.Centering + w.OffRoad * t.OffRoad
            + w.Collision * t.Collision + w.Smoothness * t.Smoothness;
        Assert.Equal(expected, t.Total, 12);
        Assert.Equal((float)t.Total, reported);
    }

    [Fact]
    public void Progress_and_speed_are_positive_when_driving_forward_and_the_total_is_the_weighted_sum()
    {
        var scene = TestScenes.Oval(Weights);
        var w = scene.Description.Reward;
        Assert.Equal(0.7, w.Speed);
        var (env, obs) = TestScenes.Start(scene);
        double lastS = env.Info.S;
        for (int i = 0; i < 240; i++)
        {
            var o = env.Step(new DrivingAction(0, 1), obs);
            var t = env.Info.Reward;
            AssertTotal(t, w, o.Reward);
            // Progress is the arc length gained this step; speed is forward speed over the ego's max speed.
            Assert.Equal(scene.Track.DeltaS(lastS, env.Info.S), t.Progress, 9);
            Assert.Equal(Math.Clamp(env.Ego.Body.State.Vx / 28.0, 0, 1), t.Speed, 12);
            lastS = env.Info.S;
        }
        var last = env.Info.Reward;
        Assert.True(last.Progress > 0);
        Assert.InRange(last.Speed, 0.05, 1);
        // At 60 Hz a step gains about speed / 60 metres.
        Assert.Equal(env.Info.Speed / 60, last.Progress, 2);
        Assert.Equal(0, last.OffRoad);
        Assert.Equal(0, last.Collision);
    }

    [Fact]
    public void Centering_is_minus_the_squared_offset_in_half_lanes()
    {
        var scene = TestScenes.Oval(", \"randomization\": { \"spawnLateral\": [0.9, 0.9] }");
        var (env, obs) = TestScenes.Start(scene);
        env.Step(new DrivingAction(0, 0), obs);
        var t = env.Info.Reward;
        double offset = env.Info.Lateral - scene.Track.LaneCenter(0);
        Assert.InRange(offset, 0.85, 0.95);
        Assert.Equal(-(offset / 1.875) * (offset / 1.875), t.Centering, 9);
        Assert.True(t.Centering < -0.2);
        // Centred: no penalty.
        var (centred, obs2) = TestScenes.Start(TestScenes.Oval());
        centred.Step(new DrivingAction(0, 0), obs2);
        Assert.InRange(centred.Info.Reward.Centering, -1e-4, 0);
    }

    [Fact]
    public void Off_road_and_collision_terms_are_minus_one_when_they_happen()
    {
        var scene = TestScenes.Oval(Weights);
        var w = scene.Description.Reward;
        var (env, obs) = TestScenes.Start(scene);
        double halfWidth = scene.Track.Layout.HalfRoadWidth;
        int offRoadSteps = 0;
        TestScenes.RunUntilDone(env, new DrivingAction(1, 0.4f), obs, 3000, o =>
        {
            var t = env.Info.Reward;
            AssertTotal(t, w, o.Reward);
            bool off = Math.Abs(env.Info.Lateral) > halfWidth;
            Assert.Equal(off ? -1 : 0, t.OffRoad);
            offRoadSteps += off ? 1 : 0;
        });
        Assert.True(offRoadSteps > 0);

        var cone = TestScenes.Oval(Weights + ", \"props\": [ { \"type\": \"cone\", \"s\": 70, \"lane\": 0 } ]");
        (env, obs) = TestScenes.Start(cone);
        var end = TestScenes.RunUntilDone(env, new DrivingAction(0, 1), obs, 3000, o =>
        {
            AssertTotal(env.Info.Reward, w, o.Reward);
            Assert.Equal(env.Info.End == EpisodeEnd.Collision ? -1 : 0, env.Info.Reward.Collision);
        });
        Assert.Equal(EpisodeEnd.Collision, env.Info.End);
        // The collision step's reward carries the weighted penalty.
        Assert.True(end.Reward < -w.Collision + 1, $"reward {end.Reward}");
    }

    [Fact]
    public void Smoothness_is_minus_the_action_change()
    {
        var scene = TestScenes.Oval(Weights);
        var (env, obs) = TestScenes.Start(scene);
        env.Step(new DrivingAction(0, 0), obs);
        Assert.Equal(0, env.Info.Reward.Smoothness);
        env.Step(new DrivingAction(0.5f, 0.25f), obs);
        Assert.Equal(-0.75, env.Info.Reward.Smoothness, 6);
        env.Step(new DrivingAction(-0.5f, 1f), obs);
        Assert.Equal(-(1.0 + 0.75), env.Info.Reward.Smoothness, 6);
        env.Step(new DrivingAction(-0.5f, 1f), obs);
        Assert.Equal(0, env.Info.Reward.Smoothness);
        // Bad input is measured after sanitising: NaN counts as 0, +∞ as 1.
        env.Step(new DrivingAction(float.NaN, float.PositiveInfinity), obs);
        Assert.Equal(-0.5, env.Info.Reward.Smoothness, 6);
    }

    [Fact]
    public void Reward_function_is_pure_and_bounded()
    {
        var w = new RewardSpec { Progress = 1, Speed = 2, Centering = 3, OffRoad = 4, Collision = 5, Smoothness = 6 };
        var t = RewardFunction.Compute(w, 0.4, 14, 28, 3.75, 3.75, true, true, 0.5, -1);
        Assert.Equal(0.4, t.Progress);
        Assert.Equal(0.5, t.Speed);
        Assert.Equal(-1, t.Centering); // clamped at one half lane... and beyond
        Assert.Equal(-1, t.OffRoad);
        Assert.Equal(-1, t.Collision);
        Assert.Equal(-1.5, t.Smoothness);
        Assert.Equal(0.4 + 1 - 3 - 4 - 5 - 9, t.Total, 12);
        var back = RewardFunction.Compute(w, -0.2, -3, 28, 0, 3.75, false, false, 0, 0);
        Assert.Equal(-0.2, back.Progress);
        Assert.Equal(0, back.Speed); // reversing earns no speed reward
        Assert.Equal(0, back.Centering);
    }
}
