using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Simulator.Core;
using Simulator.Perception.Data;
using Simulator.Perception.Dataset;
using Simulator.Perception.Decoding;
using Simulator.Perception.Metrics;
using Simulator.Perception.Models;
using Simulator.Perception.Training;
using Simulator.Torch;

namespace Simulator.Cli.Commands;

/// <summary>Task of `sim perception train`.</summary>
internal enum PerceptionTask
{
    Lanes,
    Objects,
}

/// <summary>`sim perception train`: generates labelled frames (train and validation tracks never overlap), trains the
/// lane or object network on libtorch and exports the best epoch to ONNX (convention version 1) with metadata.</summary>
internal static class PerceptionTrainCommand
{
    public const int MaxFrames = 200_000;

    public static Command Create()
    {
        // The command tree is built at startup, before any command runs: the shipped networks become available to
        // `sim bench perception --network lanes|objects` here.
        PerceptionNetworks.Register();
        var cmd = new Command("perception", "Perception models: train the lane and object networks on generated frames");
        cmd.Subcommands.Add(Train());
        return cmd;
    }

    private static Command Train()
    {
        var task = new Option<string>("--task") { Description = "lanes (segmentation) or objects (centre-point detector)", Required = true };
        task.Validators.Add(r =>
        {
            string value = r.Tokens.Count == 1 ? r.Tokens[0].Value : "";
            if (value is not ("lanes" or "objects"))
            {
                r.AddError($"--task must be lanes or objects, got '{value}'");
            }
        });
        var frames = CommonOptions.Positive("--frames", "Training frames to generate", 2000, MaxFrames);
        var valFrames = CommonOptions.Positive("--val-frames", "Validation frames (from validation tracks)", 400, MaxFrames);
        var tracks = CommonOptions.Positive("--tracks", "Generated tracks per split", 8, 1000);
        var epochs = CommonOptions.Positive("--epochs", "Passes over the training frames", 20, 10_000);
        var batch = CommonOptions.Positive("--batch", "Mini-batch size", 32, 4096);
        var lr = CommonOptions.Number("--lr", "Adam step size at the start (cosine decay to 5 %)", 3e-3, 0, 1, minExclusive: true);
        var minutes = CommonOptions.Number("--minutes", "Stop after the epoch that passes this many minutes (0 = run every epoch)", 0, 0, 10_000);
        var seed = CommonOptions.Seed("--seed", "Training seed (weights, order, augmentation)");
        var dataSeed = CommonOptions.Seed("--data-seed", "Dataset seed (tracks within each split's range, episodes)", 0);
        var outFile = CommonOptions.OutputFile("--out", "ONNX model to write (default models/perception-TASK.onnx)");
        var density = CommonOptions.Number("--density", "Multiplies the objects per km (obstacles, traffic, signs, pedestrians; capped at the generator's limits) of the training tracks; validation keeps the defaults", 1, 0, 20);
        var checkpoint = CommonOptions.OutputFile("--checkpoint", "Also save the best weights (libtorch state dict) here as training goes");
        var init = CommonOptions.InputFile("--init", "Start from these weights (a --checkpoint of the same task) instead of a seeded initialisation");
        var width = CommonOptions.Positive("--width", "Objects only: channel multiplier of ObjectNet (4 = the shipped model's network, 1 = the small one; the cost grows about as its square)", ObjectNet.ShippedWidth, ObjectNet.MaxWidth);
        var cmd = new Command("train", "Generate frames, train a perception network, export the best epoch to ONNX")
        {
            task, frames, valFrames, tracks, epochs, batch, lr, minutes, seed, dataSeed, density, width, outFile, checkpoint, init,
        };
        cmd.SetAction(parse =>
        {
            string name = parse.GetValue(task)!;
            PerceptionTask t = name == "lanes" ? PerceptionTask.Lanes : PerceptionTask.Objects;
            string path = parse.GetValue(outFile) ?? Path.Combine(CommonOptions.RepoRoot(), "models", $"perception-{name}.onnx");
            var output = new Output(parse);
            if (t == PerceptionTask.Lanes && parse.GetResult(width) is { Implicit: false })
            {
                throw new SimInputException("--width applies to the object network only", path: "--width", hint: "drop --width, or train with --task objects");
            }
            var data = new PerceptionDatasetOptions
            {
                TrainFrames = parse.GetValue(frames),
                ValFrames = parse.GetValue(valFrames),
                TestFrames = 0,
                Tracks = parse.GetValue(tracks),
                Seed = parse.GetValue(dataSeed),
            };
            var options = new PerceptionTrainOptions
            {
                Epochs = parse.GetValue(epochs),
                BatchSize = parse.GetValue(batch),
                LearningRate = parse.GetValue(lr),
                MaxMinutes = parse.GetValue(minutes),
                Seed = parse.GetValue(seed),
                CheckpointPath = parse.GetValue(checkpoint),
                Log = line => output.Line("  " + line),
            };
            double k = parse.GetValue(density);
            // Capped at the generator's limits (20, 20, 40, 40 per km).
            var trainData = data with { ValFrames = 0, Obstacles = Math.Min(data.Obstacles * k, 20), Traffic = Math.Min(data.Traffic * k, 20), Signs = Math.Min(data.Signs * k, 40), Pedestrians = Math.Min(data.Pedestrians * k, 40) };
            data = data with { TrainFrames = 0 };
            trainData.Validate();
            data.Validate();
            options.Validate();
            output.Line(string.Create(CultureInfo.InvariantCulture, $"perception train: task {name}, seed {options.Seed}, data seed {data.Seed}, {trainData.TrainFrames} train / {data.ValFrames} validation frames from {data.Tracks} tracks per split, training object density x{k}"));

            // The network (and --init) first: a checkpoint that does not fit fails before minutes of frame generation.
            using var gen = new Generator(options.Seed);
            using Torch.Modules.Module net = t == PerceptionTask.Lanes ? new LaneNet(gen) : new ObjectNet(gen, parse.GetValue(width));
            LoadInitial(net, parse.GetValue(init), t);

            var clock = Stopwatch.StartNew();
            List<PerceptionFrame> train, val;
            string summary;
            GroundCamera camera;
            using (var trainGenerator = new PerceptionDatasetGenerator(trainData))
            using (var valGenerator = new PerceptionDatasetGenerator(data))
            {
                train = [.. trainGenerator.Generate(PerceptionSplits.Train)];
                val = [.. valGenerator.Generate(PerceptionSplits.Val)];
                camera = GroundCamera.FromSensor(valGenerator.Camera.Camera!);
                summary = DataSummary(trainGenerator.TrackSeeds(PerceptionSplits.Train), valGenerator.TrackSeeds(PerceptionSplits.Val), trainData, data, train, val);
            }
            output.Line(string.Create(CultureInfo.InvariantCulture, $"  generated {train.Count + val.Count} frames in {clock.Elapsed.TotalSeconds:F0} s: {summary}"));

            TrainingReport report;
            if (net is LaneNet lanes)
            {
                using (var trainer = new LaneTrainer(lanes, train, val, options, camera))
                {
                    report = trainer.Run();
                }
                PerceptionModelExport.ExportLanes(lanes, data.Height, data.Width, path, report, options, summary);
            }
            else
            {
                var objects = (ObjectNet)net;
                using (var trainer = new ObjectTrainer(objects, train, val, options))
                {
                    report = trainer.Run();
                }
                PerceptionModelExport.ExportObjects(objects, data.Height, data.Width, path, report, options, summary);
            }
            var best = report.Best;
            output.Line(string.Create(CultureInfo.InvariantCulture,
                $"  best epoch {report.BestEpoch} of {report.Epochs.Count} by {report.PrimaryMetric}: {string.Join(", ", best.Metrics.Select(m => $"{m.Key} {m.Value:F4}"))}; training {report.Seconds / 60:F1} min"));
            output.Line($"  wrote {path}");
            return 0;
        });
        return cmd;
    }

