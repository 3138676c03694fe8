using Simulator.Perception.Data;
using Simulator.Perception.Metrics;

namespace Simulator.Perception.Tests;

public class MetricsTests
{
    private static GtBox Truth(float x0, float y0, float x1, float y1, ObjectClass c = ObjectClass.Vehicle, float visible = 1) =>
        new(c, x0, y0, x1, y1, visible, 1);

    private static DetectedBox Det(float x0, float y0, float x1, float y1, float score, ObjectClass c = ObjectClass.Vehicle) =>
        new(c, x0, y0, x1, y1, score);

    [Fact]
    public void Box_iou_by_hand()
    {
        // [0,2)² and [1,3)²: intersection 1×1 = 1, union 4 + 4 - 1 = 7.
        Assert.Equal(1f / 7, BoxIou.Of(0, 0, 2, 2, 1, 1, 3, 3), 6);
        // Touching edges do not overlap; a box with itself is 1; containment: 4 / 16.
        Assert.Equal(0f, BoxIou.Of(0, 0, 2, 2, 2, 0, 4, 2));
        Assert.Equal(1f, BoxIou.Of(1, 2, 5, 7, 1, 2, 5, 7));
        Assert.Equal(0.25f, BoxIou.Of(0, 0, 4, 4, 1, 1, 3, 3));
        Assert.Equal(0f, BoxIou.Of(0, 0, 0, 0, 0, 0, 0, 0));
    }

    [Fact]
    public void Precision_and_false_positives_per_class_by_hand()
    {
        // One vehicle. Vehicle detections: 0.9 on it (TP), 0.8 beside it (FP). Pedestrian detections: 0.7 on nothing
        // (FP), 0.2 on nothing (below the 0.3 score threshold). A cone detection on a 2 px tall (ignored) cone: neither.
        var m = new DetectionMetrics();
        m.Add([Truth(0, 0, 10, 10), Truth(40, 40, 41, 42, ObjectClass.Cone)],
            [Det(0, 0, 10, 10, 0.9f), Det(50, 50, 60, 60, 0.8f), Det(70, 0, 72, 6, 0.7f, ObjectClass.Pedestrian),
             Det(80, 0, 82, 6, 0.2f, ObjectClass.Pedestrian), Det(40, 40, 41, 42, 0.9f, ObjectClass.Cone)]);
        Assert.Equal(0.5, m.Precision(0.3f, 0.5f, ObjectClass.Vehicle), 12);
        Assert.Equal(1, m.FalsePositives(0.3f, 0.5f, ObjectClass.Vehicle));
        Assert.Equal(0, m.Precision(0.3f, 0.5f, ObjectClass.Pedestrian), 12);
        Assert.Equal(1, m.FalsePositives(0.3f, 0.5f, ObjectClass.Pedestrian));
        Assert.Equal(2, m.FalsePositives(0.1f, 0.5f, ObjectClass.Pedestrian));
        Assert.True(double.IsNaN(m.Precision(0.3f, 0.5f, ObjectClass.Cone)));
        Assert.Equal(0, m.FalsePositives(0.3f, 0.5f, ObjectClass.Cone));
        Assert.Equal(2, m.FalsePositives(0.3f));
        Assert.Equal(1 / 3.0, m.Precision(0.3f), 12);
    }

    [Fact]
    public void Average_precision_by_hand_with_101_point_interpolation()
    {
        // Truth A, B. Detections by score: 0.9 on A (TP), 0.8 on nothing (FP), 0.7 on B (TP).
        // precision 1, 1/2, 2/3; recall 1/2, 1/2, 1. Envelope: 1, 2/3, 2/3.
        // r = 0.00..0.50 (51 levels) -> 1; r = 0.51..1.00 (50 levels) -> 2/3. AP = (51 + 50·2/3) / 101 = 0.834983.
        var m = new DetectionMetrics();
        m.Add([Truth(0, 0, 10, 10), Truth(20, 20, 30, 30)],
            [Det(0, 0, 10, 10, 0.9f), Det(50, 50, 60, 60, 0.8f), Det(20, 20, 30, 30, 0.7f)]);
        Assert.Equal((51 + 50 * 2.0 / 3) / 101, m.AveragePrecision(ObjectClass.Vehicle, 0.5f), 9);
        Assert.Equal(m.AveragePrecision(ObjectClass.Vehicle, 0.5f), m.MeanAp50, 12); // the only class with truth
        Assert.True(double.IsNaN(m.AveragePrecision(ObjectClass.Cone, 0.5f)));
        // At score >= 0.75: detections 0.9 (TP) and 0.8 (FP): precision 1/2, recall 1/2.
        Assert.Equal(0.5, m.Precision(0.75f), 12);
        Assert.Equal(0.5, m.Recall(0.75f), 12);
        // At score >= 0.5: 2 TP of 3, both truths found.
        Assert.Equal(2.0 / 3, m.Precision(0.5f), 12);
        Assert.Equal(1.0, m.Recall(0.5f), 12);
    }

