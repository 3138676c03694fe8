using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Simulator.Recording;

/// <summary>The header as the MCAP metadata record <c>sim.recording</c> (string map) and back.</summary>
internal static class RecordingHeaderCodec
{
    public const string MetadataName = "sim.recording";
    public const string SceneAttachment = "scene.json";

    /// <summary>Layout numbers replay needs besides the header.</summary>
    internal readonly record struct Layout(int BlockSteps, int CheckpointSteps, int SampleEvery, int VisualEvery, int SceneEvery, ulong ResetHash);

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static Dictionary<string, string> ToMetadata(RecordingHeader h, Layout layout)
    {
        var m = new Dictionary<string, string>
        {
            ["format_version"] = I(h.FormatVersion),
            ["simulator_version"] = h.SimulatorVersion,
            ["scene_name"] = h.SceneName,
            ["scene_sha256"] = h.SceneHash,
            ["seed"] = h.Seed.ToString(CultureInfo.InvariantCulture),
            ["env_index"] = I(h.EnvIndex),
            ["autopilot"] = h.Autopilot ? "true" : "false",
            ["autopilot_steer_noise"] = h.AutopilotSteerNoise.ToString("R", CultureInfo.InvariantCulture),
            ["hz"] = I(h.Hz),
            ["source"] = h.Source,
            ["created_utc"] = h.CreatedUtc.ToString("O", CultureInfo.InvariantCulture),
            ["camera_frames"] = h.CameraFrames ? "true" : "false",
            ["block_steps"] = I(layout.BlockSteps),
            ["checkpoint_steps"] = I(layout.CheckpointSteps),
            ["sample_every"] = I(layout.SampleEvery),
            ["visual_every"] = I(layout.VisualEvery),
            ["scene_every"] = I(layout.SceneEvery),
            ["reset_hash"] = layout.ResetHash.ToString("x16", CultureInfo.InvariantCulture),
        };
        if (h.Config is { } config)
        {
            m["config"] = config;
        }
        if (h.Model is { } model)
        {
            m["model"] = model;
        }
        return m;
    }

    public static (RecordingHeader Header, Layout Layout) FromMetadata(IReadOnlyDictionary<string, string> m, string sceneJson, string file)
    {
        string Get(string key) => m.TryGetValue(key, out string? v) ? v
            : throw new FormatException($"the recording header has no '{key}'");
        int Int(string key, int min) => int.TryParse(Get(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= min ? v
            : throw new FormatException($"the recording header's '{key}' is '{Get(key)}', not a whole number ≥ {min}");
        int version = Int("format_version", 1);
        if (version != EpisodeRecorder.FormatVersion)
        {
            throw new FormatException($"it is recording format {version}; this simulator reads format {EpisodeRecorder.FormatVersion}");
        }
        var header = new RecordingHeader
        {
            FormatVersion = version,
            SimulatorVersion = Get("simulator_version"),
            SceneName = Get("scene_name"),
            SceneHash = Get("scene_sha256"),
            SceneJson = sceneJson,
            Seed = ulong.TryParse(Get("seed"), NumberStyles.Integer, CultureInfo.InvariantCulture, out ulong seed) ? seed
                : throw new FormatException($"the recording header's seed '{Get("seed")}' is not a number"),
            EnvIndex = Int("env_index", 0),
            Autopilot = Get("autopilot") == "true",
            AutopilotSteerNoise = double.TryParse(Get("autopilot_steer_noise"), NumberStyles.Float, CultureInfo.InvariantCulture, out double noise) && double.IsFinite(noise) ? noise
                : throw new FormatException("the recording header's autopilot_steer_noise is not a number"),
            Hz = Int("hz", 1),
            Source = Get("source"),
            Config = m.GetValueOrDefault("config"),
            Model = m.GetValueOrDefault("model"),
            CreatedUtc = DateTimeOffset.TryParse(Get("created_utc"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var created) ? created : default,
            CameraFrames = Get("camera_frames") == "true",
        };
        var layout = new Layout(Int("block_steps", 1), Int("checkpoint_steps", 1), Int("sample_every", 1), Int("visual_every", 0), Int("scene_every", 0),
            ulong.TryParse(Get("reset_hash"), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong reset) ? reset
                : throw new FormatException("the recording header's reset_hash is not a hex number"));
        if (Sha256(sceneJson) != header.SceneHash)
        {
            throw new FormatException($"the embedded scene does not match its SHA-256 in the header of '{file}' (the file is damaged)");
        }
        return (header, layout);
    }

    /// <summary>Log time (ns) of step k at <paramref name="hz"/> steps per second.</summary>
    public static ulong LogTime(long step, int hz) => (ulong)((UInt128)(ulong)step * 1_000_000_000UL / (ulong)hz);

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);
}
