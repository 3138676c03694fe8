using Simulator.Core;
using Simulator.Learning.Env;

namespace Simulator.Learning.Imitation;

/// <summary>
/// Expert demonstrations: per sample an observation in the network's layout (stacked channels-first image bytes
/// [k·C, H, W] and/or a float vector) and the expert action in env units (discrete: the index as a float).
/// </summary>
public sealed record BcDataset(int Count, byte[]? Images, float[]? Vectors, float[] Actions)
{
    /// <summary>
    /// Refuses, before anything is collected or allocated, a dataset of <paramref name="samples"/> whose images
    /// (<paramref name="imageBytesPerSample"/> each, the stacked frames) would not fit one array (about 2 GiB): it
    /// names how many samples fit, where the multiplication used to overflow after the envs had started.
    /// </summary>
    public static void CheckFits(long samples, long imageBytesPerSample, string what)
    {
        if (imageBytesPerSample > 0 && samples * imageBytesPerSample > Array.MaxLength)
        {
            long fit = Array.MaxLength / imageBytesPerSample;
            throw new SimInputException(
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{what}: {samples:N0} samples of {imageBytesPerSample:N0} image bytes each ({samples * imageBytesPerSample / 1048576.0:N0} MiB) do not fit one dataset (at most {Array.MaxLength / 1048576.0:N0} MiB of images)"),
                hint: string.Create(System.Globalization.CultureInfo.InvariantCulture, $"use at most {fit:N0} samples with this camera and frame stack, or a smaller camera or frame stack"));
        }
    }

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
