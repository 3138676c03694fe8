namespace Simulator.Tracks;

/// <summary>
/// One renderable part: interleaved float vertices (position xyz with Z up, normal xyz, uv) and a uint triangle
/// list, counter-clockwise seen from the side the normal points to. For ground-level parts u is the lateral
/// coordinate and v the arc length s (metres); for walls u is the height above ground; for the ground u, v are
/// world x, y.
/// </summary>
public sealed class TrackMeshPart
{
    public const int FloatsPerVertex = 8;

    internal TrackMeshPart(string name, float[] vertices, uint[] indices)
    {
        Name = name;
        Vertices = vertices;
        Indices = indices;
    }

    public string Name { get; }
    public float[] Vertices { get; }
    public uint[] Indices { get; }
    public int VertexCount => Vertices.Length / FloatsPerVertex;
    public int TriangleCount => Indices.Length / 3;
}

/// <summary>Renderer-agnostic geometry of a track, one part per material.</summary>
public sealed class TrackMesh
{
    public const string RoadSurfaceName = "RoadSurface";
    public const string LaneMarkingName = "LaneMarking";
    public const string KerbName = "Kerb";
    public const string BarrierName = "Barrier";
    public const string GroundName = "Ground";
    /// <summary>Name of the zebra crosswalk part (<see cref="TrackMeshBuilder.BuildCrosswalks"/>).</summary>
    public const string CrosswalkName = "Crosswalk";

    internal TrackMesh(TrackMeshPart road, TrackMeshPart markings, TrackMeshPart kerbs, TrackMeshPart barriers, TrackMeshPart ground)
    {
        RoadSurface = road;
        LaneMarking = markings;
        Kerb = kerbs;
        Barrier = barriers;
        Ground = ground;
        Parts = [road, markings, kerbs, barriers, ground];
    }

    /// <summary>Lanes and shoulders, at z = 0.</summary>
    public TrackMeshPart RoadSurface { get; }
    /// <summary>Edge lines and lane dividers, thin quads slightly above the road.</summary>
    public TrackMeshPart LaneMarking { get; }
    /// <summary>Raised strips outside the shoulders (top and the face towards the road).</summary>
    public TrackMeshPart Kerb { get; }
    /// <summary>Vertical walls, both faces; empty when the layout has no barrier.</summary>
    public TrackMeshPart Barrier { get; }
    /// <summary>One quad under the whole track, slightly below the road.</summary>
    public TrackMeshPart Ground { get; }
    public IReadOnlyList<TrackMeshPart> Parts { get; }
}

/// <summary>How finely and how high the mesh is built.</summary>
public sealed record TrackMeshOptions
{
    public static TrackMeshOptions Default { get; } = new();

    /// <summary>Distance between cross-sections along s (m); with <see cref="MaxStep"/> above it, the finest spacing.</summary>
    public double Step { get; init; } = 1.0;

    /// <summary>
    /// Longest distance between cross-sections (m). Above <see cref="Step"/>, the spacing adapts to the curvature:
    /// sections are as far apart as keeps the chord within <see cref="ChordTolerance"/> of the arc, between Step and
    /// MaxStep, so straights take few triangles. Equal to Step (the default): uniform spacing.
    /// </summary>
    public double? MaxStep { get; init; }

    /// <summary>Largest distance between a chord and its arc when the spacing adapts (m).</summary>
    public double ChordTolerance { get; init; } = 0.02;
    public double MarkingHeight { get; init; } = 0.01;
    public double KerbHeight { get; init; } = 0.08;
    /// <summary>Ground extends this far beyond the track's bounding box (m).</summary>
    public double GroundMargin { get; init; } = 50;
    /// <summary>Height of the ground plane, below the road to avoid z-fighting.</summary>
    public double GroundZ { get; init; } = -0.02;
}
