using Simulator.Perception.Onnx;

namespace Simulator.Perception.Loop;

/// <summary>What the perception stage runs: the lane and object models (null: that model is off), how ONNX Runtime
/// runs them, and whether a model that cannot be loaded stops the run or only turns perception off.</summary>
public sealed record PerceptionConfig
{
    /// <summary>The shipped models, relative to the repository root.</summary>
    public const string ShippedLaneModel = "models/perception-lanes.onnx";
    public const string ShippedObjectModel = "models/perception-objects.onnx";

    public string? LaneModel { get; init; } = ShippedLaneModel;
    public string? ObjectModel { get; init; } = ShippedObjectModel;
    public OnnxRunOptions Run { get; init; } = OnnxRunOptions.Default;

    /// <summary>True: a model that cannot be loaded turns perception off (said once) instead of stopping the run.</summary>
    public bool Optional { get; init; }

    /// <summary>Score every frame against the renderer's ground truth (costs a segmentation and boxes render).</summary>
    public bool Score { get; init; } = true;

    public void Validate()
    {
        if (LaneModel is null && ObjectModel is null)
        {
            throw new Core.SimInputException("perception needs a lane model, an object model or both", hint: "give --lane-model or --object-model");
        }
    }
}
