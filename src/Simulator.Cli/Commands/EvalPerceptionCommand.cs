using System.CommandLine;
using System.Globalization;
using Simulator.Perception.Dataset;
using Simulator.Perception.Loop;
using Spectre.Console;

namespace Simulator.Cli.Commands;

/// <summary>`sim eval perception`: the perception models on held-out tracks, scored frame by frame against ground truth.</summary>
internal static class EvalPerceptionCommand
{
    public static Command Create()
    {
        var scenes = new Option<string?>("--scenes", "-s")
        {
            Description = "Comma-separated scene names or paths to drive (default: held-out generated tracks with obstacles, traffic, signs and walkers, "
                + "seeds from the test range, never used in training)",
        };
        var tracks = CommonOptions.Int("--tracks", "Generated held-out tracks (without --scenes)", 8, 1, 10_000);
        var frames = CommonOptions.Int("--frames", "Frames to score", 400, 1, 1_000_000);
        var seed = CommonOptions.Seed("--seed", "Dataset seed (shifts the track seeds inside the test range and seeds the episodes)", 0UL);
        var batch = CommonOptions.Int("--batch", "Frames per ONNX Runtime run", 16, 1, 1024);
        var json = CommonOptions.Json();
        var perception = PerceptionOptionSet.Create(alwaysOn: true);
        var cmd = new Command("perception", "Score the lane and object models against the renderer's ground truth: lane IoU, lateral error (m), precision, recall, mAP@0.5, mAP@0.5:0.95")
        {
            scenes, tracks, frames, seed, batch, json,
        };
        perception.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            string? list = parse.GetValue(scenes);
            var data = new PerceptionDatasetOptions
            {
                TrainFrames = 0,
                ValFrames = 0,
                TestFrames = parse.GetValue(frames),
                Tracks = parse.GetValue(tracks),
                Seed = parse.GetValue(seed),
                Scenes = list is null ? [] : [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(CommonOptions.ResolveScene)],
            };
            var config = perception.Config(parse);
            var report = PerceptionEvaluation.Run(config, data, PerceptionSplits.Test, parse.GetValue(batch));
            Print(new Output(parse), report, config, parse.GetValue(json));
            return 0;
        });
        return cmd;
    }

    private static void Print(Output output, PerceptionEvalReport r, PerceptionConfig config, bool json)
    {
        static double? N(double v) => double.IsFinite(v) ? v : null;
        if (json)
        {
            output.Json(new
            {
                r.Split, r.Frames, sources = r.Sources, laneModel = config.LaneModel, objectModel = config.ObjectModel,
                laneIou = N(r.LaneIoU), roadIou = N(r.RoadIoU), markingIou = N(r.MarkingIoU), lateralErrorMetres = N(r.LateralErrorMetres),
                lateralErrorByDistance = r.LateralErrorByDistance.Select(x => new { distance = x.Distance, error = N(x.Error) }),
                r.TrueLanes, r.MatchedLanes, r.FalseLanes,
                precision = N(r.Precision), recall = N(r.Recall), map50 = N(r.MeanAp50), map50To95 = N(r.MeanAp50To95),
                perClass = r.PerClass.Select(c => new { @class = c.Class, objects = c.Objects, ap50 = N(c.Ap50), precision = N(c.Precision), falsePositives = c.FalsePositives }),
                bySize = r.BySize.Select(b => new { heights = b.Heights, objects = b.Objects, map50 = N(b.MeanAp50) }),
                inferenceMsPerFrame = N(r.InferenceMsPerFrame), framesPerSecond = N(r.FramesPerSecond), r.Batch, r.Device,
            });
            return;
        }
        string F(double v, string format = "0.000") => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
        output.Line($"eval perception: {r.Frames} frames of the {r.Split} split ({string.Join(", ", r.Sources.Take(6))}{(r.Sources.Count > 6 ? ", ..." : "")}), batch {r.Batch}, rendered on {r.Device}");
        var table = new Table().AddColumns("metric", "value");
        table.AddRow("lane IoU (road ∪ marking)", F(r.LaneIoU));
        table.AddRow("road IoU / marking IoU", $"{F(r.RoadIoU)} / {F(r.MarkingIoU)}");
        table.AddRow("lateral error of fitted lanes (m)", F(r.LateralErrorMetres));
        table.AddRow("  at " + string.Join(", ", r.LateralErrorByDistance.Select(x => $"{x.Distance:0} m")), string.Join(", ", r.LateralErrorByDistance.Select(x => F(x.Error, "0.00"))));
        table.AddRow("lanes: true / matched / false", $"{r.TrueLanes} / {r.MatchedLanes} / {r.FalseLanes}");
        table.AddRow("detection precision / recall", $"{F(r.Precision)} / {F(r.Recall)}");
        table.AddRow("mAP@0.5", F(r.MeanAp50));
        table.AddRow("mAP@0.5:0.95", F(r.MeanAp50To95));
        foreach (var (name, objects, ap, precision, falsePositives) in r.PerClass)
        {
            table.AddRow($"  AP@0.5 {name} ({objects} objects)", $"{F(ap)}  (precision {F(precision)}, {falsePositives} false)");
        }
        foreach (var (heights, objects, map) in r.BySize)
        {
            table.AddRow($"  mAP@0.5 of boxes {heights} tall ({objects} objects)", F(map));
        }
        table.AddRow("inference (both models)", $"{F(r.InferenceMsPerFrame, "0.00")} ms per frame");
        output.Console.Write(table);
    }
}
