namespace Simulator.Telemetry.Messages;

/// <summary>A box drawn over a camera image (pixels of that image, x right, y down), with a label.</summary>
public readonly record struct OverlayBox(float X0, float Y0, float X1, float Y1, int Class, string Label, float Score, bool GroundTruth);

/// <summary>A polyline drawn over a camera image (pixels), e.g. a fitted lane line, with its id.</summary>
public sealed record OverlayLine(int Id, (float X, float Y)[] Points, bool GroundTruth);

/// <summary>
/// What the perception stage saw in one camera frame, as plain values for the viewer, the Foxglove stream and
/// recordings: the frame itself, detected (and optionally ground-truth) boxes and lane lines in its pixels, and the
/// running scores against ground truth (NaN where not scored).
/// </summary>
public sealed class PerceptionOverlay
{
    public int ImageWidth { get; set; }
    public int ImageHeight { get; set; }
    /// <summary>The camera frame perception ran on (RGBA, <see cref="ImageWidth"/> × <see cref="ImageHeight"/> × 4),
    /// the image the boxes and lines belong to; empty when not given.</summary>
    public byte[] Image { get; private set; } = [];
    public bool HasImage => Image.Length > 0 && Image.Length == ImageWidth * ImageHeight * 4;
    public List<OverlayBox> Boxes { get; } = [];
    public List<OverlayLine> Lines { get; } = [];
    public PerceptionScores Scores { get; set; } = PerceptionScores.None;

    /// <summary>Keeps a copy of the frame perception ran on (its size must be <see cref="ImageWidth"/> × <see cref="ImageHeight"/>).</summary>
    public void SetImage(ReadOnlySpan<byte> rgba)
    {
        if (rgba.Length != ImageWidth * ImageHeight * 4)
        {
            throw new ArgumentException($"an RGBA image of {ImageWidth}×{ImageHeight} has {ImageWidth * ImageHeight * 4} bytes, got {rgba.Length}", nameof(rgba));
        }
        if (Image.Length != rgba.Length)
        {
            Image = new byte[rgba.Length];
        }
        rgba.CopyTo(Image);
    }

    public void Clear()
    {
        Boxes.Clear();
        Lines.Clear();
        Scores = PerceptionScores.None;
    }

    /// <summary>Copies into <paramref name="target"/> (lines share their point arrays, which are never mutated).</summary>
    public void CopyTo(PerceptionOverlay target)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.ImageWidth = ImageWidth;
        target.ImageHeight = ImageHeight;
        if (HasImage)
        {
            target.SetImage(Image);
        }
        else
        {
            target.Image = [];
        }
        target.Boxes.Clear();
        target.Boxes.AddRange(Boxes);
        target.Lines.Clear();
        target.Lines.AddRange(Lines);
        target.Scores = Scores;
    }
}

/// <summary>Running perception scores against the renderer's ground truth (NaN: not scored) and inference cost.</summary>
public readonly record struct PerceptionScores(
    double LaneIoU,
    double LateralErrorMetres,
    double Precision,
    double Recall,
    double MeanAp50,
    double MeanAp50To95,
    double MillisecondsPerFrame,
    long Frames)
{
    public static PerceptionScores None { get; } = new(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0);
}
