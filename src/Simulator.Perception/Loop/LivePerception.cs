using Simulator.Core;
using Simulator.Driving.Snapshots;
using Simulator.Perception.Data;
using Simulator.Perception.GroundTruth;
using Simulator.Rendering.Vulkan;
using Simulator.Telemetry.Messages;

namespace Simulator.Perception.Loop;

/// <summary>
/// Perception for a watched run (the viewer, <c>sim drive</c>, replay, Foxglove, recordings): for each world
/// snapshot it renders the ego's front camera at the models' size (colour, and segmentation and boxes when scoring),
/// runs the <see cref="PerceptionStage"/> on it, scores the result against that same frame's ground truth, and fills
/// an <see cref="Overlay"/> with the detections, the fitted lane lines, the ground truth and the running scores.
/// Any snapshot works (the camera is mounted on the snapshot's ego), so perception runs on recordings made without
/// it. Not thread-safe: one thread observes.
/// </summary>
public sealed class LivePerception : IDisposable
{
    private readonly PerceptionStage _stage;
    private readonly VulkanRenderer _renderer;
    private readonly bool _ownsRenderer;
    private readonly GroundTruthRenderer _draw;
    private readonly FrameGroundTruth _truth = new();
    private readonly PerceptionScorer? _scorer;
    private CameraBatch? _batch;
    private int _batchInstances;
    private long _observed;

    private LivePerception(PerceptionStage stage, VulkanRenderer renderer, bool ownsRenderer, bool score)
    {
        _stage = stage;
        _renderer = renderer;
        _ownsRenderer = ownsRenderer;
        _draw = new GroundTruthRenderer(renderer, stage.Camera);
        _scorer = score ? new PerceptionScorer() : null;
        Overlay.ImageWidth = stage.Width;
        Overlay.ImageHeight = stage.Height;
    }

    /// <summary>
    /// Loads the models and prepares the camera. With <see cref="PerceptionConfig.Optional"/>, a model that cannot be
    /// loaded (missing, corrupt, wrong convention, unavailable provider) turns perception off: the reason is written
    /// once to <paramref name="notices"/> and null is returned; otherwise the error is thrown.
    /// <paramref name="renderer"/>: the device to render on (null: one of its own).
    /// </summary>
    public static LivePerception? Start(PerceptionConfig config, VulkanRenderer? renderer, TextWriter? notices)
    {
        ArgumentNullException.ThrowIfNull(config);
        PerceptionStage stage;
        try
        {
            stage = PerceptionStage.Create(config, maxBatch: 1);
        }
        catch (SimException e) when (config.Optional)
        {
            notices?.WriteLine($"perception off: {e.Message}");
            return null;
        }
        VulkanRenderer? own = null;
        try
        {
            own = renderer is null ? VulkanRenderer.Create(RendererOptions.Default) : null;
            return new LivePerception(stage, renderer ?? own!, own is not null, config.Score);
        }
        catch
        {
            own?.Dispose();
            stage.Dispose();
            throw;
        }
    }

    public PerceptionStage Stage => _stage;

    /// <summary>The result of the last <see cref="Observe"/>.</summary>
    public PerceptionResult Result => _stage[0];

    /// <summary>Running scores (null when not scoring).</summary>
    public PerceptionScorer? Scorer => _scorer;

    /// <summary>The last observation as an overlay in the camera's pixels (reused; copy it to keep it).</summary>
    public PerceptionOverlay Overlay { get; } = new();

    /// <summary>Detections drawn in the overlay score at least this much (the scorer's precision threshold; lower
    /// ones still count for average precision).</summary>
    public float DisplayThreshold { get; set; } = 0.3f;

    /// <summary>Frames observed so far.</summary>
    public long Observed => _observed;

    /// <summary>Renders the ego's camera for <paramref name="snapshot"/>, runs perception on it and scores it.</summary>
    public PerceptionOverlay Observe(WorldSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        CameraBatch batch = Batch(snapshot.Actors.Length);
        batch.ClearInstances(0);
        CameraSnapshot camera = _draw.Describe(batch, 0, snapshot);
        FrameView frame = batch.Wait(batch.Submit());
        _stage.Run(frame.ColorPointer, 1);
        _observed++;
        PerceptionResult result = _stage[0];
        PerceptionFrame? truth = null;
        if (_scorer is not null)
        {
            truth = _truth.Build(snapshot, camera, frame, 0, new PerceptionFrameInfo("live", 0, snapshot.EnvIndex, snapshot.Step, snapshot.Scene?.Name ?? ""));
            _scorer.Add(result, truth);
        }
        FillOverlay(result, truth);
        Overlay.SetImage(frame.ColorOf(0));
        return Overlay;
    }

    private void FillOverlay(PerceptionResult result, PerceptionFrame? truth)
    {
        Overlay.Clear();
        Overlay.ImageWidth = _stage.Width;
        Overlay.ImageHeight = _stage.Height;
        if (truth is not null)
        {
            foreach (GtBox b in truth.Boxes)
            {
                if (_scorer!.Detectable.IsDetectable(b))
                {
                    Overlay.Boxes.Add(new OverlayBox(b.X0, b.Y0, b.X1, b.Y1, (int)b.Class, PerceptionClasses.ObjectClassNames[(int)b.Class], 1, GroundTruth: true));
                }
            }
            foreach (GtLane lane in truth.Lanes)
            {
                Overlay.Lines.Add(new OverlayLine(lane.Id, lane.ImagePoints, GroundTruth: true));
            }
        }
        foreach (DetectedBox d in result.Detections)
        {
            if (d.Score < DisplayThreshold)
            {
                continue;
            }
            Overlay.Boxes.Add(new OverlayBox(d.X0, d.Y0, d.X1, d.Y1, (int)d.Class, PerceptionClasses.ObjectClassNames[(int)d.Class], d.Score, GroundTruth: false));
        }
        foreach (FittedLane lane in result.Lanes)
        {
            Overlay.Lines.Add(new OverlayLine(lane.Id, lane.ImagePoints, GroundTruth: false));
        }
        Overlay.Scores = _scorer?.Scores(_stage.MillisecondsPerFrame)
            ?? PerceptionScores.None with { MillisecondsPerFrame = _stage.MillisecondsPerFrame, Frames = _observed };
    }

    private CameraBatch Batch(int actors)
    {
        if (_batch is null || actors > _batchInstances)
        {
            _batch?.Dispose();
            _batchInstances = Math.Max(64, actors * 2);
            _batch = _draw.CreateBatch(1, _batchInstances);
        }
        return _batch;
    }

    public void Dispose()
    {
        _batch?.Dispose();
        _stage.Dispose();
        if (_ownsRenderer)
        {
            _renderer.Dispose();
        }
    }
}
