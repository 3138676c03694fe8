using System.Numerics;
using Simulator.Driving.Cameras;
using Simulator.Driving.Scenes;
using Simulator.Perception.Data;
using Simulator.Perception.GroundTruth;
using Simulator.Rendering.Vulkan;

namespace Simulator.Perception.Tests;

[Collection(RendererCollection.Name)]
public class GroundTruthTests(RendererFixture fx)
{
    [Fact]
    public void Camera_matrix_projects_like_the_renderer()
    {
        var view = EnvView.Default;
        view.Camera = CameraPose.Create(new Vector3(120.5f, -40.25f, 1.45f), 0.7f, -0.15f, 1.2f, 0.1f, 160f);
        view.Camera.Roll = 0.03f;
        view.Randomization.CameraOffset = new Vector3(0.2f, -0.1f, 0.05f);
        view.Randomization.CameraAngleOffset = new Vector3(0.01f, -0.02f, 0.005f);
        var m = CameraMatrix.Of(view, 96, 80);
        var rng = new Core.Rng(3);
        int compared = 0;
        for (int i = 0; i < 500; i++)
        {
            var p = new Vector3(120.5f + (float)rng.Range(-60.0, 60.0), -40.25f + (float)rng.Range(-60.0, 60.0), (float)rng.Range(0.0, 3.0));
            bool a = CameraProjection.TryProject(view, 96, 80, p, out Vector2 expected, out float depth);
            bool b = m.TryProject(p, out Vector2 actual, out float depth2);
            Assert.Equal(a, b);
            if (a && expected.X is > -96 and < 192 && expected.Y is > -80 and < 160)
            {
                compared++;
                Assert.True(Vector2.Distance(expected, actual) < 1e-2f * Math.Max(1f, depth), $"{p}: {expected} vs {actual}");
                Assert.Equal(depth, depth2, 1e-3f * Math.Max(1f, depth));
            }
        }
        Assert.True(compared > 100);
    }

    /// <summary>Every line of a solid-marked road projected from the track geometry lands on a rendered
    /// lane-marking pixel (within one pixel) for a clear straight view; the same lines moved 0.5 m sideways do not,
    /// so the check can tell a correct projection from a slightly wrong one.</summary>
    [Theory]
    [InlineData(96, 96)]
    [InlineData(160, 120)]
    public void Projected_lane_lines_land_on_rendered_marking_pixels(int width, int height)
    {
        var scene = TestScenes.Stadium(lanes: 2, divider: MarkingStyle.Solid);
        var frame = TestScenes.RenderReset(fx.Renderer, scene, width, height);
        Assert.Equal([0, 1, 2], frame.Lanes.Select(l => l.Id));
        // Markings are 0.15 m wide: far away they are thinner than a pixel and the rasteriser draws them in broken
        // runs or not at all, so the check covers the points where the painted strip is at least one pixel wide.
        var ego = EgoOfReset(scene);
        var camera = CameraMatrixOfReset(scene, width, height, lateralShift: 0);
        var points = frame.Lanes.SelectMany(l => l.ImagePoints.Zip(l.VehiclePoints))
            .Where(p => PaintedWidthInPixels(camera, ego, p.Second) >= 1).Select(p => p.First).ToArray();
        Assert.True(points.Length > 30, $"{points.Length} points");
        double hit = points.Count(p => NearMarking(frame, p.X, p.Y)) / (double)points.Length;
        Assert.True(hit >= 0.9, $"only {hit:P1} of {points.Length} projected marking points are within 1 px of a marking pixel");

        // The lines in vehicle coordinates: straight ahead, 3.75 m apart, right edge 3.75 m - 0.075 m right of the
        // centreline; the ego spawns in lane 0's centre, 1.875 m right of it).
        foreach (var lane in frame.Lanes)
        {
            double expectedY = new[] { -1.875 + 0.075, 1.875, 5.625 - 0.075 }[lane.Id];
            // 0.2 m: the spline through the straight's control points turns the car's spawn heading by a fraction
            // of a degree against the straight, which shows 50 m ahead.
            Assert.All(lane.VehiclePoints, p => Assert.Equal(expectedY, p.Y, 0.2));
            Assert.True(lane.VehiclePoints[0].X > 0 && lane.VehiclePoints[^1].X <= 50.0001);
            Assert.True(lane.ImagePoints[0].Y > lane.ImagePoints[^1].Y, "points go bottom-up");
        }

        var shiftedCamera = CameraMatrixOfReset(scene, width, height, lateralShift: 0.5f);
        var shifted = LaneGroundTruth.Compute(Driving.Runtime.SceneCompiler.Compile(scene).Track, shiftedCamera, ego.Position, ego.Yaw);
        var moved = shifted.SelectMany(l => l.ImagePoints.Zip(l.VehiclePoints))
            .Where(p => PaintedWidthInPixels(camera, ego, p.Second) >= 1).Select(p => p.First).ToArray();
        double movedHit = moved.Count(p => NearMarking(frame, p.X, p.Y)) / (double)moved.Length;
        Assert.True(movedHit < 0.6, $"points 0.5 m off still hit markings {movedHit:P1}");
        fx.AssertNoValidationMessages();
    }

