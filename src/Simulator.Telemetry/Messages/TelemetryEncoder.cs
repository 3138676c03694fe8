using System.Buffers;
using System.Text.Json;
using Simulator.Driving.Snapshots;
using SkiaSharp;

namespace Simulator.Telemetry.Messages;

/// <summary>
/// Turns snapshots, camera frames and numbers into the JSON messages of <see cref="Channels.TelemetryChannels"/>.
/// Reuses one buffer and one JSON writer: one encoder per thread. Every message is returned in the encoder's buffer,
/// valid until its next call: a caller that keeps it (queued to many clients) copies it, one that writes it at once
/// (a recording's chunk) allocates nothing.
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

    /// <summary>Property names, encoded once: writing a name given as a string transcodes and escape-checks it every time
    /// (most of the cost of a scene update's many small objects).</summary>
    private static class N
    {
        public static readonly JsonEncodedText A = JsonEncodedText.Encode("a");
        public static readonly JsonEncodedText ApproxKl = JsonEncodedText.Encode("approx_kl");
        public static readonly JsonEncodedText B = JsonEncodedText.Encode("b");
        public static readonly JsonEncodedText BackgroundColor = JsonEncodedText.Encode("background_color");
        public static readonly JsonEncodedText Brake = JsonEncodedText.Encode("brake");
        public static readonly JsonEncodedText Centering = JsonEncodedText.Encode("centering");
        public static readonly JsonEncodedText ChildFrameId = JsonEncodedText.Encode("child_frame_id");
        public static readonly JsonEncodedText Circles = JsonEncodedText.Encode("circles");
        public static readonly JsonEncodedText ClipFraction = JsonEncodedText.Encode("clip_fraction");
        public static readonly JsonEncodedText Collision = JsonEncodedText.Encode("collision");
        public static readonly JsonEncodedText Collisions = JsonEncodedText.Encode("collisions");
        public static readonly JsonEncodedText Color = JsonEncodedText.Encode("color");
        public static readonly JsonEncodedText Colors = JsonEncodedText.Encode("colors");
        public static readonly JsonEncodedText Cubes = JsonEncodedText.Encode("cubes");
        public static readonly JsonEncodedText Data = JsonEncodedText.Encode("data");
        public static readonly JsonEncodedText Deletions = JsonEncodedText.Encode("deletions");
        public static readonly JsonEncodedText Distance = JsonEncodedText.Encode("distance");
        public static readonly JsonEncodedText Entities = JsonEncodedText.Encode("entities");
        public static readonly JsonEncodedText Entropy = JsonEncodedText.Encode("entropy");
        public static readonly JsonEncodedText Env = JsonEncodedText.Encode("env");
        public static readonly JsonEncodedText Episode = JsonEncodedText.Encode("episode");
        public static readonly JsonEncodedText Episodes = JsonEncodedText.Encode("episodes");
        public static readonly JsonEncodedText EvalLapCompletion = JsonEncodedText.Encode("eval_lap_completion");
        public static readonly JsonEncodedText EvalMeanReturn = JsonEncodedText.Encode("eval_mean_return");
        public static readonly JsonEncodedText ExplainedVariance = JsonEncodedText.Encode("explained_variance");
        public static readonly JsonEncodedText FillColor = JsonEncodedText.Encode("fill_color");
        public static readonly JsonEncodedText FontSize = JsonEncodedText.Encode("font_size");
        public static readonly JsonEncodedText Format = JsonEncodedText.Encode("format");
        public static readonly JsonEncodedText FrameId = JsonEncodedText.Encode("frame_id");
        public static readonly JsonEncodedText FrameLocked = JsonEncodedText.Encode("frame_locked");
        public static readonly JsonEncodedText Frames = JsonEncodedText.Encode("frames");
        public static readonly JsonEncodedText G = JsonEncodedText.Encode("g");
        public static readonly JsonEncodedText HeadingError = JsonEncodedText.Encode("heading_error");
        public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
        public static readonly JsonEncodedText Indices = JsonEncodedText.Encode("indices");
        public static readonly JsonEncodedText Iteration = JsonEncodedText.Encode("iteration");
        public static readonly JsonEncodedText Key = JsonEncodedText.Encode("key");
        public static readonly JsonEncodedText LaneIou = JsonEncodedText.Encode("lane_iou");
        public static readonly JsonEncodedText LapProgress = JsonEncodedText.Encode("lap_progress");
        public static readonly JsonEncodedText Laps = JsonEncodedText.Encode("laps");
        public static readonly JsonEncodedText Lateral = JsonEncodedText.Encode("lateral");
        public static readonly JsonEncodedText LateralError = JsonEncodedText.Encode("lateral_error");
        public static readonly JsonEncodedText LearningRate = JsonEncodedText.Encode("learning_rate");
        public static readonly JsonEncodedText Lifetime = JsonEncodedText.Encode("lifetime");
        public static readonly JsonEncodedText Map50 = JsonEncodedText.Encode("map50");
        public static readonly JsonEncodedText Map50To95 = JsonEncodedText.Encode("map50_95");
        public static readonly JsonEncodedText Lines = JsonEncodedText.Encode("lines");
        public static readonly JsonEncodedText MeanLength = JsonEncodedText.Encode("mean_length");
        public static readonly JsonEncodedText MeanReturn = JsonEncodedText.Encode("mean_return");
        public static readonly JsonEncodedText Metadata = JsonEncodedText.Encode("metadata");
        public static readonly JsonEncodedText MsPerFrame = JsonEncodedText.Encode("ms_per_frame");
        public static readonly JsonEncodedText Nsec = JsonEncodedText.Encode("nsec");
        public static readonly JsonEncodedText OffRoad = JsonEncodedText.Encode("off_road");
        public static readonly JsonEncodedText OffRoadTime = JsonEncodedText.Encode("off_road_time");
        public static readonly JsonEncodedText Orientation = JsonEncodedText.Encode("orientation");
        public static readonly JsonEncodedText OutlineColor = JsonEncodedText.Encode("outline_color");
        public static readonly JsonEncodedText ParentFrameId = JsonEncodedText.Encode("parent_frame_id");
        public static readonly JsonEncodedText Points = JsonEncodedText.Encode("points");
        public static readonly JsonEncodedText PolicyLoss = JsonEncodedText.Encode("policy_loss");
        public static readonly JsonEncodedText Pose = JsonEncodedText.Encode("pose");
        public static readonly JsonEncodedText Position = JsonEncodedText.Encode("position");
        public static readonly JsonEncodedText Precision = JsonEncodedText.Encode("precision");
        public static readonly JsonEncodedText Progress = JsonEncodedText.Encode("progress");
        public static readonly JsonEncodedText R = JsonEncodedText.Encode("r");
        public static readonly JsonEncodedText Recall = JsonEncodedText.Encode("recall");
        public static readonly JsonEncodedText Rotation = JsonEncodedText.Encode("rotation");
        public static readonly JsonEncodedText Sec = JsonEncodedText.Encode("sec");
        public static readonly JsonEncodedText SimTime = JsonEncodedText.Encode("sim_time");
        public static readonly JsonEncodedText Size = JsonEncodedText.Encode("size");
        public static readonly JsonEncodedText Smoothness = JsonEncodedText.Encode("smoothness");
        public static readonly JsonEncodedText Yield = JsonEncodedText.Encode("yield");
        public static readonly JsonEncodedText Speed = JsonEncodedText.Encode("speed");
        public static readonly JsonEncodedText Steer = JsonEncodedText.Encode("steer");
        public static readonly JsonEncodedText Step = JsonEncodedText.Encode("step");
        public static readonly JsonEncodedText StepsPerSecond = JsonEncodedText.Encode("steps_per_second");
        public static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");
        public static readonly JsonEncodedText TextColor = JsonEncodedText.Encode("text_color");
        public static readonly JsonEncodedText Texts = JsonEncodedText.Encode("texts");
        public static readonly JsonEncodedText Thickness = JsonEncodedText.Encode("thickness");
        public static readonly JsonEncodedText Throttle = JsonEncodedText.Encode("throttle");
        public static readonly JsonEncodedText Timestamp = JsonEncodedText.Encode("timestamp");
        public static readonly JsonEncodedText Total = JsonEncodedText.Encode("total");
        public static readonly JsonEncodedText TotalSteps = JsonEncodedText.Encode("total_steps");
        public static readonly JsonEncodedText Transforms = JsonEncodedText.Encode("transforms");
        public static readonly JsonEncodedText Translation = JsonEncodedText.Encode("translation");
        public static readonly JsonEncodedText Triangles = JsonEncodedText.Encode("triangles");
        public static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
        public static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");
        public static readonly JsonEncodedText ValueLoss = JsonEncodedText.Encode("value_loss");
        public static readonly JsonEncodedText W = JsonEncodedText.Encode("w");
        public static readonly JsonEncodedText X = JsonEncodedText.Encode("x");
        public static readonly JsonEncodedText Y = JsonEncodedText.Encode("y");
        public static readonly JsonEncodedText Z = JsonEncodedText.Encode("z");
    }

    /// <summary>foxglove.CompressedImage: the frame as JPEG, in the camera's optical frame.</summary>
    public ReadOnlyMemory<byte> Camera(CameraFrame frame, ulong timestampNs)
    {
        byte[] jpeg = Jpeg(frame);
        var w = Begin(timestampNs);
        w.WriteString(N.FrameId, Channels.TelemetryChannels.CameraFrameId);
        w.WriteBase64String(N.Data, jpeg);
        w.WriteString(N.Format, "jpeg");
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
    public ReadOnlyMemory<byte> Training(in TrainingMetrics m, ulong timestampNs)
    {
        var w = Begin(timestampNs);
        w.WriteNumber(N.Iteration, m.Iteration);
        w.WriteNumber(N.TotalSteps, m.TotalSteps);
        w.WriteNumber(N.Episodes, m.Episodes);
        Number(w, N.StepsPerSecond, m.StepsPerSecond);
        Number(w, N.MeanReturn, m.MeanReturn);
        Number(w, N.MeanLength, m.MeanLength);
        Number(w, N.PolicyLoss, m.PolicyLoss);
        Number(w, N.ValueLoss, m.ValueLoss);
        Number(w, N.Entropy, m.Entropy);
        Number(w, N.ApproxKl, m.ApproxKl);
        Number(w, N.ClipFraction, m.ClipFraction);
        Number(w, N.ExplainedVariance, m.ExplainedVariance);
        Number(w, N.LearningRate, m.LearningRate);
        Number(w, N.EvalLapCompletion, m.EvalLapCompletion);
        Number(w, N.EvalMeanReturn, m.EvalMeanReturn);
        return End();
    }

    /// <summary>sim.EgoState.</summary>
    public ReadOnlyMemory<byte> Ego(WorldSnapshot snapshot, in EgoSample sample, ulong timestampNs)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var i = sample.Info;
        var a = sample.Applied;
        var w = Begin(timestampNs);
        w.WriteNumber(N.SimTime, Math.Round(snapshot.Time, 6));
        w.WriteNumber(N.Env, snapshot.EnvIndex);
        w.WriteNumber(N.Episode, snapshot.Episode);
        w.WriteNumber(N.Step, snapshot.Step);
        Number(w, N.Speed, i.Speed);
        Number(w, N.Steer, a.Steer);
        Number(w, N.Throttle, a.Throttle);
        Number(w, N.Brake, a.Brake);
        Number(w, N.LapProgress, i.LapProgress);
        w.WriteNumber(N.Laps, i.Laps);
        Number(w, N.Lateral, i.Lateral);
        Number(w, N.HeadingError, i.HeadingError);
        Number(w, N.Distance, i.DistanceTravelled);
        w.WriteNumber(N.Collisions, i.Collisions);
        Number(w, N.OffRoadTime, i.OffRoadTime);
        return End();
    }

    /// <summary>sim.RewardTerms.</summary>
    public ReadOnlyMemory<byte> Reward(in EgoSample sample, ulong timestampNs)
    {
        var r = sample.Info.Reward;
        var w = Begin(timestampNs);
        Number(w, N.Total, r.Total);
        Number(w, N.Progress, r.Progress);
        Number(w, N.Speed, r.Speed);
        Number(w, N.Centering, r.Centering);
        Number(w, N.OffRoad, r.OffRoad);
        Number(w, N.Collision, r.Collision);
        Number(w, N.Smoothness, r.Smoothness);
        Number(w, N.Yield, r.Yield);
        return End();
    }

    /// <summary>
    /// foxglove.ImageAnnotations over the agent camera's image: boxes as LINE_LOOPs (detections in the class colour,
    /// ground truth in white), lane lines as LINE_STRIPs, and one text label per detection.
    /// </summary>
    public ReadOnlyMemory<byte> PerceptionAnnotations(PerceptionOverlay overlay, ulong timestampNs)
    {
        ArgumentNullException.ThrowIfNull(overlay);
        var w = Begin(timestampNs, topLevelTimestamp: false);
        w.WriteStartArray(N.Circles);
        w.WriteEndArray();
        w.WriteStartArray(N.Points);
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
        w.WriteStartArray(N.Texts);
        foreach (OverlayBox b in overlay.Boxes)
        {
            if (b.GroundTruth)
            {
                continue;
            }
            w.WriteStartObject();
            WriteTime(w, N.Timestamp, timestampNs);
            w.WriteStartObject(N.Position);
            Fixed(w, N.X, b.X0, 2);
            Fixed(w, N.Y, Math.Max(0, b.Y0 - 1), 2);
            w.WriteEndObject();
            w.WriteString(N.Text, $"{b.Label} {b.Score:0.00}");
            w.WriteNumber(N.FontSize, 8);
            WriteColor(w, N.TextColor, (1, 1, 1), 1);
            WriteColor(w, N.BackgroundColor, OverlayColor(b.Class), 0.6);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        return End();

        static void BeginPoints(Utf8JsonWriter w, ulong ns, int type, (double R, double G, double B) color, double thickness)
        {
            w.WriteStartObject();
            WriteTime(w, N.Timestamp, ns);
            w.WriteNumber(N.Type, type);
            WriteColor(w, N.OutlineColor, color, 1);
            WriteColor(w, N.FillColor, color, 0);
            w.WriteNumber(N.Thickness, thickness);
            w.WriteStartArray(N.Points);
        }

        static void Point(Utf8JsonWriter w, double x, double y)
        {
            w.WriteStartObject();
            Fixed(w, N.X, x, 2);
            Fixed(w, N.Y, y, 2);
            w.WriteEndObject();
        }
    }

    /// <summary>sim.PerceptionScores: running scores against ground truth and the inference cost.</summary>
    public ReadOnlyMemory<byte> PerceptionScores(in PerceptionScores s, ulong timestampNs)
    {
        var w = Begin(timestampNs);
        Number(w, N.LaneIou, s.LaneIoU);
        Number(w, N.LateralError, s.LateralErrorMetres);
        Number(w, N.Precision, s.Precision);
        Number(w, N.Recall, s.Recall);
        Number(w, N.Map50, s.MeanAp50);
        Number(w, N.Map50To95, s.MeanAp50To95);
        Number(w, N.MsPerFrame, s.MillisecondsPerFrame);
        w.WriteNumber(N.Frames, s.Frames);
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

    private static void WriteColor(Utf8JsonWriter w, JsonEncodedText name, (double R, double G, double B) c, double a)
    {
        w.WriteStartObject(name);
        Fixed(w, N.R, c.R, 3);
        Fixed(w, N.G, c.G, 3);
        Fixed(w, N.B, c.B, 3);
        Fixed(w, N.A, a, 3);
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
            WriteTime(_json, N.Timestamp, timestampNs);
        }
        return _json;
    }

    private ReadOnlyMemory<byte> End()
    {
        _json.WriteEndObject();
        _json.Flush();
        return _buffer.WrittenMemory;
    }

    private static void WriteTime(Utf8JsonWriter w, JsonEncodedText name, ulong ns)
    {
        w.WriteStartObject(name);
        w.WriteNumber(N.Sec, ns / 1_000_000_000UL);
        w.WriteNumber(N.Nsec, ns % 1_000_000_000UL);
        w.WriteEndObject();
    }

    private static readonly long[] s_pow10 = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000];

    /// <summary>
    /// Writes <paramref name="value"/> rounded to <paramref name="decimals"/> places (0-6) as a plain decimal, formatted
    /// with integer arithmetic: geometry (millimetres, 1e-5 of a quaternion) needs no more, and general float
    /// formatting was the largest cost of encoding a scene update. Not finite: null; too large: the general path.
    /// </summary>
    [System.Runtime.CompilerServices.SkipLocalsInit]
    internal static void Fixed(Utf8JsonWriter w, JsonEncodedText name, double value, int decimals)
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
        int k = 1;
        for (long rest = v / 10; rest != 0; rest /= 10)
        {
            k++;
        }
        k = Math.Max(k, width);
        for (int i = k - 1; i >= 0; i--)
        {
            dst[i] = (byte)('0' + (int)(v % 10));
            v /= 10;
        }
        return k;
    }

    /// <summary>
    /// JSON has no NaN or infinity: a value that is not finite is written as null. Values are written with float
    /// precision (about 7 significant digits, plenty for plots): a double's 17 digits would triple the size of
    /// recordings and of the stream for nothing.
    /// </summary>
    private static void Number(Utf8JsonWriter w, JsonEncodedText name, double value)
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
