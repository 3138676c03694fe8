using System.Globalization;
using Simulator.Perception.Data;
using Simulator.Perception.Models;
using Simulator.Perception.Onnx;

namespace Simulator.Perception.Training;

/// <summary>
/// Writes a trained network as an ONNX model of convention version 1 (shared preprocessing, the task's output
/// names) with metadata: <c>task</c> (lanes | objects), <c>convention_version</c>, <c>class_names</c>
/// (comma-separated, channel order), <c>network</c>, <c>training_data</c> (the caller's summary),
/// <c>training</c> (epochs, frames, seed) and every validation metric of the best epoch as <c>val_NAME</c>.
/// </summary>
public static class PerceptionModelExport
{
    public const string ConventionVersion = "1";

    public static void ExportLanes(LaneNet net, int height, int width, string path, TrainingReport? report, PerceptionTrainOptions? options, string dataSummary) =>
        OnnxExport.Export(net, height, width, path, Metadata("lanes", PerceptionClasses.LaneClassNames, nameof(LaneNet), report, options, dataSummary), LaneNet.OutputNames);

    public static void ExportObjects(ObjectNet net, int height, int width, string path, TrainingReport? report, PerceptionTrainOptions? options, string dataSummary) =>
        OnnxExport.Export(net, height, width, path, Metadata("objects", PerceptionClasses.ObjectClassNames, net.Width == 1 ? nameof(ObjectNet) : $"{nameof(ObjectNet)} width {net.Width}", report, options, dataSummary), ObjectNet.OutputNames);

    public static Dictionary<string, string> Metadata(string task, IReadOnlyList<string> classes, string network, TrainingReport? report, PerceptionTrainOptions? options, string dataSummary)
    {
        var meta = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["task"] = task,
            ["convention_version"] = ConventionVersion,
            ["class_names"] = string.Join(",", classes),
            ["network"] = network,
            ["training_data"] = dataSummary,
        };
        if (report is not null)
        {
            meta["training"] = string.Create(CultureInfo.InvariantCulture,
                $"{report.Epochs.Count} epochs (best {report.BestEpoch} by {report.PrimaryMetric}), {report.TrainFrames} train / {report.ValidationFrames} validation frames, {report.Seconds / 60:F1} min, seed {options?.Seed}, batch {options?.BatchSize}, lr {options?.LearningRate}");
            foreach (var pair in report.Best.Metrics)
            {
                meta["val_" + pair.Key] = pair.Value.ToString("G6", CultureInfo.InvariantCulture);
            }
        }
        return meta;
    }
}
