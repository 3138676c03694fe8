using Simulator.Core;

namespace Simulator.Tracks;

/// <summary>The centerline at one arc length: where it is, which way it runs, how it bends.</summary>
public readonly struct TrackSample
{
    public TrackSample(double s, Vec2 position, Vec2 tangent, double heading, double curvature)
    {
        S = s;
        Position = position;
        Tangent = tangent;
        Heading = heading;
        Curvature = curvature;
    }

    /// <summary>Arc length in [0, Length).</summary>
    public double S { get; }
    public Vec2 Position { get; }
    /// <summary>Unit vector along increasing s.</summary>
    public Vec2 Tangent { get; }
    /// <summary>Direction of travel, radians in (-π, π].</summary>
    public double Heading { get; }
    /// <summary>Signed curvature in 1/m, + turning left.</summary>
    public double Curvature { get; }
    /// <summary>Unit vector to the left of travel (+lateral).</summary>
    public Vec2 Left => Tangent.PerpLeft;
}
