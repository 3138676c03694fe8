using System.Text.Json;
using Simulator.Core;
using Simulator.Perception.Data;

namespace Simulator.Perception.Dataset;

/// <summary>
/// Reads a dataset folder written by <see cref="PerceptionDatasetWriter"/> back into <see cref="PerceptionFrame"/>s
/// (so training can use a written dataset): images (RGB, alpha set to 255), masks, semantic classes, boxes and frame
/// info from coco.json, lanes from lanes.json. Problems (missing or damaged files, sizes that disagree) are a
/// <see cref="SimInputException"/> naming the file.
/// </summary>
public static class PerceptionDatasetReader
{
    /// <summary>Frames written for <paramref name="split"/> (0 when the split folder is absent).</summary>
    public static int Count(string folder, string split)
    {
        string coco = Path.Combine(SplitFolder(folder, split), PerceptionDatasetLayout.Coco);
        if (!File.Exists(coco))
        {
            return 0;
        }
        using var doc = Parse(coco);
        return doc.RootElement.GetProperty("images").GetArrayLength();
    }

    /// <summary>The frames of a split, in written order, read lazily one at a time.</summary>
    public static IEnumerable<PerceptionFrame> Read(string folder, string split)
    {
        string dir = SplitFolder(folder, split);
        string cocoPath = Path.Combine(dir, PerceptionDatasetLayout.Coco);
        string lanesPath = Path.Combine(dir, PerceptionDatasetLayout.Lanes);
        SafeFile.RequireReadableFile(cocoPath, "dataset");
        SafeFile.RequireReadableFile(lanesPath, "dataset");
        var (images, boxes) = ReadCoco(cocoPath);
        var lanes = ReadLanes(lanesPath, images.Length);
        return Frames(dir, images, boxes, lanes);
    }

    private static IEnumerable<PerceptionFrame> Frames(string dir, (string File, int Width, int Height, PerceptionFrameInfo Info)[] images,
        List<GtBox>[] boxes, (string RawFile, GtLane[] Lanes)[] lanes)
    {
        for (int i = 0; i < images.Length; i++)
        {
            var (file, width, height, info) = images[i];
            if (lanes[i].RawFile != file)
            {
                throw new SimInputException($"line {i + 1} of lanes.json is for '{lanes[i].RawFile}' but image {i} is '{file}'",
                    Path.Combine(dir, PerceptionDatasetLayout.Lanes), line: i + 1);
            }
            string name = Path.GetFileName(file);
            byte[] rgb = Load(Path.Combine(dir, file), width, height, 3);
            byte[] classes = Load(Path.Combine(dir, PerceptionDatasetLayout.Masks, name), width, height, 1);
            byte[] semantic = Load(Path.Combine(dir, PerceptionDatasetLayout.Semantic, name), width, height, 1);
            var rgba = new byte[width * height * 4];
            for (int p = 0; p < width * height; p++)
            {
                rgba[4 * p] = rgb[3 * p];
                rgba[4 * p + 1] = rgb[3 * p + 1];
                rgba[4 * p + 2] = rgb[3 * p + 2];
                rgba[4 * p + 3] = 255;
            }
            yield return new PerceptionFrame(width, height, rgba, classes, semantic, [.. boxes[i]], lanes[i].Lanes, info);
        }
    }

    private static ((string, int, int, PerceptionFrameInfo)[] Images, List<GtBox>[] Boxes) ReadCoco(string path)
    {
        using var doc = Parse(path);
        try
        {
            var root = doc.RootElement;
            var images = root.GetProperty("images").EnumerateArray().Select((e, i) =>
            {
                if (e.GetProperty("id").GetInt32() != i)
                {
                    throw new SimInputException($"image {i} has id {e.GetProperty("id").GetInt32()}", path, $"$.images[{i}].id", hint: "image ids count from 0 in file order");
                }
                var info = new PerceptionFrameInfo(e.GetProperty("split").GetString()!, e.GetProperty("track_seed").GetInt32(),
                    e.GetProperty("env").GetInt32(), e.GetProperty("step").GetInt64(), e.GetProperty("scene").GetString()!);
                return (e.GetProperty("file_name").GetString()!, e.GetProperty("width").GetInt32(), e.GetProperty("height").GetInt32(), info);
            }).ToArray();
            var boxes = images.Select(_ => new List<GtBox>()).ToArray();
            int k = 0;
            foreach (var a in root.GetProperty("annotations").EnumerateArray())
            {
                int image = a.GetProperty("image_id").GetInt32();
                int category = a.GetProperty("category_id").GetInt32();
                if ((uint)image >= (uint)images.Length || category < 1 || category > PerceptionClasses.ObjectClassCount)
                {
                    throw new SimInputException($"annotation {k} has image {image} and category {category}", path, $"$.annotations[{k}]",
                        hint: $"images 0..{images.Length - 1}, categories 1..{PerceptionClasses.ObjectClassCount}");
                }
                var bbox = a.GetProperty("bbox").EnumerateArray().Select(v => v.GetSingle()).ToArray();
                boxes[image].Add(new GtBox((ObjectClass)(category - 1), bbox[0], bbox[1], bbox[0] + bbox[2], bbox[1] + bbox[3],
                    a.GetProperty("visible_fraction").GetSingle(), a.GetProperty("instance_id").GetUInt32()));
                k++;
            }
            return (images, boxes);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or IndexOutOfRangeException)
        {
            throw new SimInputException($"{path}: {e.Message}", path, hint: "the file is not a coco.json written by sim dataset perception", inner: e);
        }
    }

    private static (string, GtLane[])[] ReadLanes(string path, int count)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length != count)
        {
            throw new SimInputException($"lanes.json has {lines.Length} lines for {count} images", path, hint: "one JSON object per image, in image order");
        }
        return lines.Select((line, i) =>
        {
            try
            {
                using var doc = JsonDocument.Parse(line);
                var r = doc.RootElement;
                var ids = r.GetProperty("lane_ids").EnumerateArray().Select(v => v.GetInt32()).ToArray();
                var image = Polylines(r.GetProperty("image_points"));
                var vehicle = Polylines(r.GetProperty("vehicle_points"));
                if (image.Length != ids.Length || vehicle.Length != ids.Length)
                {
                    throw new FormatException($"{ids.Length} lane ids, {image.Length} image and {vehicle.Length} vehicle polylines");
                }
                return (r.GetProperty("raw_file").GetString()!, ids.Select((id, k) => new GtLane(id, image[k], vehicle[k])).ToArray());
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new SimInputException($"{path}:{i + 1}: {e.Message}", path, line: i + 1, hint: "the file is not a lanes.json written by sim dataset perception", inner: e);
            }
        }).ToArray();
    }

    private static (float X, float Y)[][] Polylines(JsonElement e) =>
        [.. e.EnumerateArray().Select(line => line.EnumerateArray().Select(p => (p[0].GetSingle(), p[1].GetSingle())).ToArray())];

    private static byte[] Load(string path, int width, int height, int channels)
    {
        var (w, h, c, pixels) = PngReader.Read(path);
        if (w != width || h != height || c != channels)
        {
            throw new SimInputException($"{path} is {w}x{h} with {c} channel(s), expected {width}x{height} with {channels}", path);
        }
        return pixels;
    }

    private static JsonDocument Parse(string path)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new SimInputException($"{path}: {e.Message}", path, line: e.LineNumber + 1, inner: e);
        }
    }

    private static string SplitFolder(string folder, string split) => Path.Combine(folder, PerceptionSplits.All[PerceptionSplits.IndexOf(split)]);
}
