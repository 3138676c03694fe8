using System.CommandLine;
using System.Globalization;
using Simulator.Core;
using Simulator.Perception.Dataset;

namespace Simulator.Cli.Commands;

/// <summary>`sim dataset perception`: renders labelled camera frames (pixel classes, boxes, lanes) as a dataset folder.</summary>
internal static class PerceptionDatasetCommand
{
    public static Command Create()
    {
        var outDir = CommonOptions.OutputFolder("--out", "Folder to write (created; must be empty)");
        outDir.Required = true;
        var frames = CommonOptions.Int("--frames", "Training frames", 2000, 0, 10_000_000);
        var valFrames = CommonOptions.Int("--val-frames", "Validation frames", 400, 0, 10_000_000);
        var testFrames = CommonOptions.Int("--test-frames", "Test frames", 400, 0, 10_000_000);
        var size = CommonOptions.Size("--size", "Image size", "96x96", 16, 1024);
        var scenes = CommonOptions.SceneList("--scenes", "Scenes to drive instead of generated tracks (names or files, comma-separated; every split then uses the same tracks)", "");
        var tracks = CommonOptions.OptionalInt("--tracks", "Generated tracks per split (default 16)", 1, 100_000);
        var seed = CommonOptions.Seed("--seed", "Dataset seed (shifts the track seeds inside each split's range)", 0);
        var envs = CommonOptions.Int("--envs", "Envs stepped and rendered together", 8, 1, 256);
        var every = CommonOptions.Int("--steps-per-frame", "Simulation steps between two frames of one env", 24, 1, 10_000);
        var json = CommonOptions.Json();
        var cmd = new Command("perception",
            "Render camera frames under domain randomisation with the renderer's ground truth (pixel classes, occlusion-aware boxes, lane lines) " +
            "as train/val/test folders split by track seed: PNG images and masks, COCO JSON, YOLO text, TuSimple-style lanes JSON")
        {
            outDir, frames, valFrames, testFrames, size, scenes, tracks, seed, envs, every, json,
        };
        cmd.SetAction(parse =>
        {
            string sceneList = parse.GetValue(scenes) ?? "";
            int? trackCount = parse.GetValue(tracks);
            if (sceneList.Length > 0 && trackCount is not null)
            {
                throw new SimInputException("--scenes and --tracks exclude each other", path: "--scenes",
                    hint: "give --tracks N for generated tracks split by seed, or --scenes a,b to drive those scenes");
            }
            var (w, h) = CommonOptions.ParseSize(parse.GetValue(size)!, "--size", 16, 1024);
            var options = new PerceptionDatasetOptions
            {
                TrainFrames = parse.GetValue(frames),
                ValFrames = parse.GetValue(valFrames),
                TestFrames = parse.GetValue(testFrames),
                Width = w,
                Height = h,
                Tracks = trackCount ?? new PerceptionDatasetOptions().Tracks,
                Scenes = sceneList.Length == 0 ? [] : [.. sceneList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(CommonOptions.ResolveScene)],
                Seed = parse.GetValue(seed),
                Envs = parse.GetValue(envs),
                StepsPerFrame = parse.GetValue(every),
            };
            options.Validate();
            var writer = new PerceptionDatasetWriter(parse.GetValue(outDir)!);
            using var generator = new PerceptionDatasetGenerator(options);
            var summary = writer.Write(generator);
            var output = new Output(parse);
            if (parse.GetValue(json))
            {
                output.Json(new
                {
                    folder = writer.Folder,
                    frames = summary.Frames,
                    total = summary.Total,
                    seconds = summary.Seconds,
                    framesPerSecond = summary.FramesPerSecond,
                    renderer = generator.DeviceName,
                });
            }
            else
            {
                output.Line(string.Create(CultureInfo.InvariantCulture,
                    $"wrote {summary.Frames[PerceptionSplits.Train]} train, {summary.Frames[PerceptionSplits.Val]} val and {summary.Frames[PerceptionSplits.Test]} test frames ({w}x{h}) to {writer.Folder} " +
                    $"in {summary.Seconds:0.0} s ({summary.FramesPerSecond:0.0} frames/s on {generator.DeviceName})"));
            }
            return 0;
        });
        return cmd;
    }
}