    [Fact]
    public void Ranking_across_frames_and_duplicates()
    {
        // Frame 1: truth A, detections 0.6 on A (TP) and 0.95 duplicate on A — the duplicate comes first by score,
        // so it takes A (TP) and 0.6 becomes the FP. Frame 2: truth B missed, detection 0.5 elsewhere (FP).
        // Ranked: 0.95 TP, 0.6 FP, 0.5 FP. precision 1, 1/2, 1/3; recall 1/2, 1/2, 1/2.
        // Envelope 1 up to recall 1/2; nothing reaches higher recall. AP = 51 / 101.
        var m = new DetectionMetrics();
        m.Add([Truth(0, 0, 10, 10)], [Det(0, 0, 10, 10, 0.6f), Det(0, 0, 10, 9, 0.95f)]);
        m.Add([Truth(0, 0, 10, 10)], [Det(40, 40, 50, 50, 0.5f)]);
        Assert.Equal(51.0 / 101, m.AveragePrecision(ObjectClass.Vehicle, 0.5f), 9);
    }

    [Fact]
    public void Detections_of_ignored_boxes_are_neither_true_nor_false_positives()
    {
        var filter = new DetectionFilter(MinHeight: 4, MinVisibleFraction: 0.3f);
        var m = new DetectionMetrics(filter);
        // A (detectable), T (3 px tall: ignore), O (visible 0.1: ignore). Detections on all three and none else.
        m.Add([Truth(0, 0, 10, 10), Truth(30, 30, 40, 33), Truth(50, 50, 60, 60, visible: 0.1f)],
            [Det(0, 0, 10, 10, 0.5f), Det(30, 30, 40, 33, 0.9f), Det(50, 50, 60, 60, 0.8f)]);
        Assert.Equal(1, m.TruthCount());
        Assert.Equal(1.0, m.AveragePrecision(ObjectClass.Vehicle, 0.5f), 12);
        Assert.Equal(1.0, m.Precision(0.1f), 12);
        Assert.Equal(1.0, m.Recall(0.1f), 12);
        // Without the filter the ignored boxes are ordinary truth and the ranking 0.9, 0.8, 0.5 is all TP.
        var strict = new DetectionMetrics(new DetectionFilter(0, 0));
        strict.Add([Truth(0, 0, 10, 10), Truth(30, 30, 40, 33), Truth(50, 50, 60, 60, visible: 0.1f)], [Det(0, 0, 10, 10, 0.5f)]);
        Assert.Equal(1.0 / 3, strict.Recall(0.1f), 12);
    }

    [Fact]
    public void Unmatched_detections_outside_the_height_range_are_ignored_as_in_coco()
    {
        // One 10 px truth found at 0.5; an unmatched 2 px detection at 0.9 and an unmatched 6 px one at 0.8.
        GtBox[] truth = [Truth(0, 0, 10, 10)];
        DetectedBox[] dets = [Det(0, 0, 10, 10, 0.5f), Det(40, 40, 44, 42, 0.9f), Det(60, 60, 64, 66, 0.8f)];
        var m = new DetectionMetrics();
        m.Add(truth, dets);
        // Default range 4+ px: the 2 px one is left out, the 6 px one is a FP ranked above the TP: precision 1/2 at
        // every recall level.
        Assert.Equal(0.5, m.AveragePrecision(ObjectClass.Vehicle, 0.5f), 12);
        Assert.Equal(0.5, m.Precision(0.1f), 12);
        // Band 8-16 px: only the TP counts. Band 4-8 px: no truth in range (NaN), the 10 px truth is an ignore region.
        var medium = new DetectionMetrics(new DetectionFilter(8, 0.3f, 16));
        medium.Add(truth, dets);
        Assert.Equal(1.0, medium.AveragePrecision(ObjectClass.Vehicle, 0.5f), 12);
        Assert.Equal(1, medium.TruthCount());
        var small = new DetectionMetrics(DetectionFilter.SizeBands[0]);
        small.Add(truth, dets);
        Assert.Equal(0, small.TruthCount());
        Assert.True(double.IsNaN(small.AveragePrecision(ObjectClass.Vehicle, 0.5f)));
        Assert.Equal(0.0, small.Precision(0.1f), 12); // the 6 px detection is its only counted one, a FP
        Assert.Equal("4-8 px", small.Filter.HeightRange);
        Assert.Equal("16+ px", DetectionFilter.SizeBands[2].HeightRange);
    }

