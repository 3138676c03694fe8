using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Simulator.Driving.Traffic;

namespace Simulator.Driving.Tests;

/// <summary>
/// The yield rule (<see cref="WalkerYield"/>): a walker out on a crosswalk in the ego's path, closer than the ego can
/// stop, counts one yield failure and costs the yield reward term; the autopilot stops for the same walker.
/// </summary>
public class WalkerYieldTests
{
    // A slow walker (0.3 m/s) on a crosswalk 70 m ahead of the spawn, on the straight of the test oval; stalling
    // behind it does not end the episode.
    private const string Crosswalk = """
        , "crosswalks": [ { "s": 110, "width": 4, "pedestrians": 1, "walkSpeed": 0.3, "wait": [0, 0] } ],
          "reward": { "yield": 2 }, "episode": { "stallTime": 600, "timeLimit": 120 }
        """;

    /// <summary>Starts an env with its one walker stepping off the kerb on the ego's side (toward the ego's lane) or on the far side.</summary>
    private static (DrivingEnv Env, float[] Obs, PedestrianWalker Walker) Start(bool egoSide, bool autopilot = false, int lanes = 2)
    {
        var json = TestScenes.OvalJson(Crosswalk).Replace("\"count\": 2", $"\"count\": {lanes}", StringComparison.Ordinal);
        var (env, obs) = TestScenes.Start(TestScenes.Compile(json), 3, new EnvOptions { Autopilot = autopilot });
        var walker = Assert.Single(env.World.Components<PedestrianWalker>().ToArray());
        int egoSign = lanes == 1 ? 1 : Math.Sign(env.Ego.Body.Query.Lateral);
        Assert.NotEqual(0, egoSign);
        int start = egoSide ? egoSign : -egoSign;
        walker.Lateral = start * walker.KerbLateral;
        walker.Direction = -start;
        walker.WaitLeft = 0;
        return (env, obs, walker);
    }

    [Fact]
    public void Driving_on_at_a_walker_in_the_lane_is_one_yield_failure_and_pays_the_yield_term()
    {
        var (env, obs, walker) = Start(egoSide: true);
        using var _ = env;
        bool paid = false;
        var full = new DrivingAction(0, 1);
        TestScenes.RunUntilDone(env, full, obs, 60 * 20, o =>
        {
            var r = env.Info.Reward;
            if (r.Yield < 0)
            {
                paid = true;
                Assert.Equal(-Math.Min(env.Ego.Body.State.Vx / env.Ego.Spec.MaxSpeed, 1), r.Yield, 9);
                double rest = 0.1 * r.Progress + 0.02 * r.Centering + 5 * r.OffRoad + 5 * r.Collision + 0.01 * r.Smoothness;
                Assert.Equal(rest + 2 * r.Yield, r.Total, 9);
            }
        });
        Assert.True(walker.Crossing || env.Info.Collisions > 0, "the walker was not on the road when the car arrived");
        Assert.Equal(1, env.Info.YieldFailures);
        Assert.True(paid, "the yield term was never paid");
    }

    [Fact]
    public void A_walker_still_on_the_far_half_of_the_road_is_no_failure()
    {
        var (env, obs, _) = Start(egoSide: false);
        using var __ = env;
        TestScenes.RunUntilDone(env, new DrivingAction(0, 1), obs, 60 * 12, o => Assert.Equal(0, env.Info.Reward.Yield));
        Assert.True(env.Ego.Progress > 100, "the car did not pass the crosswalk");
        Assert.Equal(0, env.Info.YieldFailures);
        Assert.Equal(0, env.Info.Collisions);
    }

