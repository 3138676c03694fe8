using Simulator.Core;

namespace Simulator.Tracks;

/// <summary>Difficulty knobs of <see cref="TrackGenerator"/>.</summary>
public sealed record TrackGeneratorOptions
{
    /// <summary>Centerline length in metres (met to well under 0.1%).</summary>
    public double TargetLength { get; init; } = 1000;
    /// <summary>0 = smooth oval-like loop, 1 = many control points with strong radial jitter (hairpins, chicanes).</summary>
    public double Complexity { get; init; } = 0.5;
    /// <summary>Tightest curve radius allowed (m); the road's own half-extent + margin is enforced as well.</summary>
    public double MinCurveRadius { get; init; } = 15;
    public int LaneCount { get; init; } = 2;
    public double LaneWidth { get; init; } = 3.5;
    /// <summary>Everything else of the cross-section (shoulders, barriers, markings); lane count and width override it.</summary>
    public TrackLayout Layout { get; init; } = TrackLayout.Default;
    /// <summary>Candidates tried before giving up with a clear error.</summary>
    public int MaxAttempts { get; init; } = 200;

    public TrackLayout ResolvedLayout => Layout with { LaneCount = LaneCount, LaneWidth = LaneWidth, AllowCrossings = false };

    /// <summary>Throws <see cref="SimInputException"/> naming the first bad option.</summary>
    public void Validate(string? file = null, string path = "$.generator")
    {
        Check(double.IsFinite(MinCurveRadius) && MinCurveRadius is >= 0 and <= 2000, "minCurveRadius", $"min curve radius {MinCurveRadius} m is out of range", "use 0 to 2000 m");
        double minLength = Math.Max(100, 3 * Math.PI * Math.Max(MinCurveRadius, 1));
        Check(double.IsFinite(TargetLength) && TargetLength >= minLength && TargetLength <= 100_000, "targetLength",
            FormattableString.Invariant($"target length {TargetLength} m is out of range"),
            FormattableString.Invariant($"use {minLength:0} to 100000 m (at least 1.5 full turns of the min curve radius)"));
        Check(double.IsFinite(Complexity) && Complexity is >= 0 and <= 1, "complexity", $"complexity {Complexity} is out of range", "use 0 to 1");
        Check(MaxAttempts is >= 1 and <= 100_000, "maxAttempts", $"max attempts {MaxAttempts} is out of range", "use 1 to 100000");
        ResolvedLayout.Validate(file, path + ".layout");

        void Check(bool ok, string field, string problem, string hint)
        {
            if (!ok)
            {
                throw new SimInputException(problem, file, $"{path}.{field}", hint: hint);
            }
        }
    }
}