    [Fact]
    public void Map_over_iou_thresholds_by_hand()
    {
        // Truth [0,10)², detection [0,10)×[0,6.2): IoU 0.62, a TP at 0.50, 0.55, 0.60 and a FP at 0.65…0.95:
        // AP 1 at 3 thresholds, 0 at 7: mAP@0.5:0.95 = 0.3. A second class (cone) found exactly has AP 1 at all.
        var m = new DetectionMetrics();
        m.Add([Truth(0, 0, 10, 10), Truth(20, 20, 24, 30, ObjectClass.Cone)],
            [Det(0, 0, 10, 6.2f, 0.9f), Det(20, 20, 24, 30, 0.9f, ObjectClass.Cone)]);
        Assert.Equal(1.0, m.MeanAp50, 12);
        Assert.Equal((0.3 + 1.0) / 2, m.MeanAp50To95, 9);
        // Class mismatch never matches.
        var wrong = new DetectionMetrics();
        wrong.Add([Truth(0, 0, 10, 10)], [Det(0, 0, 10, 10, 0.9f, ObjectClass.Sign)]);
        Assert.Equal(0.0, wrong.MeanAp50, 12);
        Assert.Equal(0.0, wrong.Precision(0.5f), 12);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 7)]
    [InlineData(3, 200)]
    public void Streaming_metrics_equal_the_frame_keeping_oracle_on_random_frames(int seed, int queryEvery)
    {
        // Random frames of all classes, with duplicates, near misses, tiny and half-hidden boxes and tied scores;
        // queries part-way (which merge the ranking) must not change what later queries say.
        var rng = new Random(seed);
        var filter = seed == 2 ? DetectionFilter.SizeBands[1] : DetectionFilter.Default;
        var m = new DetectionMetrics(filter);
        var oracle = new ReferenceDetectionMetrics(filter);
        for (int f = 0; f < 300; f++)
        {
            var truth = new List<GtBox>();
            var dets = new List<DetectedBox>();
            for (int t = rng.Next(6); t > 0; t--)
            {
                var c = (ObjectClass)rng.Next(PerceptionClasses.ObjectClassCount);
                float x = rng.Next(80), y = rng.Next(80), w = 2 + rng.Next(20), h = 2 + rng.Next(20);
                truth.Add(new GtBox(c, x, y, x + w, y + h, (float)rng.NextDouble(), (uint)t));
                for (int d = rng.Next(3); d > 0; d--)
                {
                    float jx = (float)(rng.NextDouble() - 0.5) * w * 0.6f, jy = (float)(rng.NextDouble() - 0.5) * h * 0.6f;
                    var dc = rng.Next(8) == 0 ? (ObjectClass)rng.Next(PerceptionClasses.ObjectClassCount) : c;
                    dets.Add(new DetectedBox(dc, x + jx, y + jy, x + w + jx, y + h + jy, rng.Next(20) / 20f));
                }
            }
            for (int d = rng.Next(3); d > 0; d--)
            {
                float x = rng.Next(90), y = rng.Next(90);
                dets.Add(new DetectedBox((ObjectClass)rng.Next(PerceptionClasses.ObjectClassCount), x, y, x + 1 + rng.Next(12), y + 1 + rng.Next(12), rng.Next(20) / 20f));
            }
            m.Add([.. truth], [.. dets]);
            oracle.Add(truth, dets);
            if (f % queryEvery == 0 || f == 299)
            {
                Assert.Equal(oracle.TruthCount(), m.TruthCount());
                Assert.Equal(oracle.MeanAp50, m.MeanAp50, 12);
                Assert.Equal(oracle.Precision(0.3f), m.Precision(0.3f), 12);
            }
        }
        Assert.True(m.MeanAp50 is > 0.05 and < 0.95, $"mAP@0.5 {m.MeanAp50}: the random frames should be neither hopeless nor perfect");
        Assert.Equal(oracle.MeanAp50To95, m.MeanAp50To95, 12);
        foreach (float t in DetectionMetrics.CocoThresholds)
        {
            foreach (ObjectClass c in Enum.GetValues<ObjectClass>())
            {
                Assert.Equal(oracle.AveragePrecision(c, t), m.AveragePrecision(c, t), 12);
                Assert.Equal(oracle.TruthCount(c), m.TruthCount(c));
            }
            Assert.Equal(oracle.Precision(0.55f, t), m.Precision(0.55f, t), 12);
            Assert.Equal(oracle.Recall(0.2f, t), m.Recall(0.2f, t), 12);
        }
        Assert.Equal(300, m.Frames);
    }

    [Fact]
    public void Streaming_metrics_refuse_thresholds_they_did_not_match_at_and_foreign_classes()
    {
        var m = new DetectionMetrics();
        m.Add([Truth(0, 0, 10, 10)], [Det(0, 0, 10, 10, 0.9f)]);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => m.AveragePrecision(ObjectClass.Vehicle, 0.3f));
        Assert.Contains("0.50, 0.55", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => m.Add([Truth(0, 0, 10, 10, (ObjectClass)9)], []));
        Assert.Throws<ArgumentException>(() => m.Add([], [Det(0, 0, 10, 10, 0.9f, (ObjectClass)9)]));
        Assert.Equal(1, m.Frames); // the refused frames were not counted
        Assert.Equal(1.0, m.MeanAp50, 12);
    }

    [Fact]
    public void Segmentation_iou_by_hand()
    {
        // 0 other, 1 road, 2 marking.
        // truth      pred
        // 1 1 2 0    1 2 2 0
        // 1 1 0 0    1 1 1 0
        // road: inter 3, union (truth 4 ∪ pred 4) = 5 -> 0.6; marking: inter 1, union 2 -> 0.5;
        // other: truth {3,6,7}, pred {3,7}: inter 2, union 3 -> 2/3; lane area: truth {0,1,2,4,5}, pred {0,1,2,4,5,6}: 5 / 6.
        var m = new SegmentationMetrics();
        m.Add(new byte[] { 1, 2, 2, 0, 1, 1, 1, 0 }, new byte[] { 1, 1, 2, 0, 1, 1, 0, 0 });
        Assert.Equal(0.6, m.RoadIou, 12);
        Assert.Equal(0.5, m.MarkingIou, 12);
        Assert.Equal(2.0 / 3, m.ClassIou(0), 12);
        Assert.Equal(5.0 / 6, m.LaneIou, 12);
        Assert.Equal((0.6 + 0.5 + 2.0 / 3) / 3, m.MeanIou, 12);
        Assert.Equal(6.0 / 8, m.PixelAccuracy, 12);
        // Counts accumulate: a second, perfect frame of 4 road pixels -> road inter 7, union 9.
        m.Add(new byte[] { 1, 1, 1, 1 }, new byte[] { 1, 1, 1, 1 });
        Assert.Equal(7.0 / 9, m.RoadIou, 12);
        Assert.Equal(2, m.Frames);
        Assert.Throws<ArgumentException>(() => m.Add(new byte[3], new byte[4]));
    }

    [Fact]
    public void Lane_lateral_error_by_hand()
    {
        // Truth: lines at y = -1.8 and y = 1.8, straight, x from 2 to 40 m. Fits: y = 2.0 (0.2 off the left line),
        // y = -1.5 but reaching only 12 m (0.3 off the right line at 5 and 10 m), and y = 9 (nothing near: false).
        // Errors: left 0.2 at 5, 10, 15, 20, 30; right 0.3 at 5, 10. Mean at 5 m: 0.25; at 30 m: 0.2;
        // overall: (5·0.2 + 2·0.3) / 7.
        static (float, float)[] Line(float y, float to) => [.. Enumerable.Range(0, 40).Select(i => (2f + i, y)).Where(p => p.Item1 <= to)];
        var m = new LaneMetrics();
        m.Add([new GtLane(0, [], Line(-1.8f, 40)), new GtLane(1, [], Line(1.8f, 40))],
            [new FittedLane(0, [], Line(-1.5f, 12)), new FittedLane(1, [], Line(2.0f, 40)), new FittedLane(2, [], Line(9f, 40))]);
        Assert.Equal(0.25, m.LateralError(0), 5);
        Assert.Equal(0.25, m.LateralError(1), 5);
        Assert.Equal(0.2, m.LateralError(2), 5);
        Assert.Equal(0.2, m.LateralError(4), 5);
        Assert.Equal(1, m.Samples(4));
        Assert.Equal((5 * 0.2 + 2 * 0.3) / 7, m.MeanLateralError, 5);
        Assert.Equal((2, 2, 0, 1), (m.TrueLanes, m.MatchedLanes, m.MissedLanes, m.FalseLanes));
        // A frame with a true line and no fit: missed.
        m.Add([new GtLane(0, [], Line(0, 40))], []);
        Assert.Equal(1, m.MissedLanes);
    }

    [Fact]
    public void Lateral_interpolation_between_points()
    {
        (float, float)[] pts = [(4, 1), (6, 2), (12, 5)];
        Assert.Equal(1.5, LaneMetrics.LateralAt(pts, 5), 9);
        Assert.Equal(3.5, LaneMetrics.LateralAt(pts, 9), 9);
        Assert.True(double.IsNaN(LaneMetrics.LateralAt(pts, 13)));
        Assert.True(double.IsNaN(LaneMetrics.LateralAt(pts, 3)));
    }
}
