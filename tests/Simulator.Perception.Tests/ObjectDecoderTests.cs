using Simulator.Perception.Data;
using Simulator.Perception.Decoding;
using Simulator.Perception.Training;

namespace Simulator.Perception.Tests;

public class ObjectDecoderTests
{
    private const int Size = 96, Grid = 24, Plane = Grid * Grid;

    private static (float[] Heat, float[] BoxSize, float[] Offset) Empty() => (new float[5 * Plane], new float[2 * Plane], new float[2 * Plane]);

    private static void Put(float[] heat, float[] size, float[] offset, ObjectClass c, int gx, int gy, float score, float w, float h, float ox, float oy)
    {
        int cell = gy * Grid + gx;
        heat[(int)c * Plane + cell] = score;
        size[cell] = w;
        size[Plane + cell] = h;
        offset[cell] = ox;
        offset[Plane + cell] = oy;
    }

    [Fact]
    public void Peak_position_and_size_are_recovered_exactly()
    {
        var (heat, size, offset) = Empty();
        Put(heat, size, offset, ObjectClass.Cone, 5, 7, 0.9f, 6, 10, 0.25f, 0.5f);
        // A weaker neighbour of the same peak is not a peak.
        heat[(int)ObjectClass.Cone * Plane + 7 * Grid + 6] = 0.6f;
        var decoder = new ObjectDecoder(Size, Size);
        DetectedBox[] boxes = decoder.Decode(heat, size, offset);
        DetectedBox b = Assert.Single(boxes);
        Assert.Equal(ObjectClass.Cone, b.Class);
        // centre (5.25·4, 7.5·4) = (21, 30); 6 × 10 pixels.
        Assert.Equal(18f, b.X0, 5);
        Assert.Equal(25f, b.Y0, 5);
        Assert.Equal(24f, b.X1, 5);
        Assert.Equal(35f, b.Y1, 5);
        Assert.Equal(0.9f, b.Score);
    }

    [Fact]
    public void Nms_suppresses_an_overlapping_box_of_the_same_class_only()
    {
        var (heat, size, offset) = Empty();
        // Two vehicle peaks two cells apart with 40×40 boxes: IoU = (32·40)/(2·1600 − 1280) = 0.667 > 0.5.
        Put(heat, size, offset, ObjectClass.Vehicle, 10, 10, 0.8f, 40, 40, 0.5f, 0.5f);
        Put(heat, size, offset, ObjectClass.Vehicle, 12, 10, 0.7f, 40, 40, 0.5f, 0.5f);
        // A pedestrian at the same place as the second vehicle is another class: kept.
        Put(heat, size, offset, ObjectClass.Pedestrian, 12, 10, 0.6f, 40, 40, 0.5f, 0.5f);
        // A far vehicle does not overlap: kept.
        Put(heat, size, offset, ObjectClass.Vehicle, 2, 20, 0.3f, 8, 8, 0.5f, 0.5f);
        var decoder = new ObjectDecoder(Size, Size);
        var into = new DetectedBox[decoder.MaxDetections];
        int n = decoder.Decode(heat, size, offset, into);
        Assert.Equal(3, n);
        Assert.Equal((ObjectClass.Vehicle, 0.8f), (into[0].Class, into[0].Score));
        Assert.Equal((ObjectClass.Pedestrian, 0.6f), (into[1].Class, into[1].Score));
        Assert.Equal((ObjectClass.Vehicle, 0.3f), (into[2].Class, into[2].Score));
    }

    [Fact]
    public void Nms_keeps_boxes_below_the_iou_threshold()
    {
        var (heat, size, offset) = Empty();
        // Four cells apart with 40×40 boxes: IoU = (24·40)/(3200 − 960) = 0.43 < 0.5.
        Put(heat, size, offset, ObjectClass.Vehicle, 10, 10, 0.8f, 40, 40, 0.5f, 0.5f);
        Put(heat, size, offset, ObjectClass.Vehicle, 14, 10, 0.7f, 40, 40, 0.5f, 0.5f);
        Assert.Equal(2, new ObjectDecoder(Size, Size).Decode(heat, size, offset).Length);
    }

    [Fact]
    public void Threshold_and_top_k_limit_the_peaks()
    {
        var (heat, size, offset) = Empty();
        for (int i = 0; i < 6; i++)
        {
            Put(heat, size, offset, ObjectClass.Cone, 2 + 3 * i, 3, 0.2f + 0.1f * i, 4, 4, 0.5f, 0.5f);
        }
        var decoder = new ObjectDecoder(Size, Size, options: new ObjectDecoderOptions { ScoreThreshold = 0.35f, TopK = 2 });
        DetectedBox[] boxes = decoder.Decode(heat, size, offset);
        Assert.Equal([0.7f, 0.6f], boxes.Select(b => MathF.Round(b.Score, 3)));
    }

    [Fact]
    public void Training_targets_decode_back_to_the_boxes()
    {
        GtBox[] truth =
        [
            new(ObjectClass.Vehicle, 10, 20, 50, 44, 1, 1),
            new(ObjectClass.Sign, 70.5f, 3, 76.5f, 15, 1, 2),
            new(ObjectClass.Pedestrian, 30, 60, 35, 75, 1, 3),
        ];
        var (heat, size, offset) = Empty();
        var mask = new float[Plane];
        int centres = CenterTargets.Build(truth, 4, Grid, Grid, 0, heat, size, offset, mask);
        Assert.Equal(3, centres);
        DetectedBox[] boxes = new ObjectDecoder(Size, Size).Decode(heat, size, offset);
        Assert.Equal(3, boxes.Length);
        foreach (GtBox t in truth)
        {
            DetectedBox b = Assert.Single(boxes, d => d.Class == t.Class);
            Assert.Equal(1f, b.Score);
            Assert.Equal(t.X0, b.X0, 4);
            Assert.Equal(t.Y0, b.Y0, 4);
            Assert.Equal(t.X1, b.X1, 4);
            Assert.Equal(t.Y1, b.Y1, 4);
        }
    }

    [Fact]
    public void Flipped_targets_mirror_the_boxes()
    {
        GtBox[] truth = [new(ObjectClass.Cone, 10, 20, 18, 30, 1, 1)];
        var (heat, size, offset) = Empty();
        CenterTargets.Build(truth, 4, Grid, Grid, Size, heat, size, offset, new float[Plane]);
        DetectedBox b = Assert.Single(new ObjectDecoder(Size, Size).Decode(heat, size, offset));
        Assert.Equal(78f, b.X0, 4);
        Assert.Equal(86f, b.X1, 4);
        Assert.Equal(20f, b.Y0, 4);
    }
}
