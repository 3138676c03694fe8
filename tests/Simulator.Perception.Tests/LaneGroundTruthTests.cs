using System.Numerics;
using Simulator.Perception.GroundTruth;
using Simulator.Rendering.Vulkan;
using Simulator.Tracks;

namespace Simulator.Perception.Tests;

public class LaneGroundTruthTests
{
    /// <summary>At the figure-eight's level crossing the lines labelled must be the branch the vehicle drives on
    /// (they run along its x axis), whichever of the two it is.</summary>
    [Fact]
    public void At_a_level_crossing_the_lines_follow_the_branch_driven()
    {
        string file = Path.Combine(TestScenes.RepoRoot(), "scenes", "figure-eight.json");
        var track = Driving.Runtime.SceneCompiler.Load(file).Track;
        TrackCrossing crossing = Assert.Single(track.Crossings);
        foreach (double s in new[] { crossing.S1, crossing.S2 })
        {
            // Off the centreline (0.8 of the half road to the right): the branches cross at right angles, so this
            // point lies on the other branch's centreline and the nearest centreline point is on the wrong branch;
            // the heading decides.
            var q = track.Sample(s);
            var p = q.Position - q.Left * (0.8 * track.Layout.HalfRoadWidth);
            var vehicle = new Vector3((float)p.X, (float)p.Y, 0);
            float yaw = (float)q.Heading;
            Assert.InRange(Math.Abs(track.DeltaS(s, LaneGroundTruth.ArcLengthOf(track, vehicle.X, vehicle.Y, yaw))), 0, 1.0);
            var view = EnvView.Default;
            view.Camera = CameraPose.Create(vehicle + new Vector3(1.9f * MathF.Cos(yaw), 1.9f * MathF.Sin(yaw), 1.45f), yaw, -0.157f, 1.309f, 0.1f, 160f);
            var lanes = LaneGroundTruth.Compute(track, CameraMatrix.Of(view, 96, 96), vehicle, yaw);
            Assert.Equal(track.Layout.LaneCount + 1, lanes.Length);
            foreach (var lane in lanes)
            {
                // Within 8 m ahead a line of the driven branch stays beside the vehicle (the road's width plus what
                // the curve bends it); a line of the crossing branch would run across, tens of metres sideways.
                Assert.All(lane.VehiclePoints.Where(p => p.X < 8), p => Assert.InRange(Math.Abs(p.Y), 0, 2 * track.Layout.HalfRoadWidth + 2));
            }
        }
    }

    [Fact]
    public void Line_laterals_are_the_painted_centres_by_id()
    {
        var layout = new TrackLayout { LaneCount = 3, LaneWidth = 3.5, MarkingWidth = 0.2 };
        // Half road 5.25: edges painted 0.1 inside, dividers at -1.75 and +1.75.
        Assert.Equal([-5.15, -1.75, 1.75, 5.15], LaneGroundTruth.LineLaterals(layout), new ToleranceComparer(1e-12));
        var bare = layout with { EdgeMarking = Tracks.MarkingStyle.None };
        Assert.Equal([-5.25, -1.75, 1.75, 5.25], LaneGroundTruth.LineLaterals(bare), new ToleranceComparer(1e-12));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double obj) => 0;
    }
}
