using System.Collections.Immutable;
using Simulator.Core;
using Simulator.Driving.Scenes;
using Simulator.Tracks;

namespace Simulator.Driving.Runtime;

/// <summary>A prop resolved to a world pose with its footprint (half extents along its own x and y).</summary>
public readonly record struct PropPlacement(PropKind Kind, Pose2 Pose, Vec2 HalfExtents, double S, double Lateral, double Height);

/// <summary>
/// A scene description with its geometry built and checked: the immutable, shareable part of an environment
/// (many worlds read one compiled scene).
/// </summary>
public sealed class CompiledScene
{
    internal CompiledScene(SceneDescription description, Track track, ImmutableArray<PropPlacement> props)
    {
        Description = description;
        Track = track;
        Props = props;
        _edges = new Lazy<Sensors.EdgeRaycaster>(() => new Sensors.EdgeRaycaster(track), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private readonly Lazy<Sensors.EdgeRaycaster> _edges;

    /// <summary>Road-edge ray caster for ray sensors, built on first use and shared by all envs.</summary>
    public Sensors.EdgeRaycaster Edges => _edges.Value;

    public SceneDescription Description { get; }
    public Track Track { get; }
    public ImmutableArray<PropPlacement> Props { get; }
    public string Name => Description.Name;
    public double FixedDeltaTime => 1.0 / Description.Physics.Hz;

    /// <summary>Footprint half extents (x along heading, y across) and height of each prop kind, in metres.</summary>
    public static (Vec2 Half, double Height) Footprint(PropKind kind) => kind switch
    {
        PropKind.Cone => (new Vec2(0.2, 0.2), 0.7),
        PropKind.Barrier => (new Vec2(1.0, 0.3), 0.9),
        PropKind.ParkedCar => (new Vec2(2.2, 0.9), 1.5),
        PropKind.Sign => (new Vec2(0.15, 0.15), 2.5),
        PropKind.Pedestrian => (new Vec2(0.25, 0.25), 1.75),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