    [Fact]
    public void Boxes_are_the_renderers_visible_boxes_with_occlusion_measured()
    {
        // Lane 0 centre is lateral -1.875. A barrier block (2 m wide, turned across the lane) 12 m ahead in lane 0
        // hides part of a cone 3 m behind its left end (in line with the end as seen from the camera); a cone in lane 1 stands free; a sign stands on the right shoulder.
        var scene = TestScenes.Stadium(props:
        [
            new PropSpec(PropKind.Barrier, 12, -1.875, Math.PI / 2, "$.props[0]"),
            new PropSpec(PropKind.Cone, 15, -0.6, 0, "$.props[1]"),
            new PropSpec(PropKind.Cone, 14, 1.875, 0, "$.props[2]"),
            new PropSpec(PropKind.Sign, 20, -5.5, Math.PI, "$.props[3]"),
        ]);
        var (frame, ids) = TestScenes.RenderResetWithIds(fx.Renderer, scene, 320, 240);
        var classes = frame.Boxes.Select(b => b.Class).Order().ToArray();
        Assert.Equal([ObjectClass.Cone, ObjectClass.Cone, ObjectClass.Barrier, ObjectClass.Sign], classes);
        foreach (var box in frame.Boxes)
        {
            // The box is exactly the bounds of the instance's pixels in the id image, recomputed here.
            var mask = Bounds(ids, frame.Width, box.InstanceId);
            Assert.Equal(box.X0, mask.MinX);
            Assert.Equal(box.X1, mask.MaxX + 1);
            Assert.Equal(box.Y0, mask.MinY);
            Assert.Equal(box.Y1, mask.MaxY + 1);
        }
        var barrier = frame.Boxes.Single(b => b.Class == ObjectClass.Barrier);
        var hidden = frame.Boxes.Where(b => b.Class == ObjectClass.Cone).MinBy(b => Math.Abs(b.X0 + b.X1 - barrier.X0 - barrier.X1));
        var free = frame.Boxes.Single(b => b.Class == ObjectClass.Cone && b.InstanceId != hidden.InstanceId);
        Assert.InRange(hidden.VisibleFraction, 0.2f, 0.8f);
        Assert.True(free.VisibleFraction > 0.85f, $"free cone visible fraction {free.VisibleFraction}");
        Assert.True(frame.Boxes.Single(b => b.Class == ObjectClass.Barrier).VisibleFraction > 0.85f);
        // The ego's own body is never a box.
        Assert.DoesNotContain(frame.Boxes, b => b.InstanceId == FrameGroundTruth.EgoOf(Snapshot(scene)).InstanceId);
        fx.AssertNoValidationMessages();
    }

