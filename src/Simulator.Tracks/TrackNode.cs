using System.Runtime.InteropServices;

namespace Simulator.Tracks;

/// <summary>
/// One resampled centerline point and the polyline segment that starts at it, packed together so a query touches
/// one cache line per node and pays one bounds check.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct TrackNode
{
    public double X, Y;       // position
    public double Tx, Ty;     // unit tangent
    public double Ex, Ey;     // vector to the next node
    public double InvLen2;    // 1 / |E|²
    public double Heading;    // radians in (-π, π]
    public double DHeading;   // wrapped heading change to the next node
    public double Curvature;  // signed, + left
}