    /// <summary>A crosswalk's <c>gap</c>: the walker, ready on the kerb while the car approaches at about 8 m/s 30 m out,
    /// steps out at gap 1.5 s (30 m is beyond 12 m plus 1.5 s at the car's speed) and waits at the default 4 s.</summary>
    [Theory]
    [InlineData(PedestrianWalker.DefaultGap, false)]
    [InlineData(1.5, true)]
    public void A_walker_steps_out_in_front_of_an_approaching_car_only_when_its_gap_allows(double gap, bool stepsOut)
    {
        string extra = gap == PedestrianWalker.DefaultGap ? Crosswalk
            : Crosswalk.Replace("\"wait\": [0, 0]", $"\"wait\": [0, 0], \"gap\": {gap.ToString(System.Globalization.CultureInfo.InvariantCulture)}", StringComparison.Ordinal);
        var scene = TestScenes.Compile(TestScenes.OvalJson(extra));
        Assert.Equal(gap, scene.Description.Crosswalks[0].Gap);
        var (env, obs) = TestScenes.Start(scene, 3);
        using var _ = env;
        var walker = Assert.Single(env.World.Components<PedestrianWalker>().ToArray());
        Assert.Equal(gap, walker.Gap);
        walker.Crossing = false;
        walker.Lateral = walker.KerbLateral;
        walker.Direction = -1;
        walker.WaitLeft = double.MaxValue;
        double toCrosswalk = double.MaxValue;
        for (int i = 0; i < 60 * 20 && toCrosswalk > 30; i++)
        {
            env.Step(new DrivingAction(0, env.Ego.Body.State.Speed < 8 ? 1 : 0), obs);   // about 8 m/s
            toCrosswalk = env.Scene.Track.DeltaS(env.Ego.Body.Query.S, walker.S);
        }
        double speed = env.Ego.Body.State.Speed;
        Assert.InRange(toCrosswalk, 25, 30);
        Assert.InRange(speed, (toCrosswalk - 12) / PedestrianWalker.DefaultGap + 0.5, (toCrosswalk - 12) / 1.5 - 0.5);
        walker.WaitLeft = 0;
        env.Step(new DrivingAction(0, 0), obs);
        Assert.Equal(stepsOut, walker.Crossing);
    }

    [Fact]
    public void The_walker_gap_round_trips_through_scene_json_and_the_generator()
    {
        var options = new Scenes.SceneGeneratorOptions { CrosswalkDensity = 4, WalkerGap = 1.5 };
        var scene = Scenes.SceneGenerator.Describe(7, options);
        Assert.NotEmpty(scene.Crosswalks);
        Assert.All(scene.Crosswalks, c => Assert.Equal(1.5, c.Gap));
        string json = Scenes.SceneWriter.Write(scene);
        Assert.Contains("\"gap\": 1.5", json, StringComparison.Ordinal);
        Assert.All(Scenes.SceneLoader.Parse(json, "g.json").Crosswalks, c => Assert.Equal(1.5, c.Gap));
        // The default is not written, so scenes from before the setting keep their JSON (and content hash).
        string plain = Scenes.SceneWriter.Write(Scenes.SceneGenerator.Describe(7, options with { WalkerGap = PedestrianWalker.DefaultGap }));
        Assert.DoesNotContain("\"gap\"", plain, StringComparison.Ordinal);
        var e = Assert.Throws<Core.SimInputException>(() => Scenes.SceneGenerator.Describe(7, options with { WalkerGap = 31 }));
        Assert.Equal("--walker-gap", e.Path);
        var bad = Assert.Throws<Core.SimInputException>(() => TestScenes.Compile(TestScenes.OvalJson(
            Crosswalk.Replace("\"wait\": [0, 0]", "\"wait\": [0, 0], \"gap\": -1", StringComparison.Ordinal))));
        Assert.Contains("gap", bad.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void On_a_one_lane_road_the_autopilot_stops_for_the_walker_and_never_fails_to_yield()
    {
        var (env, obs, walker) = Start(egoSide: true, autopilot: true, lanes: 1);
        using var _ = env;
        double slowest = double.MaxValue;
        TestScenes.RunUntilDone(env, default, obs, 60 * 60, o =>
        {
            if (walker.Crossing && env.Ego.Progress > 40)
            {
                slowest = Math.Min(slowest, env.Ego.Body.State.Speed);
            }
        });
        Assert.True(env.Ego.Progress > 120, $"the autopilot did not get past the crosswalk ({env.Ego.Progress:0} m)");
        Assert.True(slowest < WalkerYield.CreepSpeed, $"the autopilot never stopped for the walker (slowest {slowest:0.00} m/s)");
        Assert.Equal(0, env.Info.YieldFailures);
        Assert.Equal(0, env.Info.Collisions);
    }
}