    private static void LoadInitial(Torch.Modules.Module net, string? path, PerceptionTask task)
    {
        if (path is null)
        {
            return;
        }
        try
        {
            net.Load(path);
        }
        catch (SimInputException e) when (task == PerceptionTask.Objects && e.Problem.Contains(" in the network", StringComparison.Ordinal))
        {
            throw new SimInputException(e.Problem, path: "--init", file: path, inner: e,
                hint: $"the checkpoint is of another network: another --task, or an object network of another --width (this one is --width {((ObjectNet)net).Width})");
        }
    }

    private static string DataSummary(IReadOnlyList<ulong> trainSeeds, IReadOnlyList<ulong> valSeeds, PerceptionDatasetOptions trainData,
        PerceptionDatasetOptions valData, List<PerceptionFrame> train, List<PerceptionFrame> val)
    {
        static string Boxes(List<PerceptionFrame> frames)
        {
            int all = 0;
            var detectable = new int[PerceptionClasses.ObjectClassCount];
            foreach (var f in frames)
            {
                all += f.Boxes.Length;
                foreach (var b in f.Boxes)
                {
                    detectable[(int)b.Class] += DetectionFilter.Default.IsDetectable(b) ? 1 : 0;
                }
            }
            var parts = new List<string>();
            for (int c = 0; c < detectable.Length; c++)
            {
                parts.Add($"{PerceptionClasses.ObjectClassNames[c]} {detectable[c]}");
            }
            return $"{all} boxes, detectable {string.Join(" ", parts)}";
        }
        static string Density(PerceptionDatasetOptions d) => string.Create(CultureInfo.InvariantCulture,
            $"per km: obstacles {d.Obstacles}, traffic {d.Traffic}, signs {d.Signs}, pedestrians {d.Pedestrians}");
        return string.Create(CultureInfo.InvariantCulture,
            $"PerceptionDatasetGenerator {valData.Width}x{valData.Height}, data seed {valData.Seed}, domain randomisation on; train {train.Count} frames on tracks [{string.Join(" ", trainSeeds)}] ({Density(trainData)}; {Boxes(train)}); validation {val.Count} frames on tracks [{string.Join(" ", valSeeds)}] ({Density(valData)}; {Boxes(val)}); detectable = height ≥ {DetectionFilter.Default.MinHeight} px and visible fraction ≥ {DetectionFilter.Default.MinVisibleFraction}");
    }
}
