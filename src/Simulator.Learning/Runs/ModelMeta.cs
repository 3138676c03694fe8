using Simulator.Learning.Driving;
using Simulator.Learning.Env;
using Simulator.Learning.Networks;

namespace Simulator.Learning.Runs;

/// <summary>
/// What a model file says about itself, so `sim eval` and `sim drive --model` can rebuild the network without the
/// run's config: observation and action shapes, network options, and the counters and score when it was saved.
/// </summary>
public sealed record ModelMeta
{
    public int ImageChannels { get; init; }
    public int ImageHeight { get; init; }
    public int ImageWidth { get; init; }
    public int VectorSize { get; init; }
    public ActionKind ActionKind { get; init; }
    public int ActionDim { get; init; }
    public float[] ActionLow { get; init; } = [];
    public float[] ActionHigh { get; init; } = [];
    public NetworkOptions Network { get; init; } = new();
    /// <summary>Physics steps per action the model was trained with; evaluation and driving use the same.</summary>
    public int ActionRepeat { get; init; } = 1;
    /// <summary>The ego sensor list (scene JSON) the model was trained with; `sim drive --model` fits any scene with it.</summary>
    public string EgoSensors { get; init; } = "";
    /// <summary>The ego speed limit (m/s) the model was trained with; 0 = the scene's own.</summary>
    public double MaxSpeed { get; init; }
    /// <summary>Perception observations the model was trained with (null: none; models saved before perception have none).</summary>
    public PerceptionSettings? Perception { get; init; }
    /// <summary>The model the run started from (transfer; null: trained from scratch or saved before transfer existed).</summary>
    public InitModel? Init { get; init; }
    public int Iteration { get; init; }
    public long TotalSteps { get; init; }
    /// <summary>Share of evaluation episodes completed cleanly at save time (NaN: not evaluated).</summary>
    public double EvalLapCompletion { get; init; } = double.NaN;
    public double EvalMeanReturn { get; init; } = double.NaN;
    public string Version { get; init; } = "";

    /// <summary>Whether the model's env needs a rendered camera: it sees pixels or perception of them.</summary>
    public bool UsesCamera() => ImageChannels > 0 || Perception is not null;

    public ObservationSpec ToObservation() => new(ImageChannels, ImageHeight, ImageWidth, VectorSize);

    public ActionSpec ToAction() => new(ActionKind, ActionDim, ActionLow, ActionHigh);

    public static ModelMeta For(ActorCritic policy) => new()
    {
        ImageChannels = policy.Observation.Channels,
        ImageHeight = policy.Observation.Height,
        ImageWidth = policy.Observation.Width,
        VectorSize = policy.Observation.VectorSize,
        ActionKind = policy.Action.Kind,
        ActionDim = policy.Action.Dim,
        ActionLow = policy.Action.Low,
        ActionHigh = policy.Action.High,
        Network = policy.Options,
        Version = RunInfo.Version,
    };

    /// <summary>"3×84×84 image + 12 values", the form error messages show.</summary>
    public static string Describe(ObservationSpec o) =>
        (o.HasImage ? $"{o.Channels}×{o.Height}×{o.Width} image" : "no image") + $" + {o.VectorSize} values";

    public static string Describe(ActionSpec a) => a.Kind == ActionKind.Discrete ? $"{a.Dim} discrete actions" : $"{a.Dim} continuous actions";
}
