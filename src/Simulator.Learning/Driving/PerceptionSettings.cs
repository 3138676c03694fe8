using Simulator.Learning.Runs;
using Simulator.Perception.Loop;
using Simulator.Perception.Onnx;

namespace Simulator.Learning.Driving;

/// <summary>
/// Perception as an agent observation (the trainer config's <c>perception:</c> block, recorded in
/// <see cref="ModelMeta.Perception"/> so a saved model is deployed with the same observation): the lane and object
/// models (paths relative to the repository root unless absolute), whether the camera pixels stay beside the
/// perception features, and how ONNX Runtime runs the models.
/// </summary>
public sealed record PerceptionSettings
{
    /// <summary>Lane model (ONNX, model convention v1).</summary>
    public string LaneModel { get; init; } = PerceptionConfig.ShippedLaneModel;

    /// <summary>Object model (ONNX, model convention v1).</summary>
    public string ObjectModel { get; init; } = PerceptionConfig.ShippedObjectModel;

    /// <summary>True: the policy sees the camera pixels and the perception features; false: the features instead of pixels.</summary>
    public bool Pixels { get; init; } = true;

    /// <summary>ONNX Runtime execution provider (cpu, cuda; dml on Windows).</summary>
    public ExecutionProvider Ep { get; init; } = ExecutionProvider.Cpu;

    /// <summary>ONNX Runtime intra-op threads (1 = on the stepping thread only, leaving the cores to the simulation).</summary>
    [ConfigRange(1, 64)]
    public int Threads { get; init; } = 1;

    /// <summary>The stage configuration, model paths resolved against <paramref name="root"/> (the repository root).</summary>
    public PerceptionConfig ToConfig(string root) => new()
    {
        LaneModel = Resolve(root, LaneModel),
        ObjectModel = Resolve(root, ObjectModel),
        Run = OnnxRunOptions.Default with { Provider = Ep, IntraOpThreads = Threads },
        Score = false,
    };

    public static string Resolve(string root, string path) => Path.IsPathRooted(path) ? path : Path.Combine(root, path);

    /// <summary>"lanes models/a.onnx + objects models/b.onnx, without pixels", the form messages show.</summary>
    public string Describe() => $"lanes {LaneModel} + objects {ObjectModel}, {(Pixels ? "beside pixels" : "instead of pixels")}";
}
