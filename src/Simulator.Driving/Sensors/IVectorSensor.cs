using Simulator.Driving.Runtime;

namespace Simulator.Driving.Sensors;

/// <summary>
/// A sensor that writes a fixed number of floats of the ego's observation (ground-truth vector sensors). Camera
/// sensors are image sensors and fill the image part of the observation instead.
/// </summary>
public interface IVectorSensor
{
    string Name { get; }
    int Size { get; }

    /// <summary>Writes exactly <see cref="Size"/> values, each scaled to roughly [-1, 1].</summary>
    void Observe(EgoAgent ego, DrivingContext ctx, Span<float> output);
}
