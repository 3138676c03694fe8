using Simulator.Learning.Runs;

namespace Simulator.Learning.Networks;

public enum ImageEncoderKind
{
    /// <summary>Nature CNN (needs at least 36×36 pixels).</summary>
    Nature,
    /// <summary>IMPALA ResNet: deeper, better on varied scenes, slower.</summary>
    Impala,
}

/// <summary>Recurrent core between encoder and heads (when recurrent_size > 0).</summary>
public enum RecurrentCoreKind
{
    /// <summary>GRU: state h [recurrent_size].</summary>
    Gru,
    /// <summary>LSTM: state h and cell c, carried as one packed [h | c] of 2 × recurrent_size.</summary>
    Lstm,
}

/// <summary>Shape of the actor-critic network.</summary>
public sealed record NetworkOptions
{
    /// <summary>Encoder for image observations.</summary>
    public ImageEncoderKind ImageEncoder { get; init; } = ImageEncoderKind.Nature;

    /// <summary>Width of the image encoder's output layer.</summary>
    [ConfigRange(1, 65_536)]
    public int ImageFeatures { get; init; } = 512;

    /// <summary>Hidden layer widths of the MLP for vector observations.</summary>
    [ConfigRange(1, 65_536)]
    public int[] VectorHidden { get; init; } = [64, 64];

    /// <summary>Consecutive frames given to the image encoder (stacked along channels); 1 = no stacking.</summary>
    [ConfigRange(1, 16)]
    public int FrameStack { get; init; } = 1;

    /// <summary>Hidden size of a recurrent core between encoder and heads; 0 = feed-forward policy.</summary>
    [ConfigRange(0, 65_536)]
    public int RecurrentSize { get; init; }

    /// <summary>The recurrent core's kind (gru or lstm); ignored when recurrent_size is 0.</summary>
    public RecurrentCoreKind Core { get; init; } = RecurrentCoreKind.Gru;

    /// <summary>Give the critic its own encoder (vector observations, feed-forward only); otherwise both heads share one.</summary>
    public bool SeparateCritic { get; init; }

    /// <summary>Initial log standard deviation of continuous actions (a learned, state-independent parameter).</summary>
    [ConfigRange(-20, 5)]
    public double InitialLogStd { get; init; } = -0.5;

    /// <summary>
    /// Floats of recurrent state per env that rollouts store and the update replays: recurrent_size for a GRU,
    /// 2 × recurrent_size ([h | c]) for an LSTM, 0 when feed-forward.
    /// </summary>
    public int RecurrentStateSize() => Core == RecurrentCoreKind.Lstm ? 2 * RecurrentSize : RecurrentSize;

    public void Validate()
    {
        static void Require(bool ok, string key, string rule)
        {
            if (!ok)
            {
                throw new Core.SimInputException($"setting {key} is invalid", path: "network." + key, hint: rule);
            }
        }
        Require(FrameStack >= 1, "frame_stack", "must be >= 1");
        Require(RecurrentSize >= 0, "recurrent_size", "must be >= 0");
        Require(Enum.IsDefined(Core), "core", "use gru or lstm");
        Require(ImageFeatures >= 1, "image_features", "must be >= 1");
        Require(VectorHidden.Length > 0 && VectorHidden.All(h => h >= 1), "vector_hidden", "give one or more layer sizes, each >= 1");
        if (SeparateCritic && RecurrentSize > 0)
        {
            throw new Core.SimInputException("a separate critic cannot be combined with a recurrent core", path: "network.separate_critic", hint: "set separate_critic false or recurrent_size 0");
        }
    }
}
