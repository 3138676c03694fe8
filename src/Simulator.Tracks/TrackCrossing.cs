using Simulator.Core;

namespace Simulator.Tracks;

/// <summary>A level crossing of the centerline with itself (figure-eight): both arc lengths, the point and the angle.</summary>
public readonly record struct TrackCrossing(double S1, double S2, Vec2 Point, double AngleRadians)
{
    public override string ToString() =>
        FormattableString.Invariant($"crossing at {Point} (s={S1:0.#} m and s={S2:0.#} m, {AngleRadians * 180 / Math.PI:0.#}°)");
}
