using System.Globalization;
using System.Text;
using System.Text.Json;
using Simulator.Core;
using Simulator.Learning.Imitation;

namespace Simulator.Cli.Datasets;

/// <summary>
/// A Donkey Car tub in the datastore v2 layout (donkeycar/parts/datastore_v2.py): <c>manifest.json</c> (five JSON
/// lines: inputs, types, metadata, manifest metadata, catalog metadata with paths, current_index, max_len and
/// deleted_indexes), <c>catalog_N.catalog</c> (one JSON record per line, at most 1000 per catalog) with a
/// <c>catalog_N.catalog_manifest</c> (created_at, line_lengths, path, start_index), and <c>images/N_cam_image_array_.jpg</c>.
/// Lines end in "\r\n" as Donkey writes them. Records: <c>_index</c>, <c>_session_id</c> (one per exported
/// episode), <c>_timestamp_ms</c>, <c>cam/image_array</c>, <c>user/angle</c> (our steer negated: Donkey's positive
/// angle turns right), <c>user/throttle</c> (our accel: negative brakes) and <c>user/mode</c> ("user").
/// </summary>
internal sealed class DonkeyTub : IDatasetWriter
{
    public const int MaxLen = 1000;
    private const string NewLine = "\r\n";
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;
    private readonly string _folder;
    private readonly int _width, _height;
    private readonly DateTimeOffset _created;
    private readonly List<string> _records = [];

    public DonkeyTub(string folder, int width, int height, DateTimeOffset created)
    {
        (_folder, _width, _height, _created) = (folder, width, height, created);
        Directory.CreateDirectory(Path.Combine(folder, "images"));
    }

    public IReadOnlyList<float> SideOffsets { get; } = [];

    public void Add(in DatasetSample sample, IReadOnlyList<byte[]> frames)
    {
        int index = _records.Count;
        string image = string.Create(s_inv, $"{index}_cam_image_array_.jpg");
        SafeFile.WriteAllBytes(Path.Combine(_folder, "images", image), Jpeg.Encode(frames[0], _width, _height));
        long timestamp = _created.ToUnixTimeMilliseconds() + (long)Math.Round(sample.Time * 1000);
        string session = string.Create(s_inv, $"{_created:yy-MM-dd}_{sample.Episode}");
        // Keys sorted, as Donkey's json.dumps(record, sort_keys=True) writes them.
        _records.Add(string.Create(s_inv,
            $"{{\"_index\": {index}, \"_session_id\": \"{session}\", \"_timestamp_ms\": {timestamp}, \"cam/image_array\": \"{image}\", \"user/angle\": {R(-sample.Steer)}, \"user/mode\": \"user\", \"user/throttle\": {R(sample.Accel)}}}"));
    }

    private static string R(float v) => ((double)v).ToString("R", s_inv);

    public void Complete()
    {
        double created = _created.ToUnixTimeMilliseconds() / 1000.0;
        var paths = new List<string>();
        for (int start = 0, k = 0; start < _records.Count || k == 0; start += MaxLen, k++)
        {
            string name = $"catalog_{k}.catalog";
            paths.Add(name);
            var text = new StringBuilder();
            var lengths = new List<int>();
            for (int i = start; i < Math.Min(start + MaxLen, _records.Count); i++)
            {
                text.Append(_records[i]).Append(NewLine);
                lengths.Add(_records[i].Length + NewLine.Length);
            }
            SafeFile.WriteAllText(Path.Combine(_folder, name), text.ToString());
            string manifest = string.Create(s_inv,
                $"{{\"created_at\": {created.ToString("R", s_inv)}, \"line_lengths\": [{string.Join(", ", lengths)}], \"path\": \"catalog_{k}.catalog_manifest\", \"start_index\": {start}}}");
            SafeFile.WriteAllText(Path.Combine(_folder, $"catalog_{k}.catalog_manifest"), manifest + NewLine);
        }
        string[] lines =
        [
            "[\"cam/image_array\", \"user/angle\", \"user/throttle\", \"user/mode\"]",
            "[\"image_array\", \"float\", \"float\", \"str\"]",
            "{}",
            string.Create(s_inv, $"{{\"created_at\": {created.ToString("R", s_inv)}}}"),
            string.Create(s_inv, $"{{\"paths\": [{string.Join(", ", paths.Select(p => $"\"{p}\""))}], \"current_index\": {_records.Count}, \"max_len\": {MaxLen}, \"deleted_indexes\": []}}"),
        ];
        SafeFile.WriteAllText(Path.Combine(_folder, "manifest.json"), string.Join(NewLine, lines) + NewLine);
    }

    /// <summary>Reads a tub's images and user actions (steer = −user/angle, accel = user/throttle, clamped to
    /// [-1, 1]), skipping deleted records; a new <c>_session_id</c> starts a new episode.</summary>
    public static DemoSet Read(string folder)
    {
        string manifestPath = Path.Combine(folder, "manifest.json");
        if (!File.Exists(manifestPath))
        {
            throw new SimInputException($"no manifest.json in '{folder}'", file: folder, hint: "give a Donkey tub folder (datastore v2)");
        }
        string[] manifest = File.ReadAllLines(manifestPath);
        if (manifest.Length < 5)
        {
            throw new SimInputException($"manifest.json has {manifest.Length} lines, a v2 tub's has 5", file: manifestPath);
        }
        string[] paths;
        var deleted = new HashSet<long>();
        try
        {
            using var catalogs = JsonDocument.Parse(manifest[4]);
            paths = catalogs.RootElement.GetProperty("paths").EnumerateArray().Select(p => p.GetString()!).ToArray();
            if (catalogs.RootElement.TryGetProperty("deleted_indexes", out JsonElement d))
            {
                foreach (JsonElement e in d.EnumerateArray())
                {
                    deleted.Add(e.GetInt64());
                }
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new SimInputException($"manifest.json's catalog line is not valid: {e.Message}", file: manifestPath, line: 5);
        }
        var builder = new DemoBuilder();
        string? session = null;
        foreach (string name in paths)
        {
            string catalog = Path.Combine(folder, name);
            if (!File.Exists(catalog))
            {
                throw new SimInputException($"catalog '{name}' listed in manifest.json is missing", file: catalog);
            }
            string[] lines = File.ReadAllLines(catalog);
            for (int i = 0; i < lines.Length; i++)
            {
                if (string.IsNullOrWhiteSpace(lines[i]))
                {
                    continue;
                }
                try
                {
                    using var record = JsonDocument.Parse(lines[i]);
                    JsonElement r = record.RootElement;
                    if (deleted.Contains(r.GetProperty("_index").GetInt64()))
                    {
                        continue;
                    }
                    string? s = r.TryGetProperty("_session_id", out JsonElement sid) ? sid.GetString() : null;
                    if (builder.Count == 0 || s != session)
                    {
                        builder.BeginEpisode();
                        session = s;
                    }
                    string image = Path.Combine(folder, "images", r.GetProperty("cam/image_array").GetString()!);
                    float angle = (float)r.GetProperty("user/angle").GetDouble(), throttle = (float)r.GetProperty("user/throttle").GetDouble();
                    var (w, h, rgb) = Jpeg.DecodeRgb(image);
                    builder.Add(w, h, rgb, Math.Clamp(-angle, -1f, 1f), Math.Clamp(throttle, -1f, 1f), image);
                }
                catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
                {
                    throw new SimInputException($"not a tub record: {e.Message}", file: catalog, line: i + 1);
                }
            }
        }
        return builder.Build(manifestPath);
    }
}
