using Simulator.Core;
using Simulator.Learning.Env;

namespace Simulator.Learning.Imitation;

/// <summary>
/// Expert demonstrations: per sample an observation in the network's layout (stacked channels-first image bytes
/// [k·C, H, W] and/or a float vector) and the expert action in env units (discrete: the index as a float).
/// </summary>
public sealed record BcDataset(int Count, byte[]? Images, float[]? Vectors, float[] Actions)
{
    public void Validate(ObservationSpec spec, int frameStack, ActionSpec action)
    {
        int imageBytes = spec.HasImage ? spec.ImageBytes * frameStack : 0;
        int actionValues = action.ValuesPerEnv;
        if ((Images?.Length ?? 0) != Count * imageBytes || (Vectors?.Length ?? 0) != Count * spec.VectorSize || Actions.Length != Count * actionValues)
        {
            throw new SimInputException($"dataset of {Count} samples does not match the observation/action spec",
                hint: $"need {imageBytes} image bytes, {spec.VectorSize} vector floats and {actionValues} action values per sample");
        }
    }
}
