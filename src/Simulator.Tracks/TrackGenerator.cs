using Simulator.Core;

namespace Simulator.Tracks;

/// <summary>
/// Procedural closed tracks: control points around a jittered star-shaped loop, scaled to the target length,
/// rejection-sampled until <see cref="TrackValidator"/> accepts them (bounded curvature, no self-overlap).
/// Deterministic: the same seed and options give the same control points on every machine.
/// </summary>
public static class TrackGenerator
{
    public static Track Generate(ulong seed, TrackGeneratorOptions options, string? file = null, string path = "$.generator")
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(file, path);
        TrackLayout layout = options.ResolvedLayout;
        var validation = new TrackValidationOptions { MinCurveRadius = options.MinCurveRadius };
        Rng rng = Rng.Create(seed, RngStream.TrackGeneration);
        string? last = null;
        double minRadius = Math.Max(options.MinCurveRadius, layout.HalfExtent + validation.RadiusMargin);
        for (int attempt = 0; attempt < options.MaxAttempts; attempt++)
        {
            Vec2[] points = Candidate(rng, options.Complexity);
            ScaleToLength(points, options.TargetLength);
            if (!SmoothTightBends(points, layout, minRadius, options.TargetLength))
            {
                last = "bends stayed too tight after smoothing";
                continue;
            }
            TrackValidationResult result = TrackValidator.Validate(points, layout, validation);
            if (result.IsValid)
            {
                return result.Track!;
            }
            last = result.Problems[0].Message;
        }
        throw new SimInputException(
            $"could not generate a valid track for seed {seed} in {options.MaxAttempts} attempts (last problem: {last})",
            file, path, hint: "lower complexity or minCurveRadius, or raise targetLength, or make the road narrower");
    }

    /// <summary>One candidate loop around the origin, radius about 1, counter-clockwise.</summary>
    private static Vec2[] Candidate(Rng rng, double complexity)
    {
        int n = (int)Math.Round(6 + 12 * complexity) + rng.NextInt(3);
        double spacing = MathUtil.TwoPi / n;
        double angleJitter = 0.35 * spacing * complexity;
        double radialJitter = 0.1 + 0.45 * complexity;
        double aspect = rng.Range(1.0, 1.0 + 0.8 * (1 - 0.5 * complexity));
        double rotation = rng.Range(0, MathUtil.TwoPi);
        var radii = new double[n];
        for (int k = 0; k < n; k++)
        {
            radii[k] = 1 + radialJitter * rng.Range(-1.0, 1.0);
        }
        // Smooth the radii more for simple tracks: neighbours pulled together remove zig-zags.
        double smoothing = 0.5 * (1 - complexity);
        var points = new Vec2[n];
        for (int k = 0; k < n; k++)
        {
            double r = (1 - smoothing) * radii[k] + smoothing * 0.5 * (radii[(k + n - 1) % n] + radii[(k + 1) % n]);
            double a = k * spacing + angleJitter * rng.Range(-1.0, 1.0);
            var p = new Vec2(r * Math.Cos(a) * aspect, r * Math.Sin(a));
            points[k] = p.Rotate(rotation);
        }
        return points;
    }

    /// <summary>
    /// Random radial jitter makes some bends too tight; rather than throwing most candidates away, relax the control
    /// points at the tightest bends towards their neighbours (Laplacian smoothing) until every radius is legal.
    /// </summary>
    private static bool SmoothTightBends(Vec2[] points, TrackLayout layout, double minRadius, double targetLength)
    {
        const int maxRounds = 40;
        double limit = 1 / (minRadius * 1.02); // a little slack so the validator's own check passes after rescaling
        int n = points.Length;
        var tight = new bool[n];
        var moved = new Vec2[n];
        for (int round = 0; round < maxRounds; round++)
        {
            var track = new Track(points, layout, sampleSpacing: 1.0);
            Array.Clear(tight);
            bool any = false;
            for (int i = 0; i < track.SampleCount; i++)
            {
                TrackSample q = track.SampleAt(i);
                if (Math.Abs(q.Curvature) > limit)
                {
                    int k = track.NearestControlPoint(q.S);
                    tight[k] = tight[(k + 1) % n] = tight[(k + n - 1) % n] = true;
                    any = true;
                }
            }
            if (!any)
            {
                return true;
            }
            for (int k = 0; k < n; k++)
            {
                Vec2 mid = 0.5 * (points[(k + n - 1) % n] + points[(k + 1) % n]);
                moved[k] = tight[k] ? Vec2.Lerp(points[k], mid, 0.5) : points[k];
            }
            Array.Copy(moved, points, n);
            ScaleToLength(points, targetLength);
        }
        return false;
    }

    private static void ScaleToLength(Vec2[] points, double target)
    {
        // The chord-length spline is scale-equivariant, so one measurement gives the exact factor.
        var spline = new PeriodicSpline(points);
        double length = spline.TotalLength();
        double f = target / length;
        for (int i = 0; i < points.Length; i++)
        {
            points[i] *= f;
        }
    }
}
