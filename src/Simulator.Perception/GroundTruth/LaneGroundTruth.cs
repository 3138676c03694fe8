using System.Numerics;
using Simulator.Core;
using Simulator.Perception.Data;
using Simulator.Tracks;

namespace Simulator.Perception.GroundTruth;

/// <summary>
/// Lane lines seen by a camera, from the track geometry (not from pixels). Every line of the road gets an id across
/// the road: 0 is the right road edge, k the divider k lanes to its left, <c>LaneCount</c> the left edge (facing the
/// track's driving direction). A line's lateral offset is the centre of its painted marking (edges are painted just
/// inside the road, <see cref="TrackLayout.MarkingWidth"/>/2 in; without edge paint, the road edge itself); dashed
/// dividers are labelled continuously through their gaps, as TuSimple and CULane do. Each line is sampled every
/// <see cref="LaneGroundTruthOptions.Step"/> metres of arc length from just behind the vehicle to
/// <see cref="LaneGroundTruthOptions.MaxRange"/> ahead, at the marking's height, projected with the renderer's exact
/// camera projection, and kept where it is in front of the vehicle (0 &lt; x ≤ MaxRange), in front of the near plane
/// and inside the image. Points stay in track order, which is bottom-up in the image. Lines with fewer than two
/// points are dropped. Occlusion (a car over a marking) does not remove points; only the road ahead along the track is
/// labelled (another stretch of the same track visible further away is not).
/// </summary>
public static class LaneGroundTruth
{
    /// <summary>Height of the painted markings above the road (TrackMeshOptions.MarkingHeight's default, which the
    /// renderer's static set uses).</summary>
    public const float MarkingHeight = 0.01f;

    /// <summary>Lateral offsets (+ left of travel) of the road's lines, by id.</summary>
    public static double[] LineLaterals(TrackLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var laterals = new double[layout.LaneCount + 1];
        double edge = layout.EdgeMarking == MarkingStyle.Solid ? layout.HalfRoadWidth - 0.5 * layout.MarkingWidth : layout.HalfRoadWidth;
        laterals[0] = -edge;
        laterals[layout.LaneCount] = edge;
        for (int k = 1; k < layout.LaneCount; k++)
        {
            laterals[k] = -layout.HalfRoadWidth + k * layout.LaneWidth;
        }
        return laterals;
    }

    /// <summary>
    /// Where along the track the vehicle is: the centreline sample that is near (within 15 m) and heads the vehicle's
    /// way (score = distance² + (5 m·heading difference)²), so a level crossing (figure-eight) picks the branch the
    /// vehicle drives on, not merely the nearest one; the plain projection when no sample is that near.
    /// </summary>
    public static double ArcLengthOf(Track track, double x, double y, double yaw)
    {
        ArgumentNullException.ThrowIfNull(track);
        double best = double.PositiveInfinity, s = double.NaN;
        for (int i = 0; i < track.SampleCount; i++)
        {
            var q = track.SampleAt(i);
            double dx = q.Position.X - x, dy = q.Position.Y - y, d2 = dx * dx + dy * dy;
            if (d2 > 15 * 15)
            {
                continue;
            }
            double dh = MathUtil.WrapAngle(q.Heading - yaw);
            double score = d2 + 25 * dh * dh;
            if (score < best)
            {
                best = score;
                s = q.S;
            }
        }
        return double.IsNaN(s) ? track.Project(new Vec2(x, y)).S : s;
    }

    /// <param name="track">The scene's track.</param>
    /// <param name="camera">The camera's projection (see <see cref="CameraMatrix.Of"/>).</param>
    /// <param name="vehicle">The vehicle frame's origin and heading (world metres, radians): the ego's reference
    /// point (its state position, the centre of gravity) and yaw.</param>
    public static GtLane[] Compute(Track track, in CameraMatrix camera, Vector3 vehicle, float vehicleYaw, LaneGroundTruthOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(track);
        var o = options ?? LaneGroundTruthOptions.Default;
        double s0 = ArcLengthOf(track, vehicle.X, vehicle.Y, vehicleYaw);
        double[] laterals = LineLaterals(track.Layout);
        double cy = Math.Cos(vehicleYaw), sy = Math.Sin(vehicleYaw);
        var lanes = new List<GtLane>(laterals.Length);
        var image = new List<(float X, float Y)>();
        var ground = new List<(float X, float Y)>();
        int samples = (int)Math.Ceiling((o.MaxRange + o.Behind) / o.Step);
        for (int id = 0; id < laterals.Length; id++)
        {
            image.Clear();
            ground.Clear();
            for (int i = 0; i <= samples; i++)
            {
                Vec2 p = track.ToWorld(track.WrapS(s0 - o.Behind + i * o.Step), laterals[id]);
                double dx = p.X - vehicle.X, dy = p.Y - vehicle.Y;
                double vx = cy * dx + sy * dy, vy = -sy * dx + cy * dy;
                if (!(vx > 0 && vx <= o.MaxRange))
                {
                    continue;
                }
                if (!camera.TryProject(new Vector3((float)p.X, (float)p.Y, MarkingHeight), out Vector2 px, out _)
                    || !(px.X >= 0 && px.X < camera.Width && px.Y >= 0 && px.Y < camera.Height))
                {
                    continue;
                }
                image.Add((px.X, px.Y));
                ground.Add(((float)vx, (float)vy));
            }
            if (image.Count >= 2)
            {
                lanes.Add(new GtLane(id, [.. image], [.. ground]));
            }
        }
        return [.. lanes];
    }
}

/// <summary>Sampling of the lane ground truth.</summary>
/// <param name="MaxRange">Farthest point kept, metres ahead of the vehicle (its x).</param>
/// <param name="Step">Arc-length spacing of the samples (metres).</param>
/// <param name="Behind">Sampling starts this far behind the vehicle along the track (metres) so the bottom rows are
/// covered even with the vehicle turned against the track.</param>
public sealed record LaneGroundTruthOptions(double MaxRange = 50, double Step = 0.5, double Behind = 5)
{
    public static LaneGroundTruthOptions Default { get; } = new();
}
