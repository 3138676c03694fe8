using Simulator.Core;

namespace Simulator.Learning.Env;

/// <summary>What one env observes: an optional uint8 image (HWC in the buffer) and an optional float vector.</summary>
public sealed record ObservationSpec(int Channels, int Height, int Width, int VectorSize)
{
    public bool HasImage => Channels > 0;

    public int ImageBytes => Channels * Height * Width;

    public static ObservationSpec VectorOnly(int size) => new(0, 0, 0, size);

    public void Validate()
    {
        if (Channels < 0 || Height < 0 || Width < 0 || VectorSize < 0 || (Channels > 0 && (Height == 0 || Width == 0)) || (!HasImage && VectorSize == 0))
        {
            throw new SimInputException($"invalid observation spec {this}", hint: "need an image (C, H, W > 0) and/or a vector size > 0");
        }
    }
}

public enum ActionKind
{
    /// <summary>One index in [0, Dim) per env.</summary>
    Discrete,
    /// <summary>Dim floats per env, each within [Low[j], High[j]].</summary>
    Continuous,
}

/// <summary>What one env accepts. For discrete actions Dim is the number of choices and the env reads one value.</summary>
public sealed record ActionSpec(ActionKind Kind, int Dim, float[] Low, float[] High)
{
    public static ActionSpec Discrete(int n) => new(ActionKind.Discrete, n, [], []);

    public static ActionSpec Continuous(float[] low, float[] high) => new(ActionKind.Continuous, low.Length, low, high);

    /// <summary>Floats per env in the action buffer passed to Step.</summary>
    public int ValuesPerEnv => Kind == ActionKind.Discrete ? 1 : Dim;

    public void Validate()
    {
        if (Dim < 1)
        {
            throw new SimInputException($"action spec needs at least one action, got {Dim}");
        }
        if (Kind == ActionKind.Continuous)
        {
            if (Low.Length != Dim || High.Length != Dim)
            {
                throw new SimInputException($"continuous action bounds have {Low.Length}/{High.Length} entries for {Dim} dimensions");
            }
            for (int j = 0; j < Dim; j++)
            {
                if (!(High[j] > Low[j]) || !float.IsFinite(Low[j]) || !float.IsFinite(High[j]))
                {
                    throw new SimInputException($"action dimension {j} has bounds [{Low[j]}, {High[j]}]", hint: "need finite low < high");
                }
            }
        }
    }
}
