using Simulator.Core;
using Simulator.Driving.Env;

namespace Simulator.Driving.Tests;

/// <summary>Ground-truth vector sensors read the road and obstacles the way their documentation says.</summary>
public class SensorTests
{
    [Fact]
    public void Rays_read_the_near_road_edge_shorter_than_the_road_ahead()
    {
        var (env, obs) = TestScenes.Start(TestScenes.Oval());
        var rays = TestScenes.Slice(env, obs, "rays");
        Assert.Equal(9, rays.Length);
        // Lane 0 (right lane) of a 2 × 3.75 m road: right edge 1.875 m away, left edge 5.625 m, nothing ahead for 50 m.
        Assert.Equal(1.875 / 50, rays[0], 2);
        Assert.Equal(5.625 / 50, rays[8], 2);
        Assert.Equal(1f, rays[4]);
        Assert.True(rays[0] < rays[1] && rays[1] < rays[2] && rays[2] < rays[3] && rays[3] < rays[4]);
        Assert.True(rays[0] < rays[8]);
        // Mirror image on the left lane.
        (env, obs) = TestScenes.Start(TestScenes.Oval(spawn: "[ { \"s\": 40, \"lane\": 1 } ]"));
        rays = TestScenes.Slice(env, obs, "rays");
        Assert.Equal(5.625 / 50, rays[0], 2);
        Assert.Equal(1.875 / 50, rays[8], 2);
    }

    [Fact]
    public void Rays_see_a_cone_ahead()
    {
        // Put the cone exactly on the centre ray, 20 m ahead of the front bumper (the spawn is the same with or without it).
        var (clear, clearObs) = TestScenes.Start(TestScenes.Oval());
        Assert.Equal(1f, TestScenes.Slice(clear, clearObs, "rays")[4]);
        var body = clear.Ego.Body;
        var front = body.Pose.ToWorld(new Vec2(body.HalfLength, 0));
        var q = clear.Scene.Track.Project(front + body.Pose.Forward * 20);
        var scene = TestScenes.Oval(FormattableString.Invariant($", \"props\": [ {{ \"type\": \"cone\", \"s\": {q.S:R}, \"lateral\": {q.Lateral:R} }} ]"));
        var (env, obs) = TestScenes.Start(scene);
        Assert.Equal(body.State.X, env.Ego.Body.State.X);
        var rays = TestScenes.Slice(env, obs, "rays");
        float first = rays[4];
        Assert.Equal((20 - 0.2) / 50, first, 3); // the near face of the 0.4 m cone
        // Driving towards it, the reading shrinks by the distance covered.
        double x0 = env.Info.DistanceTravelled;
        for (int i = 0; i < 90; i++)
        {
            env.Step(new DrivingAction(0, 1f), obs);
        }
        float later = TestScenes.Slice(env, obs, "rays")[4];
        Assert.Equal(first - (env.Info.DistanceTravelled - x0) / 50, later, 2);
        Assert.True(later < first - 0.02, $"{later} after {env.Info.DistanceTravelled - x0:0.0} m");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Curvature_preview_sign_matches_the_turn_direction(bool counterClockwise)
    {
        var scene = TestScenes.Oval(spawn: "[ { \"s\": 140, \"lane\": 0 } ]",
            points: counterClockwise ? TestScenes.OvalPoints : TestScenes.ClockwiseOvalPoints);
        var (env, obs) = TestScenes.Start(scene);
        var preview = TestScenes.Slice(env, obs, "curvaturePreview");
        Assert.Equal(5, preview.Length);
        // Geometry: which way the road turns over the next 50 m.
        var track = scene.Track;
        double s = env.Ego.Body.Query.S;
        double turn = MathUtil.WrapAngle(track.Sample(track.WrapS(s + 50)).Heading - track.Sample(s).Heading);
        Assert.True(Math.Abs(turn) > 0.3, $"the road should bend within 50 m, turns {turn} rad");
        float far = preview[4];
        Assert.Equal(Math.Sign(turn), Math.Sign(far));
        Assert.Equal(Math.Clamp(track.Sample(track.WrapS(s + 50)).Curvature * 10, -1, 1), far, 3);
        for (int i = 0; i < preview.Length; i++)
        {
            Assert.InRange(preview[i], -1f, 1f);
        }
    }

    [Fact]
    public void Lane_offset_sign_is_positive_to_the_left()
    {
        var right = TestScenes.Oval(", \"randomization\": { \"spawnLateral\": [0.5, 0.5] }");
        var (env, obs) = TestScenes.Start(right);
        var lane = TestScenes.Slice(env, obs, "laneOffset");
        // Lane 0 centre is 1.875 m right of the centreline; 0.5 m left of it is still right of the centreline.
        Assert.Equal(-1.375 / 3.75, lane[0], 2);
        Assert.Equal(0.5 / 1.875, lane[1], 2);
        var left = TestScenes.Oval(", \"randomization\": { \"spawnLateral\": [-0.5, -0.5] }", spawn: "[ { \"s\": 40, \"lane\": 1 } ]");
        (env, obs) = TestScenes.Start(left);
        lane = TestScenes.Slice(env, obs, "laneOffset");
        Assert.Equal(1.375 / 3.75, lane[0], 2);
        Assert.Equal(-0.5 / 1.875, lane[1], 2);
        // Just beyond the left edge (within the off-road margin) the lane offset is measured from the leftmost lane.
        var off = TestScenes.Oval(", \"randomization\": { \"spawnLateral\": [2, 2] }", spawn: "[ { \"s\": 40, \"lane\": 1 } ]");
        (env, obs) = TestScenes.Start(off);
        lane = TestScenes.Slice(env, obs, "laneOffset");
        Assert.Equal(3.875 / 3.75, lane[0], 2);
        Assert.Equal(2 / 1.875, lane[1], 2);
    }

    [Fact]
    public void Outputs_stay_in_range_under_random_driving()
    {
        var scene = TestScenes.Shipped("two-lane-traffic");
        var (env, obs) = TestScenes.Start(scene, 2);
        var rng = Rng.Create(2, RngStream.Policy);
        double halfWidth = scene.Track.Layout.HalfRoadWidth;
        double margin = scene.Description.Episode.OffRoadMargin + 0.5;
        float steer = 0;
        for (int step = 0; step < 4000; step++)
        {
            steer = Math.Clamp(steer + (float)rng.Range(-0.1, 0.1), -1, 1);
            var o = env.Step(new DrivingAction(steer, (float)rng.Range(-0.2, 1)), obs);
            Assert.InRange(TestScenes.Slice(env, obs, "speed")[0], -0.5f, 1.5f);
            var lane = TestScenes.Slice(env, obs, "laneOffset");
            Assert.InRange(lane[0], -(halfWidth + margin) / halfWidth, (halfWidth + margin) / halfWidth);
            Assert.InRange(lane[1], -3f, 3f);
            var heading = TestScenes.Slice(env, obs, "headingError");
            Assert.Equal(1, heading[0] * heading[0] + heading[1] * heading[1], 4);
            foreach (float v in TestScenes.Slice(env, obs, "curvaturePreview"))
            {
                Assert.InRange(v, -1f, 1f);
            }
            foreach (float v in TestScenes.Slice(env, obs, "rays"))
            {
                Assert.InRange(v, 0f, 1f);
            }
            foreach (float v in TestScenes.Slice(env, obs, "controls"))
            {
                Assert.InRange(v, -1f, 1f);
            }
            if (o.Done)
            {
                env.Reset((ulong)step, obs);
            }
        }
    }
}