    [Fact]
    public void Pixel_classes_map_the_renderer_segmentation()
    {
        var frame = TestScenes.RenderReset(fx.Renderer, TestScenes.Stadium(), 96, 96);
        Assert.Equal(96 * 96, frame.Classes.Length);
        for (int i = 0; i < frame.Classes.Length; i++)
        {
            Assert.Equal((byte)PerceptionClasses.LaneClassOf((SemanticClass)frame.Semantic[i]), frame.Classes[i]);
        }
        Assert.Contains((byte)LaneClass.Road, frame.Classes);
        Assert.Contains((byte)LaneClass.LaneMarking, frame.Classes);
        Assert.Contains((byte)LaneClass.Other, frame.Classes);
    }

    /// <summary>Width in pixels of the 0.15 m painted strip at a ground point given in vehicle coordinates (the
    /// stadium's straight runs along the vehicle's x).</summary>
    private static float PaintedWidthInPixels(CameraMatrix camera, Driving.Snapshots.ActorSnapshot ego, (float X, float Y) p)
    {
        Vector3 World(float x, float y) => new(ego.Position.X + MathF.Cos(ego.Yaw) * x - MathF.Sin(ego.Yaw) * y,
            ego.Position.Y + MathF.Sin(ego.Yaw) * x + MathF.Cos(ego.Yaw) * y, LaneGroundTruth.MarkingHeight);
        camera.TryProject(World(p.X, p.Y - 0.075f), out Vector2 a, out _);
        camera.TryProject(World(p.X, p.Y + 0.075f), out Vector2 b, out _);
        return Vector2.Distance(a, b);
    }

    private static bool NearMarking(PerceptionFrame f, float x, float y)
    {
        int cx = (int)x, cy = (int)y;
        for (int dy = -1; dy <= 1; dy++)
        {
            for (int dx = -1; dx <= 1; dx++)
            {
                int px = cx + dx, py = cy + dy;
                if (px >= 0 && py >= 0 && px < f.Width && py < f.Height && f.Semantic[py * f.Width + px] == (byte)SemanticClass.LaneMarking)
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static (float MinX, float MinY, float MaxX, float MaxY) Bounds(uint[] ids, int width, uint id)
    {
        int minX = int.MaxValue, minY = int.MaxValue, maxX = -1, maxY = -1;
        for (int i = 0; i < ids.Length; i++)
        {
            if (ids[i] == id)
            {
                minX = Math.Min(minX, i % width);
                maxX = Math.Max(maxX, i % width);
                minY = Math.Min(minY, i / width);
                maxY = Math.Max(maxY, i / width);
            }
        }
        return (minX, minY, maxX, maxY);
    }

    private static Driving.Snapshots.WorldSnapshot Snapshot(SceneDescription scene)
    {
        var env = new Driving.Env.DrivingEnv(Driving.Runtime.SceneCompiler.Compile(scene));
        env.Reset(1, new float[env.Observation.VectorSize]);
        return env.Snapshot;
    }

    private static Driving.Snapshots.ActorSnapshot EgoOfReset(SceneDescription scene) => FrameGroundTruth.EgoOf(Snapshot(scene));

    private static CameraMatrix CameraMatrixOfReset(SceneDescription scene, int width, int height, float lateralShift)
    {
        var snapshot = Snapshot(scene);
        var ego = FrameGroundTruth.EgoOf(snapshot);
        var cam = Driving.Snapshots.CameraSnapshot.Mounted(CameraSetups.Front(width, height),
            new Physics.VehicleState(ego.Position.X, ego.Position.Y, ego.Yaw));
        cam.Pose.Position += new Vector3(-MathF.Sin(ego.Yaw), MathF.Cos(ego.Yaw), 0) * lateralShift;
        return CameraMatrix.Of(FrameGroundTruth.ViewOf(snapshot, cam), width, height);
    }
}
