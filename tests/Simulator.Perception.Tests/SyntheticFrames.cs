using Simulator.Core;
using Simulator.Perception.Data;

namespace Simulator.Perception.Tests;

/// <summary>
/// Test-only frame source: a grey road band with white stripe markings on green grass (lane classes), and coloured
/// rectangles as objects (boxes, one colour per class), with seeded positions and brightness. Not the renderer:
/// small learnable scenes to check that the trainers, losses and decoders work together.
/// </summary>
internal static class SyntheticFrames
{
    private static readonly byte[][] s_objectColours =
    [
        [200, 30, 30], [30, 30, 200], [255, 140, 0], [240, 240, 60], [160, 40, 200],
    ];

    public static List<PerceptionFrame> Lanes(int count, int size, ulong seed, string split = "train")
    {
        var rng = Rng.Create(seed, RngStream.Custom, 1);
        var frames = new List<PerceptionFrame>(count);
        for (int n = 0; n < count; n++)
        {
            var rgba = new byte[size * size * 4];
            var classes = new byte[size * size];
            int horizon = size / 3;
            double centre = size * rng.Range(0.35, 0.65);
            double halfBottom = size * rng.Range(0.35, 0.5);
            double light = rng.Range(0.7, 1.1);
            for (int y = 0; y < size; y++)
            {
                for (int x = 0; x < size; x++)
                {
                    LaneClass c = LaneClass.Other;
                    if (y >= horizon)
                    {
                        double t = (y - horizon + 0.5) / (size - horizon);
                        double half = halfBottom * t;
                        double dx = x + 0.5 - centre;
                        if (Math.Abs(dx) < half)
                        {
                            double markWidth = Math.Max(0.6, 2.0 * t);
                            c = Math.Abs(dx) < markWidth / 2 || Math.Abs(Math.Abs(dx) - half * 0.9) < markWidth / 2 ? LaneClass.LaneMarking : LaneClass.Road;
                        }
                    }
                    classes[y * size + x] = (byte)c;
                    (int r, int g, int b) = c switch
                    {
                        LaneClass.Road => (90, 90, 95),
                        LaneClass.LaneMarking => (235, 235, 235),
                        _ => y < horizon ? (140, 180, 230) : (60, 130, 50),
                    };
                    int o = (y * size + x) * 4;
                    rgba[o] = (byte)Math.Min(255, r * light);
                    rgba[o + 1] = (byte)Math.Min(255, g * light);
                    rgba[o + 2] = (byte)Math.Min(255, b * light);
                    rgba[o + 3] = 255;
                }
            }
            frames.Add(new PerceptionFrame(size, size, rgba, classes, new byte[size * size], [], [], new PerceptionFrameInfo(split, (int)seed, 0, n, "synthetic")));
        }
        return frames;
    }

    public static List<PerceptionFrame> Objects(int count, int size, ulong seed, string split = "train")
    {
        var rng = Rng.Create(seed, RngStream.Custom, 2);
        var frames = new List<PerceptionFrame>(count);
        for (int n = 0; n < count; n++)
        {
            var rgba = new byte[size * size * 4];
            for (int p = 0; p < size * size; p++)
            {
                rgba[p * 4] = 70;
                rgba[p * 4 + 1] = 110;
                rgba[p * 4 + 2] = 70;
                rgba[p * 4 + 3] = 255;
            }
            int objects = rng.Range(1, 3);
            var boxes = new List<GtBox>();
            for (int k = 0; k < objects; k++)
            {
                var cls = (ObjectClass)rng.NextInt(PerceptionClasses.ObjectClassCount);
                int w = rng.Range(5, size / 3), h = rng.Range(5, size / 3);
                int x0 = rng.Range(0, size - w), y0 = rng.Range(0, size - h);
                bool overlaps = false;
                foreach (GtBox b in boxes)
                {
                    overlaps |= x0 < b.X1 + 1 && b.X0 < x0 + w + 1 && y0 < b.Y1 + 1 && b.Y0 < y0 + h + 1;
                }
                if (overlaps)
                {
                    continue;
                }
                byte[] colour = s_objectColours[(int)cls];
                for (int y = y0; y < y0 + h; y++)
                {
                    for (int x = x0; x < x0 + w; x++)
                    {
                        int o = (y * size + x) * 4;
                        rgba[o] = colour[0];
                        rgba[o + 1] = colour[1];
                        rgba[o + 2] = colour[2];
                    }
                }
                boxes.Add(new GtBox(cls, x0, y0, x0 + w, y0 + h, 1f, (uint)(k + 1)));
            }
            frames.Add(new PerceptionFrame(size, size, rgba, new byte[size * size], new byte[size * size], [.. boxes], [], new PerceptionFrameInfo(split, (int)seed, 0, n, "synthetic")));
        }
        return frames;
    }
}
