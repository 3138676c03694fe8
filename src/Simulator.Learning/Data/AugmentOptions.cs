using Simulator.Learning.Runs;

namespace Simulator.Learning.Data;

/// <summary>
/// Image augmentations of PPO's training minibatches beyond random shift (applied after it, on the same images):
/// colour jitter and cutout. Each is off unless enabled; off draws nothing from any random stream, so a run with
/// both off is bit-identical to one without this block.
/// </summary>
public sealed record AugmentOptions
{
    /// <summary>Jitter brightness, contrast and saturation of each image (the same factors for all its stacked frames).</summary>
    public bool ColorJitter { get; init; }

    /// <summary>Brightness factor drawn uniformly in [1 − b, 1 + b].</summary>
    [ConfigRange(0, 1)]
    public double Brightness { get; init; } = 0.2;

    /// <summary>Contrast factor (scaling about the frame's mean grey) drawn uniformly in [1 − c, 1 + c].</summary>
    [ConfigRange(0, 1)]
    public double Contrast { get; init; } = 0.2;

    /// <summary>Saturation factor (scaling about each pixel's grey; RGB frames only) drawn uniformly in [1 − s, 1 + s].</summary>
    [ConfigRange(0, 1)]
    public double Saturation { get; init; } = 0.2;

    /// <summary>Fill random rectangles of each image (all channels and stacked frames) with a random grey.</summary>
    public bool Cutout { get; init; }

    /// <summary>Rectangles per image.</summary>
    [ConfigRange(1, 16)]
    public int CutoutCount { get; init; } = 1;

    /// <summary>Rectangle side as a fraction of the image's height and width.</summary>
    [ConfigRange(0.01, 1)]
    public double CutoutSize { get; init; } = 0.25;

    public bool IsEnabled() => ColorJitter || Cutout;

    public void Validate()
    {
        static void Require(bool ok, string key, string rule)
        {
            if (!ok)
            {
                throw new Core.SimInputException($"setting {key} is invalid", path: "augment." + key, hint: rule);
            }
        }
        Require(Brightness is >= 0 and <= 1, "brightness", "must be in [0, 1]");
        Require(Contrast is >= 0 and <= 1, "contrast", "must be in [0, 1]");
        Require(Saturation is >= 0 and <= 1, "saturation", "must be in [0, 1]");
        Require(CutoutCount is >= 1 and <= 16, "cutout_count", "must be in [1, 16]");
        Require(CutoutSize is >= 0.01 and <= 1, "cutout_size", "must be in [0.01, 1]");
    }
}
