using Simulator.Core;

namespace Simulator.Tracks;

public enum TrackProblemKind
{
    TooFewPoints,
    NonFinitePoint,
    DuplicatePoint,
    InvalidLayout,
    CurvatureTooHigh,
    SelfIntersection,
    ShallowCrossing,
}

/// <summary>One reason a track is not drivable, with where it is: a control point index and/or an arc length.</summary>
public sealed record TrackProblem(TrackProblemKind Kind, string Message, string Hint, int? ControlPoint = null, double? S = null, Vec2? Location = null)
{
    public override string ToString()
    {
        string where = ControlPoint is { } cp ? $"near control point {cp}" : "";
        if (S is { } s)
        {
            where += FormattableString.Invariant($"{(where.Length > 0 ? ", " : "")}s={s:0.#} m");
        }
        if (Location is { } loc)
        {
            where += $"{(where.Length > 0 ? ", " : "")}at {loc}";
        }
        return where.Length > 0 ? $"{Message} ({where}; {Hint})" : $"{Message} ({Hint})";
    }
}

/// <summary>Settings of <see cref="TrackValidator"/>; the defaults suit hand-authored and generated tracks.</summary>
public sealed record TrackValidationOptions
{
    public static TrackValidationOptions Default { get; } = new();

    /// <summary>Extra free space required between non-adjacent parts of the track band (m).</summary>
    public double ClearanceMargin { get; init; } = 1.0;
    /// <summary>The tightest radius must exceed the band's half-extent by this much (m), so the inner edge never folds.</summary>
    public double RadiusMargin { get; init; } = 1.0;
    /// <summary>An extra lower bound on the curve radius (m), e.g. from the vehicles' turning circle; 0 = none.</summary>
    public double MinCurveRadius { get; init; }
    /// <summary>Smallest crossing angle allowed at a level crossing (degrees).</summary>
    public double MinCrossingAngleDegrees { get; init; } = 30;
    /// <summary>At most this many problems are listed (the rest are usually repeats of the same overlap).</summary>
    public int MaxProblems { get; init; } = 20;
}

/// <summary>Outcome of validation: the problems (empty when valid), the crossings, and the track when it could be built.</summary>
public sealed class TrackValidationResult
{
    internal TrackValidationResult(IReadOnlyList<TrackProblem> problems, IReadOnlyList<TrackCrossing> crossings, Track? track)
    {
        Problems = problems;
        Crossings = crossings;
        Track = problems.Count == 0 ? track : null;
        Geometry = track;
    }

    public IReadOnlyList<TrackProblem> Problems { get; }
    public IReadOnlyList<TrackCrossing> Crossings { get; }
    /// <summary>The validated track; null when there are problems.</summary>
    public Track? Track { get; }
    /// <summary>The built geometry even when invalid (null when the points could not make a curve): for diagnostics.</summary>
    public Track? Geometry { get; }
    public bool IsValid => Problems.Count == 0;

    /// <summary>Throws one <see cref="SimInputException"/> listing every problem.</summary>
    public void ThrowIfInvalid(string? file = null, string path = "$.track")
    {
        if (IsValid)
        {
            return;
        }
        TrackProblem first = Problems[0];
        string where = first.ControlPoint is { } cp ? $"{path}.points[{cp}]" : $"{path}.points";
        string problem = Problems.Count == 1
            ? first.ToString()
            : $"{Problems.Count} track problems:\n  - " + string.Join("\n  - ", Problems);
        throw new SimInputException(problem, file, where, hint: Problems.Count == 1 ? null : first.Hint);
    }
}
