using System.Buffers;
using System.Text.Json;
using Simulator.Driving.Snapshots;
using SkiaSharp;

namespace Simulator.Telemetry.Messages;

/// <summary>
/// Turns snapshots, camera frames and numbers into the JSON messages of <see cref="Channels.TelemetryChannels"/>.
/// Reuses one buffer and one JSON writer: one encoder per thread. Every message is returned as a new array, owned by
/// the caller (queued to many clients, or written to a file).
/// </summary>
public sealed partial class TelemetryEncoder : IDisposable
{
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private readonly Utf8JsonWriter _json;
    private byte[] _rgba = [];
    private readonly int _jpegQuality;

    public TelemetryEncoder(int jpegQuality = 80)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(jpegQuality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(jpegQuality, 100);
        _jpegQuality = jpegQuality;
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = false });
    }

    public void Dispose() => _json.Dispose();

    /// <summary>foxglove.CompressedImage: the frame as JPEG, in the camera's optical frame.</summary>
    public byte[] Camera(CameraFrame frame, ulong timestampNs)
    {
        byte[] jpeg = Jpeg(frame);
        var w = Begin(timestampNs);
        w.WriteString("frame_id", Channels.TelemetryChannels.CameraFrameId);
        w.WriteBase64String("data", jpeg);
        w.WriteString("format", "jpeg");
        return End();
    }

    /// <summary>The frame as a JPEG file's bytes.</summary>
    public byte[] Jpeg(CameraFrame frame)
    {
        int n = frame.Width * frame.Height;
        ReadOnlySpan<byte> rgba = frame.Pixels;
        if (frame.Channels == 3)
        {
            if (_rgba.Length < n * 4)
            {
                _rgba = new byte[n * 4];
            }
            var src = frame.Pixels;
            for (int i = 0; i < n; i++)
            {
                _rgba[4 * i] = src[3 * i];
                _rgba[4 * i + 1] = src[3 * i + 1];
                _rgba[4 * i + 2] = src[3 * i + 2];
                _rgba[4 * i + 3] = 255;
            }
            rgba = _rgba.AsSpan(0, n * 4);
        }
        var info = new SKImageInfo(frame.Width, frame.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var image = SKImage.FromPixelCopy(info, rgba) ?? throw new InvalidOperationException("Skia could not take the camera frame");
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, _jpegQuality) ?? throw new InvalidOperationException("Skia could not encode JPEG");
        return data.ToArray();
    }

    /// <summary>sim.TrainingMetrics.</summary>
    public byte[] Training(in TrainingMetrics m, ulong timestampNs)
    {
        var w = Begin(timestampNs);
        w.WriteNumber("iteration", m.Iteration);
        w.WriteNumber("total_steps", m.TotalSteps);
        w.WriteNumber("episodes", m.Episodes);
        Number(w, "steps_per_second", m.StepsPerSecond);
        Number(w, "mean_return", m.MeanReturn);
        Number(w, "mean_length", m.MeanLength);
        Number(w, "policy_loss", m.PolicyLoss);
        Number(w, "value_loss", m.ValueLoss);
        Number(w, "entropy", m.Entropy);
        Number(w, "approx_kl", m.ApproxKl);
        Number(w, "clip_fraction", m.ClipFraction);
        Number(w, "explained_variance", m.ExplainedVariance);
        Number(w, "learning_rate", m.LearningRate);
        Number(w, "eval_lap_completion", m.EvalLapCompletion);
        Number(w, "eval_mean_return", m.EvalMeanReturn);
        return End();
    }

    /// <summary>sim.EgoState.</summary>
    public byte[] Ego(WorldSnapshot snapshot, in EgoSample sample, ulong timestampNs)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var i = sample.Info;
        var a = sample.Applied;
        var w = Begin(timestampNs);
        w.WriteNumber("sim_time", Math.Round(snapshot.Time, 6));
        w.WriteNumber("env", snapshot.EnvIndex);
        w.WriteNumber("episode", snapshot.Episode);
        w.WriteNumber("step", snapshot.Step);
        Number(w, "speed", i.Speed);
        Number(w, "steer", a.Steer);
        Number(w, "throttle", a.Throttle);
        Number(w, "brake", a.Brake);
        Number(w, "lap_progress", i.LapProgress);
        w.WriteNumber("laps", i.Laps);
        Number(w, "lateral", i.Lateral);
        Number(w, "heading_error", i.HeadingError);
        Number(w, "distance", i.DistanceTravelled);
        w.WriteNumber("collisions", i.Collisions);
        Number(w, "off_road_time", i.OffRoadTime);
        return End();
    }

    /// <summary>sim.RewardTerms.</summary>
    public byte[] Reward(in EgoSample sample, ulong timestampNs)
    {
        var r = sample.Info.Reward;
        var w = Begin(timestampNs);
        Number(w, "total", r.Total);
        Number(w, "progress", r.Progress);
        Number(w, "speed", r.Speed);
        Number(w, "centering", r.Centering);
        Number(w, "off_road", r.OffRoad);
        Number(w, "collision", r.Collision);
        Number(w, "smoothness", r.Smoothness);
        return End();
    }

    /// <summary>
    /// foxglove.ImageAnnotations over the agent camera's image: boxes as LINE_LOOPs (detections in the class colour,
    /// ground truth in white), lane lines as LINE_STRIPs, and one text label per detection.
    /// </summary>
    public byte[] PerceptionAnnotations(PerceptionOverlay overlay, ulong timestampNs)
    {
        ArgumentNullException.ThrowIfNull(overlay);
        var w = Begin(timestampNs, topLevelTimestamp: false);
        w.WriteStartArray("circles");
        w.WriteEndArray();
        w.WriteStartArray("points");
        foreach (OverlayBox b in overlay.Boxes)
        {
            BeginPoints(w, timestampNs, type: 2, b.GroundTruth ? (1, 1, 1) : OverlayColor(b.Class), b.GroundTruth ? 1 : 2);
            Point(w, b.X0, b.Y0);
            Point(w, b.X1, b.Y0);
            Point(w, b.X1, b.Y1);
            Point(w, b.X0, b.Y1);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        foreach (OverlayLine line in overlay.Lines)
        {
            BeginPoints(w, timestampNs, type: 3, line.GroundTruth ? (1, 1, 1) : (1, 0.85, 0.1), line.GroundTruth ? 1 : 2);
            foreach (var (x, y) in line.Points)
            {
                Point(w, x, y);
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("texts");
        foreach (OverlayBox b in overlay.Boxes)
        {
            if (b.GroundTruth)
            {
                continue;
            }
            w.WriteStartObject();
            WriteTime(w, "timestamp", timestampNs);
            w.WriteStartObject("position");
            Fixed(w, "x", b.X0, 2);
            Fixed(w, "y", Math.Max(0, b.Y0 - 1), 2);
            w.WriteEndObject();
            w.WriteString("text", $"{b.Label} {b.Score:0.00}");
            w.WriteNumber("font_size", 8);
            WriteColor(w, "text_color", (1, 1, 1), 1);
            WriteColor(w, "background_color", OverlayColor(b.Class), 0.6);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        return End();

        static void BeginPoints(Utf8JsonWriter w, ulong ns, int type, (double R, double G, double B) color, double thickness)
        {
            w.WriteStartObject();
            WriteTime(w, "timestamp", ns);
            w.WriteNumber("type", type);
            WriteColor(w, "outline_color", color, 1);
            WriteColor(w, "fill_color", color, 0);
            w.WriteNumber("thickness", thickness);
            w.WriteStartArray("points");
        }

        static void Point(Utf8JsonWriter w, double x, double y)
        {
            w.WriteStartObject();
            Fixed(w, "x", x, 2);
            Fixed(w, "y", y, 2);
            w.WriteEndObject();
        }
    }

    /// <summary>sim.PerceptionScores: running scores against ground truth and the inference cost.</summary>
    public byte[] PerceptionScores(in PerceptionScores s, ulong timestampNs)
    {
        var w = Begin(timestampNs);
        Number(w, "lane_iou", s.LaneIoU);
        Number(w, "lateral_error", s.LateralErrorMetres);
        Number(w, "precision", s.Precision);
        Number(w, "recall", s.Recall);
        Number(w, "map50", s.MeanAp50);
        Number(w, "map50_95", s.MeanAp50To95);
        Number(w, "ms_per_frame", s.MillisecondsPerFrame);
        w.WriteNumber("frames", s.Frames);
        return End();
    }

    /// <summary>Colour of an object class in overlays (vehicle, pedestrian, cone, barrier, sign, then grey).</summary>
    public static (double R, double G, double B) OverlayColor(int objectClass) => objectClass switch
    {
        0 => (0.2, 0.6, 1.0),
        1 => (1.0, 0.25, 0.25),
        2 => (1.0, 0.55, 0.0),
        3 => (0.9, 0.9, 0.2),
        4 => (0.3, 0.9, 0.4),
        _ => (0.7, 0.7, 0.7),
    };

    private static void WriteColor(Utf8JsonWriter w, string name, (double R, double G, double B) c, double a)
    {
        w.WriteStartObject(name);
        Fixed(w, "r", c.R, 3);
        Fixed(w, "g", c.G, 3);
        Fixed(w, "b", c.B, 3);
        Fixed(w, "a", a, 3);
        w.WriteEndObject();
    }

    /// <summary>Starts a message object with its <c>timestamp</c> (foxglove.ImageAnnotations has none at the top).</summary>
    private Utf8JsonWriter Begin(ulong timestampNs, bool topLevelTimestamp = true)
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        _json.WriteStartObject();
        if (topLevelTimestamp)
        {
            WriteTime(_json, "timestamp", timestampNs);
        }
        return _json;
    }

    private byte[] End()
    {
        _json.WriteEndObject();
        _json.Flush();
        return _buffer.WrittenSpan.ToArray();
    }

    private static void WriteTime(Utf8JsonWriter w, string name, ulong ns)
    {
        w.WriteStartObject(name);
        w.WriteNumber("sec", ns / 1_000_000_000UL);
        w.WriteNumber("nsec", ns % 1_000_000_000UL);
        w.WriteEndObject();
    }

    private static readonly long[] s_pow10 = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000];

    /// <summary>
    /// Writes <paramref name="value"/> rounded to <paramref name="decimals"/> places (0-6) as a plain decimal, formatted
    /// with integer arithmetic: geometry (millimetres, 1e-5 of a quaternion) needs no more, and general float
    /// formatting was the largest cost of encoding a scene update. Not finite: null; too large: the general path.
    /// </summary>
    internal static void Fixed(Utf8JsonWriter w, string name, double value, int decimals)
    {
        long scale = s_pow10[decimals];
        double scaled = Math.Round(value * scale);
        if (!double.IsFinite(scaled) || Math.Abs(scaled) >= 1e15)
        {
            Number(w, name, value);
            return;
        }
        long q = (long)scaled;
        Span<byte> text = stackalloc byte[32];
        int n = 0;
        if (q < 0)
        {
            text[n++] = (byte)'-';
            q = -q;
        }
        long whole = q / scale, part = q % scale;
        n += WriteDigits(text[n..], whole, 0);
        if (part != 0)
        {
            int width = decimals;
            while (part % 10 == 0)
            {
                part /= 10;
                width--;
            }
            text[n++] = (byte)'.';
            n += WriteDigits(text[n..], part, width);
        }
        w.WritePropertyName(name);
        w.WriteRawValue(text[..n], skipInputValidation: true);
    }

    /// <summary>Writes a non-negative integer, padded with leading zeros to <paramref name="width"/> digits.</summary>
    private static int WriteDigits(Span<byte> dst, long v, int width)
    {
        Span<byte> digits = stackalloc byte[20];
        int k = 0;
        do
        {
            digits[k++] = (byte)('0' + (int)(v % 10));
            v /= 10;
        }
        while (v != 0);
        while (k < width)
        {
            digits[k++] = (byte)'0';
        }
        for (int i = 0; i < k; i++)
        {
            dst[i] = digits[k - 1 - i];
        }
        return k;
    }

    /// <summary>
    /// JSON has no NaN or infinity: a value that is not finite is written as null. Values are written with float
    /// precision (about 7 significant digits, plenty for plots): a double's 17 digits would triple the size of
    /// recordings and of the stream for nothing.
    /// </summary>
    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, (float)value);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
