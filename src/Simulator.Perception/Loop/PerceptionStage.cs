using System.Diagnostics;
using Simulator.Driving.Cameras;
using Simulator.Driving.Scenes;
using Simulator.Perception.Decoding;
using Simulator.Perception.Onnx;

namespace Simulator.Perception.Loop;

/// <summary>
/// Runs the lane and object models on a batch of camera frames (RGBA, the camera readback layout: one ONNX Runtime
/// run per model for the whole batch, bound over the caller's memory) and decodes each frame into a
/// <see cref="PerceptionResult"/>. The frames must come from <see cref="Camera"/> (the front camera at the models'
/// size) for the lane lines' vehicle coordinates to be right. Not thread-safe.
/// </summary>
public sealed class PerceptionStage : IDisposable
{
    private readonly PerceptionModels _models;
    private readonly OnnxBatchRunner? _lanes, _objects;
    private readonly LaneDecoder[] _laneDecoders;
    private readonly ObjectDecoder? _objectDecoder;
    private readonly PerceptionResult[] _results;
    private long _frames;
    private double _seconds;

    public PerceptionStage(PerceptionModels models, int maxBatch)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _models = models;
        Width = models.Width;
        Height = models.Height;
        Camera = CameraSetups.Front(Width, Height);
        var ground = GroundCamera.FromSensor(Camera.Camera!);
        try
        {
            _lanes = models.Lanes?.CreateRunner(maxBatch);
            _objects = models.Objects?.CreateRunner(maxBatch);
        }
        catch
        {
            _lanes?.Dispose();
            throw;
        }
        _laneDecoders = new LaneDecoder[models.Lanes is null ? 0 : maxBatch];
        for (int i = 0; i < _laneDecoders.Length; i++)
        {
            _laneDecoders[i] = new LaneDecoder(Width, Height, ground);
        }
        _objectDecoder = models.Objects is null ? null : new ObjectDecoder(Width, Height);
        _results = new PerceptionResult[maxBatch];
        for (int i = 0; i < maxBatch; i++)
        {
            _results[i] = new PerceptionResult(Width, Height, _objectDecoder?.MaxDetections ?? 0);
        }
        MaxBatch = maxBatch;
    }

    /// <summary>Loads the models of <paramref name="config"/> and creates a stage for up to <paramref name="maxBatch"/> frames.</summary>
    public static PerceptionStage Create(PerceptionConfig config, int maxBatch)
    {
        PerceptionModels models = PerceptionModels.Load(config);
        try
        {
            return new PerceptionStage(models, maxBatch) { OwnsModels = true };
        }
        catch
        {
            models.Dispose();
            throw;
        }
    }

    private bool OwnsModels { get; init; }

    public int Width { get; }
    public int Height { get; }
    public int MaxBatch { get; }
    public bool HasLanes => _lanes is not null;
    public bool HasObjects => _objects is not null;

    /// <summary>The camera the models expect: the front camera at their image size.</summary>
    public SensorSpec Camera { get; }

    /// <summary>Bytes of one RGBA frame.</summary>
    public int FrameBytes => Width * Height * 4;

    /// <summary>Frames run so far and their mean inference + decoding time per frame (milliseconds, both models).</summary>
    public long Frames => _frames;
    public double MillisecondsPerFrame => _frames == 0 ? double.NaN : _seconds * 1000 / _frames;

    /// <summary>Milliseconds per frame of the last <see cref="Run(nint, int)"/>.</summary>
    public double LastMillisecondsPerFrame { get; private set; } = double.NaN;

    public PerceptionResult this[int frame] => (uint)frame < (uint)_results.Length ? _results[frame] : throw new ArgumentOutOfRangeException(nameof(frame));

    /// <summary>Runs both models on <paramref name="count"/> RGBA frames at <paramref name="rgba"/> (contiguous,
    /// <see cref="FrameBytes"/> each; the memory must stay valid during the call) and decodes every frame.</summary>
    public void Run(nint rgba, int count)
    {
        if (rgba == 0)
        {
            throw new ArgumentNullException(nameof(rgba));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxBatch);
        long t0 = Stopwatch.GetTimestamp();
        if (_lanes is not null)
        {
            _lanes.Run(rgba, count);
            ReadOnlySpan<float> logits = _lanes.Output(0);
            int per = logits.Length / count;
            for (int i = 0; i < count; i++)
            {
                PerceptionResult r = _results[i];
                r.Lanes = _laneDecoders[i].Decode(logits.Slice(i * per, per));
                _laneDecoders[i].Classes.CopyTo(r.Classes);
                r.Lane = LaneObservation.FromLanes(r.Lanes);
                r.HasLanes = true;
            }
        }
        if (_objects is not null)
        {
            _objects.Run(rgba, count);
            ReadOnlySpan<float> heat = _objects.Output(0), size = _objects.Output(1), offset = _objects.Output(2);
            int perHeat = heat.Length / count, perSize = size.Length / count;
            for (int i = 0; i < count; i++)
            {
                PerceptionResult r = _results[i];
                r.DetectionCount = _objectDecoder!.Decode(heat.Slice(i * perHeat, perHeat), size.Slice(i * perSize, perSize),
                    offset.Slice(i * perSize, perSize), r.DetectionBuffer);
                r.HasObjects = true;
            }
        }
        double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        _seconds += seconds;
        _frames += count;
        LastMillisecondsPerFrame = seconds * 1000 / count;
    }

    /// <summary>Runs on frames in managed memory (pinned for the call).</summary>
    public unsafe void Run(ReadOnlySpan<byte> rgba, int count)
    {
        if (rgba.Length < (long)count * FrameBytes)
        {
            throw new ArgumentException($"{count} frames of {Width}×{Height}×4 need {(long)count * FrameBytes} bytes, got {rgba.Length}", nameof(rgba));
        }
        fixed (byte* p = rgba)
        {
            Run((nint)p, count);
        }
    }

    public void Dispose()
    {
        _lanes?.Dispose();
        _objects?.Dispose();
        if (OwnsModels)
        {
            _models.Dispose();
        }
    }
}
