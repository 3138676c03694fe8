using Simulator.Perception.Data;

namespace Simulator.Perception.Training;

/// <summary>
/// Which ground-truth boxes the object model is trained and scored on: at least <see cref="MinHeight"/> pixels tall,
/// <see cref="MinWidth"/> wide, and at least <see cref="MinVisibleFraction"/> of the silhouette unoccluded. Smaller or
/// mostly hidden objects are a handful of pixels at 96×96 that no detector at stride 4 can place reliably; they are
/// neither targets nor (in validation) misses.
/// </summary>
public sealed record DetectableBoxes
{
    public static readonly DetectableBoxes Default = new();

    public float MinHeight { get; init; } = 4;
    public float MinWidth { get; init; } = 2;
    public float MinVisibleFraction { get; init; } = 0.3f;

    public bool Accepts(in GtBox b) => b.Height >= MinHeight && b.Width >= MinWidth && b.VisibleFraction >= MinVisibleFraction;

    /// <summary>The accepted boxes of <paramref name="boxes"/> (a new array).</summary>
    public GtBox[] Filter(ReadOnlySpan<GtBox> boxes)
    {
        int n = 0;
        foreach (GtBox b in boxes)
        {
            n += Accepts(b) ? 1 : 0;
        }
        var result = new GtBox[n];
        n = 0;
        foreach (GtBox b in boxes)
        {
            if (Accepts(b))
            {
                result[n++] = b;
            }
        }
        return result;
    }

    public override string ToString() => $"height ≥ {MinHeight} px, width ≥ {MinWidth} px, visible fraction ≥ {MinVisibleFraction}";
}
