using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Simulator.Core;
using Simulator.Perception.Data;
using Simulator.Rendering.Vulkan;

namespace Simulator.Perception.Dataset;

/// <summary>
/// Writes perception frames as a dataset folder (<see cref="PerceptionDatasetLayout"/>). Every file goes through
/// <see cref="SafeFile"/> (temporary file beside the target, flush, rename), and every byte follows from the frames
/// and options (no timestamps or timings), so the same options write byte-identical files.
/// </summary>
public sealed class PerceptionDatasetWriter
{
    private static readonly JsonWriterOptions s_json = new() { Indented = false };
    private const int MaxFramesInFlight = 16;

    public PerceptionDatasetWriter(string folder)
    {
        SafeFile.RequireFolderOrMissing(folder, "--out");
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new SimInputException($"'{folder}' is not empty", path: "--out", hint: "give a new or empty folder");
        }
        Folder = folder;
    }

    public string Folder { get; }

    /// <summary>Generates and writes every split, then the manifest; returns frames per split and the time taken.</summary>
    public PerceptionDatasetSummary Write(PerceptionDatasetGenerator generator, Action<string, int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var counts = new Dictionary<string, int>();
        var clock = Stopwatch.StartNew();
        foreach (var split in PerceptionSplits.All)
        {
            counts[split] = WriteSplit(split, generator.Generate(split), n => progress?.Invoke(split, n));
        }
        double seconds = clock.Elapsed.TotalSeconds;
        WriteManifest(generator, counts);
        return new PerceptionDatasetSummary(counts, seconds);
    }

    /// <summary>Writes one split's frames (images as they come; coco.json and lanes.json at the end); returns the count.</summary>
    public int WriteSplit(string split, IEnumerable<PerceptionFrame> frames, Action<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(frames);
        string dir = Path.Combine(Folder, PerceptionSplits.All[PerceptionSplits.IndexOf(split)]);
        var coco = new List<PerceptionFrame>();
        var lanes = new StringBuilder();
        // Each file is flushed to disk before its rename (SafeFile); the frames' files are written on the thread
        // pool, a bounded number of frames at a time, so the disk flushes overlap generation and each other.
        var pending = new Queue<Task>();
        int index = 0;
        try
        {
            foreach (var frame in frames)
            {
                string png = PerceptionDatasetLayout.FileName(index, ".png");
                string yolo = PerceptionDatasetLayout.FileName(index, ".txt");
                pending.Enqueue(Task.Run(() =>
                {
                    WritePng(Path.Combine(dir, PerceptionDatasetLayout.Images, png), frame.Width, frame.Height, Rgb(frame), 3);
                    WritePng(Path.Combine(dir, PerceptionDatasetLayout.Masks, png), frame.Width, frame.Height, frame.Classes, 1);
                    WritePng(Path.Combine(dir, PerceptionDatasetLayout.Semantic, png), frame.Width, frame.Height, frame.Semantic, 1);
                    SafeFile.WriteAllText(Path.Combine(dir, PerceptionDatasetLayout.Yolo, yolo), Yolo(frame), createFolder: true);
                }));
                lanes.Append(LanesLine(frame, $"{PerceptionDatasetLayout.Images}/{png}")).Append('\n');
                coco.Add(frame with { Rgba = [], Classes = [], Semantic = [] });
                index++;
                while (pending.Count > MaxFramesInFlight)
                {
                    pending.Dequeue().GetAwaiter().GetResult();
                }
                progress?.Invoke(index);
            }
        }
        finally
        {
            // Let every started write finish (or fail) before returning or throwing.
            try
            {
                Task.WaitAll(pending);
            }
            catch (AggregateException) when (pending.Any(t => t.IsFaulted))
            {
            }
        }
        foreach (var t in pending)
        {
            t.GetAwaiter().GetResult();
        }
        Directory.CreateDirectory(dir);
        SafeFile.WriteAllText(Path.Combine(dir, PerceptionDatasetLayout.Yolo, PerceptionDatasetLayout.YoloClasses),
            string.Join('\n', PerceptionClasses.ObjectClassNames) + "\n", createFolder: true);
        SafeFile.WriteAllBytes(Path.Combine(dir, PerceptionDatasetLayout.Coco), Coco(split, coco));
        SafeFile.WriteAllText(Path.Combine(dir, PerceptionDatasetLayout.Lanes), lanes.ToString());
        return index;
    }

    private void WriteManifest(PerceptionDatasetGenerator generator, IReadOnlyDictionary<string, int> counts)
    {
        var o = generator.Options;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", "sim-perception-dataset");
            w.WriteNumber("formatVersion", 1);
            w.WriteString("simulatorVersion", PerceptionDatasetLayout.SimulatorVersion);
            w.WriteString("renderer", generator.DeviceName);
            w.WriteStartObject("options");
            w.WriteNumber("trainFrames", o.TrainFrames);
            w.WriteNumber("valFrames", o.ValFrames);
            w.WriteNumber("testFrames", o.TestFrames);
            w.WriteNumber("width", o.Width);
            w.WriteNumber("height", o.Height);
            w.WriteNumber("tracks", o.Tracks);
            w.WriteStartArray("scenes");
            foreach (var s in o.Scenes.IsDefault ? [] : o.Scenes)
            {
                w.WriteStringValue(s);
            }
            w.WriteEndArray();
            w.WriteNumber("seed", o.Seed);
            w.WriteNumber("stepsPerFrame", o.StepsPerFrame);
            w.WriteNumber("warmupSteps", o.WarmupSteps);
            w.WriteNumber("envs", o.Envs);
            w.WriteNumber("steerNoise", o.SteerNoise);
            w.WriteNumber("obstaclesPerKm", o.Obstacles);
            w.WriteNumber("trafficPerKm", o.Traffic);
            w.WriteNumber("signsPerKm", o.Signs);
            w.WriteNumber("pedestriansPerKm", o.Pedestrians);
            w.WriteNumber("laneMaxRange", o.Lanes.MaxRange);
            w.WriteNumber("laneStep", o.Lanes.Step);
            w.WriteEndObject();
            w.WriteStartObject("camera");
            var c = generator.Camera.Camera!;
            w.WriteNumber("fovDegrees", c.FovDegrees);
            w.WriteNumber("x", c.X);
            w.WriteNumber("y", c.Y);
            w.WriteNumber("z", c.Z);
            w.WriteNumber("pitchDegrees", c.Pitch);
            w.WriteEndObject();
            w.WriteStartObject("splits");
            foreach (var split in PerceptionSplits.All)
            {
                w.WriteStartObject(split);
                w.WriteNumber("frames", counts.GetValueOrDefault(split));
                w.WriteNumber("seedRangeStart", PerceptionSplits.SeedBase(split));
                w.WriteNumber("seedRangeEnd", PerceptionSplits.SeedBase(split) + PerceptionSplits.SeedsPerSplit);
                w.WriteStartArray("trackSeeds");
                foreach (ulong seed in generator.TrackSeeds(split))
                {
                    w.WriteNumberValue(seed);
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteStartArray("objectClasses");
            foreach (var n in PerceptionClasses.ObjectClassNames)
            {
                w.WriteStringValue(n);
            }
            w.WriteEndArray();
            w.WriteStartArray("laneClasses");
            foreach (var n in PerceptionClasses.LaneClassNames)
            {
                w.WriteStringValue(n);
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        SafeFile.WriteAllBytes(Path.Combine(Folder, PerceptionDatasetLayout.Manifest), buffer.ToArray(), createFolder: true);
    }

    private static byte[] Rgb(PerceptionFrame f)
    {
        var rgb = new byte[f.Width * f.Height * 3];
        for (int i = 0, n = f.Width * f.Height; i < n; i++)
        {
            rgb[3 * i] = f.Rgba[4 * i];
            rgb[3 * i + 1] = f.Rgba[4 * i + 1];
            rgb[3 * i + 2] = f.Rgba[4 * i + 2];
        }
        return rgb;
    }

    private static void WritePng(string path, int width, int height, byte[] pixels, int channels)
    {
        using var buffer = new MemoryStream();
        PngWriter.Encode(buffer, width, height, pixels, channels);
        SafeFile.WriteAllBytes(path, buffer.GetBuffer().AsSpan(0, (int)buffer.Length), createFolder: true);
    }

    private static string Yolo(PerceptionFrame f)
    {
        var sb = new StringBuilder();
        foreach (var b in f.Boxes)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{(int)b.Class} {(b.X0 + b.X1) / 2 / f.Width:0.######} {(b.Y0 + b.Y1) / 2 / f.Height:0.######} {b.Width / f.Width:0.######} {b.Height / f.Height:0.######}\n");
        }
        return sb.ToString();
    }

    private static byte[] Coco(string split, List<PerceptionFrame> frames)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, s_json))
        {
            w.WriteStartObject();
            w.WriteStartObject("info");
            w.WriteString("description", $"sim perception dataset, split {split}");
            w.WriteString("version", PerceptionDatasetLayout.SimulatorVersion);
            w.WriteEndObject();
            w.WriteStartArray("images");
            for (int i = 0; i < frames.Count; i++)
            {
                var f = frames[i];
                w.WriteStartObject();
                w.WriteNumber("id", i);
                w.WriteString("file_name", $"{PerceptionDatasetLayout.Images}/{PerceptionDatasetLayout.FileName(i, ".png")}");
                w.WriteNumber("width", f.Width);
                w.WriteNumber("height", f.Height);
                w.WriteString("split", f.Info.Split);
                w.WriteNumber("track_seed", f.Info.TrackSeed);
                w.WriteNumber("env", f.Info.Env);
                w.WriteNumber("step", f.Info.Step);
                w.WriteString("scene", f.Info.Scene);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("annotations");
            int id = 1;
            for (int i = 0; i < frames.Count; i++)
            {
                foreach (var b in frames[i].Boxes)
                {
                    w.WriteStartObject();
                    w.WriteNumber("id", id++);
                    w.WriteNumber("image_id", i);
                    w.WriteNumber("category_id", PerceptionDatasetLayout.CategoryId(b.Class));
                    w.WriteStartArray("bbox");
                    w.WriteNumberValue(b.X0);
                    w.WriteNumberValue(b.Y0);
                    w.WriteNumberValue(b.Width);
                    w.WriteNumberValue(b.Height);
                    w.WriteEndArray();
                    w.WriteNumber("area", b.Width * b.Height);
                    w.WriteNumber("iscrowd", 0);
                    w.WriteNumber("visible_fraction", b.VisibleFraction);
                    w.WriteNumber("instance_id", b.InstanceId);
                    w.WriteEndObject();
                }
            }
            w.WriteEndArray();
            w.WriteStartArray("categories");
            for (int c = 0; c < PerceptionClasses.ObjectClassCount; c++)
            {
                w.WriteStartObject();
                w.WriteNumber("id", PerceptionDatasetLayout.CategoryId((ObjectClass)c));
                w.WriteString("name", PerceptionClasses.ObjectClassNames[c]);
                w.WriteString("supercategory", "object");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>One TuSimple-style line: "lanes" (x per h_sample, -2 where the lane is absent), "h_samples",
    /// "raw_file", plus "lane_ids", "image_points" and "vehicle_points" (the full polylines).</summary>
    private static string LanesLine(PerceptionFrame f, string rawFile)
    {
        int[] h = PerceptionDatasetLayout.HSamples(f.Height);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, s_json))
        {
            w.WriteStartObject();
            w.WriteStartArray("lanes");
            foreach (var lane in f.Lanes)
            {
                w.WriteStartArray();
                foreach (int y in h)
                {
                    float x = XAtRow(lane.ImagePoints, y);
                    w.WriteNumberValue(float.IsNaN(x) ? -2 : MathF.Round(x, 2));
                }
                w.WriteEndArray();
            }
            w.WriteEndArray();
            w.WriteStartArray("h_samples");
            foreach (int y in h)
            {
                w.WriteNumberValue(y);
            }
            w.WriteEndArray();
            w.WriteString("raw_file", rawFile);
            w.WriteStartArray("lane_ids");
            foreach (var lane in f.Lanes)
            {
                w.WriteNumberValue(lane.Id);
            }
            w.WriteEndArray();
            WritePolylines(w, "image_points", f.Lanes.Select(l => l.ImagePoints));
            WritePolylines(w, "vehicle_points", f.Lanes.Select(l => l.VehiclePoints));
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WritePolylines(Utf8JsonWriter w, string name, IEnumerable<(float X, float Y)[]> lines)
    {
        w.WriteStartArray(name);
        foreach (var line in lines)
        {
            w.WriteStartArray();
            foreach (var (x, y) in line)
            {
                w.WriteStartArray();
                w.WriteNumberValue(x);
                w.WriteNumberValue(y);
                w.WriteEndArray();
            }
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }

    /// <summary>x where the polyline (bottom-up) first crosses image row y, NaN when it does not.</summary>
    public static float XAtRow((float X, float Y)[] points, float y)
    {
        ArgumentNullException.ThrowIfNull(points);
        for (int i = 0; i + 1 < points.Length; i++)
        {
            var (x0, y0) = points[i];
            var (x1, y1) = points[i + 1];
            if ((y0 >= y && y >= y1) || (y1 >= y && y >= y0))
            {
                return y0 == y1 ? x0 : x0 + (x1 - x0) * (y - y0) / (y1 - y0);
            }
        }
        return float.NaN;
    }
}

/// <summary>What a dataset write produced: frames per split and the seconds it took (generation included).</summary>
public sealed record PerceptionDatasetSummary(IReadOnlyDictionary<string, int> Frames, double Seconds)
{
    public int Total => Frames.Values.Sum();
    public double FramesPerSecond => Seconds > 0 ? Total / Seconds : 0;
}
