using Simulator.Driving.Env;

namespace Simulator.Driving.Tests;

/// <summary>The documented action contract: sanitising of bad continuous actions and the discrete action table.</summary>
public class ActionTests
{
    [Theory]
    [InlineData(float.NaN, 0f, true)]
    [InlineData(float.PositiveInfinity, 1f, true)]
    [InlineData(float.NegativeInfinity, -1f, true)]
    [InlineData(1.5f, 1f, true)]
    [InlineData(-7f, -1f, true)]
    [InlineData(0.25f, 0.25f, false)]
    [InlineData(-1f, -1f, false)]
    [InlineData(1f, 1f, false)]
    public void Sanitize_follows_the_documented_rule(float input, float expected, bool changed)
    {
        var a = DrivingAction.Sanitize(input, 0.5f, out bool c1);
        Assert.Equal(expected, a.Steer);
        Assert.Equal(0.5f, a.Accel);
        Assert.Equal(changed, c1);
        var b = DrivingAction.Sanitize(-0.5f, input, out bool c2);
        Assert.Equal(-0.5f, b.Steer);
        Assert.Equal(expected, b.Accel);
        Assert.Equal(changed, c2);
    }

    [Fact]
    public void Bad_actions_are_reported_and_never_corrupt_the_state()
    {
        var (env, obs) = TestScenes.Start(TestScenes.Oval());
        float[] bad = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 3f, -3f, float.MaxValue];
        int step = 0;
        for (int i = 0; i < bad.Length; i++)
        {
            for (int j = 0; j < bad.Length; j++)
            {
                var o = env.Step(new DrivingAction(bad[i], bad[j]), obs);
                step++;
                Assert.True(env.Info.ActionSanitized, $"step {step}: ({bad[i]}, {bad[j]}) not reported");
                AssertFinite(env, obs, o);
                // The controls sensor shows the action that was applied: the sanitised one.
                var controls = TestScenes.Slice(env, obs, "controls");
                Assert.Equal(DrivingAction.Sanitize(bad[i], bad[j], out _), new DrivingAction(controls[0], controls[1]));
                if (o.Done)
                {
                    env.Reset((ulong)step, obs);
                }
            }
        }
        env.Step(new DrivingAction(0.1f, 0.2f), obs);
        Assert.False(env.Info.ActionSanitized);
    }

    [Fact]
    public void Nan_steer_coasts_straight_and_nan_accel_coasts()
    {
        var (env, obs) = TestScenes.Start(TestScenes.Oval());
        env.Step(new DrivingAction(float.NaN, float.NaN), obs);
        Assert.Equal(0, env.Ego.Body.Control.Steer);
        Assert.Equal(0, env.Ego.Body.Control.Throttle);
        Assert.Equal(0, env.Ego.Body.Control.Brake);
        env.Step(new DrivingAction(float.PositiveInfinity, float.NegativeInfinity), obs);
        Assert.Equal(1, env.Ego.Body.Control.Steer);
        Assert.Equal(1, env.Ego.Body.Control.Brake);
        Assert.Equal(0, env.Ego.Body.Control.Throttle);
    }

    private static void AssertFinite(DrivingEnv env, float[] obs, StepOutcome o)
    {
        Assert.True(float.IsFinite(o.Reward));
        foreach (float v in obs)
        {
            Assert.True(float.IsFinite(v));
        }
        var s = env.Ego.Body.State;
        Assert.True(double.IsFinite(s.X) && double.IsFinite(s.Y) && double.IsFinite(s.Yaw) && double.IsFinite(s.Vx) && double.IsFinite(s.Vy) && double.IsFinite(s.YawRate));
        Assert.True(double.IsFinite(env.Info.S) && double.IsFinite(env.Info.Lateral));
    }

    [Fact]
    public void Discrete_indices_map_as_documented()
    {
        float[] steer = [-1f, -0.5f, 0f, 0.5f, 1f];
        float[] accel = [-1f, 0f, 1f];
        Assert.Equal(15, DiscreteActions.Count);
        for (int si = 0; si < steer.Length; si++)
        {
            for (int ai = 0; ai < accel.Length; ai++)
            {
                Assert.Equal(new DrivingAction(steer[si], accel[ai]), DiscreteActions.ToContinuous(si * 3 + ai));
            }
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => DiscreteActions.ToContinuous(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => DiscreteActions.ToContinuous(15));
        Assert.Throws<ArgumentOutOfRangeException>(() => DiscreteActions.ToContinuous(int.MinValue));
    }

    [Fact]
    public void Discrete_step_applies_the_mapped_action_and_rejects_bad_indices()
    {
        var (env, obs) = TestScenes.Start(TestScenes.Oval());
        env.Step(14, obs); // full left, full throttle
        Assert.Equal(1, env.Ego.Body.Control.Steer);
        Assert.Equal(1, env.Ego.Body.Control.Throttle);
        env.Step(3, obs); // steer −0.5, brake
        Assert.Equal(-0.5, env.Ego.Body.Control.Steer);
        Assert.Equal(1, env.Ego.Body.Control.Brake);
        long steps = env.Info.EpisodeSteps;
        Assert.Throws<ArgumentOutOfRangeException>(() => env.Step(15, obs));
        Assert.Throws<ArgumentOutOfRangeException>(() => env.Step(-1, obs));
        Assert.Equal(steps, env.World.StepIndex); // a rejected index does not advance the world
    }
}
