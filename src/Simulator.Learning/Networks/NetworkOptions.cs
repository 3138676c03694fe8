namespace Simulator.Learning.Networks;

public enum ImageEncoderKind
{
    /// <summary>Nature CNN (needs at least 36×36 pixels).</summary>
    Nature,
    /// <summary>IMPALA ResNet: deeper, better on varied scenes, slower.</summary>
    Impala,
}

/// <summary>Shape of the actor-critic network.</summary>
public sealed record NetworkOptions
{
    /// <summary>Encoder for image observations.</summary>
    public ImageEncoderKind ImageEncoder { get; init; } = ImageEncoderKind.Nature;

    /// <summary>Width of the image encoder's output layer.</summary>
    public int ImageFeatures { get; init; } = 512;

    /// <summary>Hidden layer widths of the MLP for vector observations.</summary>
    public int[] VectorHidden { get; init; } = [64, 64];

    /// <summary>Consecutive frames given to the image encoder (stacked along channels); 1 = no stacking.</summary>
    public int FrameStack { get; init; } = 1;

    /// <summary>Hidden size of a GRU core between encoder and heads; 0 = feed-forward policy.</summary>
    public int RecurrentSize { get; init; }

    /// <summary>Give the critic its own encoder (vector observations, feed-forward only); otherwise both heads share one.</summary>
    public bool SeparateCritic { get; init; }

    /// <summary>Initial log standard deviation of continuous actions (a learned, state-independent parameter).</summary>
    public double InitialLogStd { get; init; } = -0.5;

    public void Validate()
    {
        if (FrameStack < 1 || RecurrentSize < 0 || ImageFeatures < 1 || VectorHidden.Length == 0 || VectorHidden.Any(h => h < 1))
        {
            throw new Core.SimInputException($"invalid network options {this}", hint: "frame_stack >= 1, recurrent_size >= 0, layer sizes >= 1");
        }
        if (SeparateCritic && RecurrentSize > 0)
        {
            throw new Core.SimInputException("a separate critic cannot be combined with a recurrent core", hint: "set separate_critic false or recurrent_size 0");
        }
    }
}
