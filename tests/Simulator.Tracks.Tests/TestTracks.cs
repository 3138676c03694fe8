using Simulator.Core;
using Simulator.Tracks;

namespace Simulator.Tracks.Tests;

internal static class TestTracks
{
    public static Vec2[] Circle(double radius, int n = 16, Vec2 centre = default)
    {
        var pts = new Vec2[n];
        for (int i = 0; i < n; i++)
        {
            double a = MathUtil.TwoPi * i / n;
            pts[i] = centre + new Vec2(radius * Math.Cos(a), radius * Math.Sin(a));
        }
        return pts;
    }

    /// <summary>A rounded rectangle-ish loop with straights and bends of different radii.</summary>
    public static Vec2[] Oval() =>
    [
        new(0, 0), new(100, 0), new(200, 0), new(260, 40), new(260, 120), new(200, 160),
        new(100, 160), new(0, 160), new(-60, 120), new(-60, 40),
    ];

    /// <summary>A figure-eight (lemniscate of Gerono-like) crossing itself at the origin at about 90°.</summary>
    public static Vec2[] FigureEight(double size = 120, int n = 24)
    {
        var pts = new Vec2[n];
        for (int i = 0; i < n; i++)
        {
            double t = MathUtil.TwoPi * i / n;
            pts[i] = new Vec2(size * Math.Sin(t), size * Math.Sin(t) * Math.Cos(t));
        }
        return pts;
    }

    public static Track Build(Vec2[] pts, TrackLayout? layout = null) => Track.Create(pts, layout ?? TrackLayout.Default);
}
