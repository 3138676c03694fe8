using Simulator.Core;

namespace Simulator.Tracks;

/// <summary>Builds <see cref="TrackMesh"/> data from a track's centerline and layout.</summary>
public static class TrackMeshBuilder
{
    public static TrackMesh Build(Track track, TrackMeshOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(track);
        options ??= TrackMeshOptions.Default;
        if (!(options.Step is > 0.05 and <= 50))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Step, "Mesh step must be in (0.05, 50] m.");
        }
        double maxStep = options.MaxStep ?? options.Step;
        if (!(maxStep >= options.Step && maxStep <= 200) || !(options.ChordTolerance > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), maxStep, "MaxStep must be in [Step, 200] m and ChordTolerance positive.");
        }
        TrackLayout layout = track.Layout;
        List<double> stations = Sections(track, 0, track.Length, options, minSections: 8);
        var frames = new TrackSample[stations.Count];
        for (int i = 0; i < stations.Count; i++)
        {
            // The last station repeats the first at s = Length so v runs continuously to the end of the lap.
            double s = stations[i];
            TrackSample q = track.Sample(i == stations.Count - 1 ? 0 : s);
            frames[i] = new TrackSample(s, q.Position, q.Tangent, q.Heading, q.Curvature);
        }

        var road = new MeshWriter();
        double paved = layout.HalfRoadWidth + layout.ShoulderWidth;
        Strip(road, frames, -paved, paved, 0);

        var kerbs = new MeshWriter();
        if (layout.KerbWidth > 0)
        {
            double h = options.KerbHeight;
            Strip(kerbs, frames, paved, paved + layout.KerbWidth, h);
            Strip(kerbs, frames, -paved - layout.KerbWidth, -paved, h);
            Wall(kerbs, frames, paved, 0, h, facingLeft: false);
            Wall(kerbs, frames, -paved, 0, h, facingLeft: true);
        }

        var barriers = new MeshWriter();
        if (layout.HasBarrier)
        {
            double b = layout.BarrierLateral, h = layout.BarrierHeight;
            Wall(barriers, frames, b, 0, h, facingLeft: false);
            Wall(barriers, frames, b, 0, h, facingLeft: true);
            Wall(barriers, frames, -b, 0, h, facingLeft: true);
            Wall(barriers, frames, -b, 0, h, facingLeft: false);
        }

        return new TrackMesh(road.Build(TrackMesh.RoadSurfaceName), BuildMarkings(track, options).Build(TrackMesh.LaneMarkingName),
            kerbs.Build(TrackMesh.KerbName), barriers.Build(TrackMesh.BarrierName), BuildGround(track, options).Build(TrackMesh.GroundName));
    }

    /// <summary>
    /// Dash intervals [start, end) along s for dashed dividers: the dash + gap period is stretched so a whole number
    /// of periods fits the lap, so the pattern has no seam at s = 0.
    /// </summary>
    public static (double Period, double Dash) DashPattern(Track track)
    {
        ArgumentNullException.ThrowIfNull(track);
        TrackLayout l = track.Layout;
        double period = l.DashLength + l.GapLength;
        int count = Math.Max(1, (int)Math.Round(track.Length / period));
        double scale = track.Length / (count * period);
        return (period * scale, l.DashLength * scale);
    }

    /// <summary>Width (m) of a zebra stripe and of the gap between two.</summary>
    public const double ZebraStripe = 0.5;

    /// <summary>
    /// Zebra crosswalks: for each crosswalk (centre arc length S, width along the road), stripes of
    /// <see cref="ZebraStripe"/> across the whole road, running along it, a stripe's width apart. They lie a little
    /// above the lane markings (1.5 × <see cref="TrackMeshOptions.MarkingHeight"/>), so they win where they cross a
    /// line. A crosswalk over the start line wraps.
    /// </summary>
    public static TrackMeshPart BuildCrosswalks(Track track, IReadOnlyList<(double S, double Width)> crosswalks, TrackMeshOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(track);
        ArgumentNullException.ThrowIfNull(crosswalks);
        options ??= TrackMeshOptions.Default;
        var w = new MeshWriter();
        double half = track.Layout.HalfRoadWidth, z = 1.5 * options.MarkingHeight, length = track.Length;
        int stripes = Math.Max(1, (int)Math.Floor((2 * half - ZebraStripe) / (2 * ZebraStripe)) + 1);
        double first = -0.5 * ((stripes - 1) * 2 * ZebraStripe + ZebraStripe);
        foreach (var (s, width) in crosswalks)
        {
            if (!(width > 0 && width < length) || !double.IsFinite(s))
            {
                throw new ArgumentOutOfRangeException(nameof(crosswalks), width, "A crosswalk needs a finite place and a width in (0, track length).");
            }
            double s0 = ((s - 0.5 * width) % length + length) % length, s1 = s0 + width;
            for (int k = 0; k < stripes; k++)
            {
                double lat0 = first + k * 2 * ZebraStripe, lat1 = lat0 + ZebraStripe;
                Segment(w, track, s0, Math.Min(s1, length), options, lat0, lat1, z);
                if (s1 > length)
                {
                    Segment(w, track, 0, s1 - length, options, lat0, lat1, z);
                }
            }
        }
        return w.Build(TrackMesh.CrosswalkName);
    }

    private static MeshWriter BuildMarkings(Track track, TrackMeshOptions options)
    {
        TrackLayout layout = track.Layout;
        var w = new MeshWriter();
        double half = 0.5 * layout.MarkingWidth, z = options.MarkingHeight;
        if (layout.EdgeMarking == MarkingStyle.Solid)
        {
            double edge = layout.HalfRoadWidth - half; // painted just inside the lane edge
            Segment(w, track, 0, track.Length, options, edge - half, edge + half, z);
            Segment(w, track, 0, track.Length, options, -edge - half, -edge + half, z);
        }
        for (int k = 1; k < layout.LaneCount; k++)
        {
            double lat = -layout.HalfRoadWidth + k * layout.LaneWidth;
            if (layout.DividerMarking == MarkingStyle.Solid)
            {
                Segment(w, track, 0, track.Length, options, lat - half, lat + half, z);
            }
            else if (layout.DividerMarking == MarkingStyle.Dashed)
            {
                (double period, double dash) = DashPattern(track);
                int count = (int)Math.Round(track.Length / period);
                for (int j = 0; j < count; j++)
                {
                    Segment(w, track, j * period, j * period + dash, options, lat - half, lat + half, z);
                }
            }
        }
        return w;
    }

    private static MeshWriter BuildGround(Track track, TrackMeshOptions options)
    {
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        for (int i = 0; i < track.SampleCount; i++)
        {
            Vec2 p = track.SampleAt(i).Position;
            minX = Math.Min(minX, p.X);
            minY = Math.Min(minY, p.Y);
            maxX = Math.Max(maxX, p.X);
            maxY = Math.Max(maxY, p.Y);
        }
        double m = track.Layout.HalfExtent + options.GroundMargin, z = options.GroundZ;
        minX -= m;
        minY -= m;
        maxX += m;
        maxY += m;
        var w = new MeshWriter();
        w.Quad(w.Add(minX, minY, z, 0, 0, 1, minX, minY), w.Add(maxX, minY, z, 0, 0, 1, maxX, minY),
            w.Add(maxX, maxY, z, 0, 0, 1, maxX, maxY), w.Add(minX, maxY, z, 0, 0, 1, minX, maxY));
        return w;
    }

    /// <summary>An up-facing strip between two laterals along [s0, s1], sectioned as the options say.</summary>
    private static void Segment(MeshWriter w, Track track, double s0, double s1, TrackMeshOptions options, double lat0, double lat1, double z)
    {
        List<double> stations = Sections(track, s0, s1, options, minSections: 1);
        var frames = new TrackSample[stations.Count];
        for (int i = 0; i < stations.Count; i++)
        {
            TrackSample q = track.Sample(stations[i]);
            frames[i] = new TrackSample(stations[i], q.Position, q.Tangent, q.Heading, q.Curvature);
        }
        Strip(w, frames, lat0, lat1, z);
    }

    /// <summary>Cross-section positions over [s0, s1]: adaptive when MaxStep exceeds Step, else uniform.</summary>
    private static List<double> Sections(Track track, double s0, double s1, TrackMeshOptions options, int minSections) =>
        (options.MaxStep ?? options.Step) > options.Step
            ? Stations(track, s0, s1, options, minSections)
            : UniformStations(s0, s1, Math.Max(minSections, (int)Math.Ceiling((s1 - s0) / options.Step)));

    private static List<double> UniformStations(double s0, double s1, int sections)
    {
        var list = new List<double>(sections + 1);
        for (int i = 0; i <= sections; i++)
        {
            list.Add(s0 + (s1 - s0) * i / sections);
        }
        return list;
    }

    /// <summary>
    /// Cross-section positions from s0 to s1 (both included) spaced by the curvature: a chord of length c on an arc of
    /// curvature κ strays c²κ/8 from it, so the spacing is √(8·tolerance/κ) with κ the largest curvature over the
    /// interval, kept within [Step, MaxStep]. At least <paramref name="minSections"/> sections.
    /// </summary>
    private static List<double> Stations(Track track, double s0, double s1, TrackMeshOptions options, int minSections)
    {
        double maxStep = Math.Min(options.MaxStep ?? options.Step, (s1 - s0) / minSections);
        double minStep = Math.Min(options.Step, maxStep);
        var list = new List<double> { s0 };
        double s = s0;
        while (s1 - s > 1e-9)
        {
            double step = maxStep;
            // Shrink until the spacing suits the sharpest curvature sampled over the interval it would span.
            for (int k = 0; k < 8; k++)
            {
                double kappa = 0;
                for (int j = 0; j <= 4; j++)
                {
                    double at = Math.Min(s + step * j / 4, s1);
                    kappa = Math.Max(kappa, Math.Abs(track.Sample(at % track.Length).Curvature));
                }
                double fit = kappa > 1e-12 ? Math.Sqrt(8 * options.ChordTolerance / kappa) : maxStep;
                double next = Math.Clamp(fit, minStep, maxStep);
                if (next >= step * 0.999)
                {
                    break;
                }
                step = next;
            }
            // Do not leave a sliver at the end: spread the last two sections evenly.
            s = s1 - s < step * 1.5 && s1 - s > step ? s + 0.5 * (s1 - s) : Math.Min(s + step, s1);
            list.Add(s);
        }
        list[^1] = s1;
        return list;
    }

    private static void Strip(MeshWriter w, TrackSample[] frames, double lat0, double lat1, double z)
    {
        uint first = w.VertexCount;
        foreach (TrackSample f in frames)
        {
            Vec2 a = f.Position + f.Left * lat0, b = f.Position + f.Left * lat1;
            w.Add(a.X, a.Y, z, 0, 0, 1, lat0, f.S);
            w.Add(b.X, b.Y, z, 0, 0, 1, lat1, f.S);
        }
        for (uint i = 0; i + 1 < frames.Length; i++)
        {
            uint r0 = first + 2 * i, l0 = r0 + 1, r1 = r0 + 2, l1 = r0 + 3;
            w.Quad(r0, r1, l1, l0); // forward then left: counter-clockwise from above
        }
    }

    /// <summary>A vertical wall at a lateral, facing left (+lateral) or right.</summary>
    private static void Wall(MeshWriter w, TrackSample[] frames, double lat, double z0, double z1, bool facingLeft)
    {
        uint first = w.VertexCount;
        double sign = facingLeft ? 1 : -1;
        foreach (TrackSample f in frames)
        {
            Vec2 p = f.Position + f.Left * lat, n = f.Left * sign;
            w.Add(p.X, p.Y, z0, n.X, n.Y, 0, z0, f.S);
            w.Add(p.X, p.Y, z1, n.X, n.Y, 0, z1, f.S);
        }
        for (uint i = 0; i + 1 < frames.Length; i++)
        {
            uint b0 = first + 2 * i, t0 = b0 + 1, b1 = b0 + 2, t1 = b0 + 3;
            // forward × up points right, so that winding faces right; reverse it for left-facing walls.
            if (facingLeft)
            {
                w.Quad(b0, t0, t1, b1);
            }
            else
            {
                w.Quad(b0, b1, t1, t0);
            }
        }
    }
}
