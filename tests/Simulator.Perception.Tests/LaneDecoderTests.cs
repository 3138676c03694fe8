using System.Numerics;
using Simulator.Perception.Data;
using Simulator.Perception.Decoding;
using Simulator.Rendering.Vulkan;

namespace Simulator.Perception.Tests;

public class LaneDecoderTests
{
    // The default ego camera of the scenes at 96×96: 90° vertical fov, pitched 8° down, 1.4 m high, 1 m ahead.
    private static readonly GroundCamera s_camera = new(96, 96, Math.PI / 2, -8 * Math.PI / 180, 1.4, 1.0, 0.0);

    /// <summary>A class mask with road everywhere below the horizon and marking lines on the ground:
    /// y(x) = lateral + x·tan(angle), 0.15 m wide, dashed (3 m on, 6 m off) where asked, out to 60 m.</summary>
    private static byte[] Mask(GroundCamera cam, double angle, params (double Lateral, bool Dashed)[] lines)
    {
        int w = cam.Width, h = cam.Height;
        var mask = new byte[w * h];
        for (int y = 0; y < h; y++)
        {
            if (!cam.TryImageToVehicle(w / 2.0, y + 0.5, out double gx, out _) || gx > 60)
            {
                continue;
            }
            for (int x = 0; x < w; x++)
            {
                mask[y * w + x] = (byte)LaneClass.Road;
            }
            foreach (var (lateral, dashed) in lines)
            {
                if (dashed && gx % 9 > 3)
                {
                    continue;
                }
                double ly = lateral + gx * Math.Tan(angle);
                cam.TryVehicleToImage(gx, ly, out double px, out _);
                cam.TryVehicleToImage(gx, ly + 0.075, out double pLeft, out _);
                double half = Math.Max(0.5, Math.Abs(pLeft - px));
                for (int x = 0; x < w; x++)
                {
                    if (Math.Abs(x + 0.5 - px) <= half)
                    {
                        mask[y * w + x] = (byte)LaneClass.LaneMarking;
                    }
                }
            }
        }
        return mask;
    }

    [Fact]
    public void Straight_lines_are_found_at_the_right_columns_and_metres_with_ids_from_the_right()
    {
        byte[] mask = Mask(s_camera, 0, (-1.75, false), (1.75, true), (5.25, false));
        var decoder = new LaneDecoder(96, 96, s_camera);
        FittedLane[] lanes = decoder.FitLines(mask);
        Assert.Equal(3, lanes.Length);
        double[] expected = [-1.75, 1.75, 5.25];
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(i, lanes[i].Id);
            Assert.Equal(lanes[i].ImagePoints.Length, lanes[i].VehiclePoints.Length);
            int near = 0;
            foreach (var (x, y) in lanes[i].VehiclePoints)
            {
                if (x < 20)
                {
                    near++;
                    Assert.InRange(y, expected[i] - 0.15, expected[i] + 0.15);
                }
            }
            Assert.True(near >= 2, $"lane {i} has {near} points within 20 m");
            // Image points: the fitted column matches the projected line at the bottom.
            var (px, py) = lanes[i].ImagePoints[0];
            Assert.True(s_camera.TryImageToVehicle(px, py, out double gx, out _));
            s_camera.TryVehicleToImage(gx, expected[i], out double truePx, out _);
            Assert.InRange(px, truePx - 1.0, truePx + 1.0);
            Assert.True(lanes[i].ImagePoints[^1].Y < py, "image points run from the bottom upwards");
        }
        LaneObservation obs = LaneObservation.FromLanes(lanes);
        Assert.True(obs.Valid);
        Assert.InRange(obs.LateralOffset, -0.1f, 0.1f);
        Assert.InRange(obs.HeadingError, -0.02f, 0.02f);
        Assert.InRange(obs.LaneWidth, 3.3f, 3.7f);
    }

    [Fact]
    public void Offset_and_heading_of_the_ego_in_its_lane()
    {
        // Lane centre 0.5 m to the left (the ego is right of centre), the road turning 0.05 rad to the left.
        byte[] mask = Mask(s_camera, 0.05, (-1.25, true), (2.25, false));
        FittedLane[] lanes = new LaneDecoder(96, 96, s_camera).FitLines(mask);
        Assert.Equal(2, lanes.Length);
        LaneObservation obs = LaneObservation.FromLanes(lanes);
        Assert.True(obs.Valid);
        // At 5 m ahead the centre is 0.5 + 5·tan(0.05) = 0.75 m left.
        Assert.InRange(obs.LateralOffset, -0.75f - 0.12f, -0.75f + 0.12f);
        Assert.InRange(obs.HeadingError, -0.05f - 0.02f, -0.05f + 0.02f);
    }

    [Fact]
    public void Logits_argmax_drives_the_fit()
    {
        byte[] mask = Mask(s_camera, 0, (-1.75, false), (1.75, false));
        int plane = 96 * 96;
        var logits = new float[3 * plane];
        for (int p = 0; p < plane; p++)
        {
            logits[mask[p] * plane + p] = 2f;
        }
        var decoder = new LaneDecoder(96, 96, s_camera);
        FittedLane[] lanes = decoder.Decode(logits);
        Assert.Equal(mask, decoder.Classes.ToArray());
        Assert.Equal(2, lanes.Length);
    }

    [Fact]
    public void No_markings_give_no_lanes_and_an_invalid_observation()
    {
        FittedLane[] lanes = new LaneDecoder(96, 96, s_camera).FitLines(Mask(s_camera, 0));
        Assert.Empty(lanes);
        Assert.False(LaneObservation.FromLanes(lanes).Valid);
    }

    [Fact]
    public void Ground_camera_matches_the_renderer_projection()
    {
        var view = EnvView.Default;
        view.Camera = CameraPose.Create(new Vector3(1.0f, 0, 1.4f), 0f, (float)s_camera.Pitch, (float)s_camera.VerticalFov);
        foreach (var (x, y) in new[] { (3.0, 0.0), (5.0, -1.75), (12.0, 3.5), (40.0, -5.0) })
        {
            Assert.True(CameraProjection.TryProject(view, 96, 96, new Vector3((float)x, (float)y, 0), out Vector2 pixel, out _));
            Assert.True(s_camera.TryVehicleToImage(x, y, out double px, out double py));
            Assert.Equal(pixel.X, px, 2);
            Assert.Equal(pixel.Y, py, 2);
            Assert.True(s_camera.TryImageToVehicle(px, py, out double gx, out double gy));
            Assert.Equal(x, gx, 6);
            Assert.Equal(y, gy, 6);
        }
        Assert.False(s_camera.TryImageToVehicle(48, s_camera.HorizonRow - 1, out _, out _));
    }
}
