using System.Collections.Immutable;
using Simulator.Driving.Runtime;

namespace Simulator.Driving.Sensors;

/// <summary>Forward speed over the ego's maximum speed.</summary>
public sealed class SpeedSensor(string name) : IVectorSensor
{
    public string Name => name;
    public int Size => 1;

    public void Observe(EgoAgent ego, DrivingContext ctx, Span<float> output) =>
        output[0] = (float)(ego.Body.State.Vx / ego.Spec.MaxSpeed);
}

/// <summary>[lateral offset / half road width, offset from the nearest lane centre / half lane width].</summary>
public sealed class LaneOffsetSensor(string name) : IVectorSensor
{
    public string Name => name;
    public int Size => 2;

    public void Observe(EgoAgent ego, DrivingContext ctx, Span<float> output)
    {
        var layout = ctx.Track.Layout;
        double lat = ego.Body.Query.Lateral;
        // Off the lanes LaneIndexAt says −1: measure from the nearest edge lane, not always the rightmost one.
        int lane = layout.LaneIndexAt(lat);
        if (lane < 0)
        {
            lane = lat > 0 ? layout.LaneCount - 1 : 0;
        }
        output[0] = (float)(lat / layout.HalfRoadWidth);
        output[1] = (float)((lat - layout.LaneCenter(lane)) / (0.5 * layout.LaneWidth));
    }
}

/// <summary>[sin, cos] of the heading relative to the road direction.</summary>
public sealed class HeadingErrorSensor(string name) : IVectorSensor
{
    public string Name => name;
    public int Size => 2;

    public void Observe(EgoAgent ego, DrivingContext ctx, Span<float> output)
    {
        double e = Tracks.Track.HeadingError(ego.Body.State.Yaw, ego.Body.Query);
        output[0] = (float)Math.Sin(e);
        output[1] = (float)Math.Cos(e);
    }
}

/// <summary>Road curvature at the given distances ahead, times 10 and clamped to [-1, 1] (1 ≙ a 10 m radius).</summary>
public sealed class CurvaturePreviewSensor : IVectorSensor
{
    private readonly double[] _distances;
    private readonly double[] _result;

    public CurvaturePreviewSensor(string name, ImmutableArray<double> distances)
    {
        Name = name;
        _distances = [.. distances];
        _result = new double[_distances.Length];
    }

    public string Name { get; }
    public int Size => _distances.Length;

    public void Observe(EgoAgent ego, DrivingContext ctx, Span<float> output)
    {
        ctx.Track.CurvatureAhead(ego.Body.Query.S, _distances, _result);
        for (int i = 0; i < _result.Length; i++)
        {
            output[i] = (float)Math.Clamp(_result[i] * 10, -1, 1);
        }
    }
}

/// <summary>The last applied action: [steer, accel].</summary>
public sealed class ControlsSensor(string name) : IVectorSensor
{
    public string Name => name;
    public int Size => 2;

    public void Observe(EgoAgent ego, DrivingContext ctx, Span<float> output)
    {
        output[0] = ego.LastAction.Steer;
        output[1] = ego.LastAction.Accel;
    }
}
