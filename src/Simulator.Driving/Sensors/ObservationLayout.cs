using System.Collections.Immutable;
using Simulator.Driving.Runtime;
using Simulator.Driving.Scenes;

namespace Simulator.Driving.Sensors;

/// <summary>
/// How an ego's observation is laid out: the vector sensors in scene order, each a slice of one float vector, and
/// the camera sensors, each an image. An ego with no sensors gets <see cref="DefaultSensors"/>.
/// </summary>
public sealed class ObservationLayout
{
    private readonly IVectorSensor[] _sensors;

    private ObservationLayout(IVectorSensor[] sensors, ImmutableArray<SensorSpec> cameras)
    {
        _sensors = sensors;
        Cameras = cameras;
        int offset = 0;
        var slices = ImmutableArray.CreateBuilder<(string, int, int)>(sensors.Length);
        foreach (var s in sensors)
        {
            slices.Add((s.Name, offset, s.Size));
            offset += s.Size;
        }
        VectorSize = offset;
        Slices = slices.MoveToImmutable();
    }

    public int VectorSize { get; }
    public ImmutableArray<(string Name, int Offset, int Size)> Slices { get; }
    public ImmutableArray<SensorSpec> Cameras { get; }
    public IReadOnlyList<IVectorSensor> Sensors => _sensors;

    public static ImmutableArray<SensorSpec> DefaultSensors { get; } =
    [
        new SensorSpec { Kind = SensorKind.Speed, Name = "speed", Path = "(default)" },
        new SensorSpec { Kind = SensorKind.LaneOffset, Name = "laneOffset", Path = "(default)" },
        new SensorSpec { Kind = SensorKind.HeadingError, Name = "headingError", Path = "(default)" },
        new SensorSpec { Kind = SensorKind.CurvaturePreview, Name = "curvaturePreview", Distances = [5, 10, 20, 35, 50], Path = "(default)" },
        new SensorSpec { Kind = SensorKind.Rays, Name = "rays", Path = "(default)" },
        new SensorSpec { Kind = SensorKind.Controls, Name = "controls", Path = "(default)" },
    ];

    public static ObservationLayout For(EgoSpec ego)
    {
        var specs = ego.Sensors.IsDefaultOrEmpty ? DefaultSensors : ego.Sensors;
        var vector = new List<IVectorSensor>();
        var cameras = ImmutableArray.CreateBuilder<SensorSpec>();
        foreach (var s in specs)
        {
            switch (s.Kind)
            {
                case SensorKind.Speed: vector.Add(new SpeedSensor(s.Name)); break;
                case SensorKind.LaneOffset: vector.Add(new LaneOffsetSensor(s.Name)); break;
                case SensorKind.HeadingError: vector.Add(new HeadingErrorSensor(s.Name)); break;
                case SensorKind.CurvaturePreview: vector.Add(new CurvaturePreviewSensor(s.Name, s.Distances)); break;
                case SensorKind.Rays: vector.Add(new RaySensor(s.Name, s.RayCount, s.RayFovDegrees, s.RayRange)); break;
                case SensorKind.Controls: vector.Add(new ControlsSensor(s.Name)); break;
                case SensorKind.Camera: cameras.Add(s); break;
                default: throw new ArgumentOutOfRangeException(nameof(ego), s.Kind, "unknown sensor kind");
            }
        }
        return new ObservationLayout([.. vector], cameras.ToImmutable());
    }

    public void Write(EgoAgent ego, DrivingContext ctx, Span<float> vector)
    {
        if (vector.Length < VectorSize)
        {
            throw new ArgumentException($"observation buffer holds {vector.Length} floats; the layout needs {VectorSize}", nameof(vector));
        }
        int offset = 0;
        foreach (var s in _sensors)
        {
            s.Observe(ego, ctx, vector.Slice(offset, s.Size));
            offset += s.Size;
        }
    }
}
