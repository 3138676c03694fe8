using System.Collections.Immutable;
using Simulator.Core;

namespace Simulator.Driving.Scenes;

/// <summary>
/// A parsed, validated scene file (schema: scenes/scene.schema.json). Immutable; one description can build many
/// worlds (one per environment). Positions along the road are given as arc length <c>s</c> (metres from the start
/// line) and lateral offset (metres, + left of the driving direction) or lane index (0 = rightmost).
/// </summary>
public sealed record SceneDescription
{
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public string? SourceFile { get; init; }
    public required TrackSpec Track { get; init; }
    public required LaneSpec Lanes { get; init; }
    public double Friction { get; init; } = 1.0;
    public PhysicsSpec Physics { get; init; } = new();
    public ImmutableArray<PropSpec> Props { get; init; } = [];
    public ImmutableArray<CrosswalkSpec> Crosswalks { get; init; } = [];
    public ImmutableArray<TrafficSpec> Traffic { get; init; } = [];
    public ImmutableArray<EgoSpec> Egos { get; init; } = [];
    public ImmutableArray<SpawnPointSpec> SpawnPoints { get; init; } = [];
    public LightingSpec Lighting { get; init; } = new();
    public WeatherSpec Weather { get; init; } = new();
    public RandomizationSpec Randomization { get; init; } = new();
    public EpisodeSpec Episode { get; init; } = new();
    public RewardSpec Reward { get; init; } = new();
    public ImmutableArray<CustomComponentSpec> Components { get; init; } = [];
}

/// <summary>Hand-authored control points, or a procedural generator with seed and knobs (exactly one).</summary>
public sealed record TrackSpec
{
    public ImmutableArray<Vec2> ControlPoints { get; init; } = [];
    public GeneratorSpec? Generator { get; init; }
    public bool AllowCrossings { get; init; }
}

public sealed record GeneratorSpec
{
    public ulong Seed { get; init; }
    public double Length { get; init; } = 800;
    /// <summary>0 gentle … 1 technical: number of control points and their radial jitter.</summary>
    public double Curviness { get; init; } = 0.5;
    public double MinRadius { get; init; } = 20;
}

public sealed record LaneSpec
{
    public int Count { get; init; } = 1;
    public double Width { get; init; } = 4.0;
    public MarkingStyle EdgeMarking { get; init; } = MarkingStyle.Solid;
    public MarkingStyle DividerMarking { get; init; } = MarkingStyle.Dashed;
    public double Shoulder { get; init; } = 1.0;
    public double Kerb { get; init; } = 0.5;
    /// <summary>Distance from the road edge to the barrier; 0 means no barrier.</summary>
    public double BarrierOffset { get; init; } = 3.0;
    public double HalfWidth => Count * Width / 2;
}

public enum MarkingStyle { None, Solid, Dashed }

public sealed record PhysicsSpec
{
    public int Hz { get; init; } = 60;
    public VehicleModelChoice VehicleModel { get; init; } = VehicleModelChoice.Dynamic;
}

public enum VehicleModelChoice { Dynamic, Kinematic }

public enum PropKind { Cone, Barrier, ParkedCar, Sign, Pedestrian }

/// <summary>A static prop placed relative to the road. Pedestrian props stand still (walkers use crosswalks).</summary>
public sealed record PropSpec(PropKind Kind, double S, double Lateral, double HeadingOffset, string Path);

/// <summary>A pedestrian crossing at <c>S</c>: walkers cross the road there, traffic and the autopilot yield.</summary>
public sealed record CrosswalkSpec(double S, double Width, int Pedestrians, double WalkSpeed, double WaitMin, double WaitMax, string Path)
{
    /// <summary>Seconds of approaching traffic a walker leaves before stepping out (<see cref="Traffic.PedestrianWalker.Gap"/>);
    /// below the default of 4, walkers step out in front of cars that must then brake for them.</summary>
    public double Gap { get; init; } = Traffic.PedestrianWalker.DefaultGap;
}

public enum TrafficBehaviour { Idm, Parked }

public sealed record TrafficSpec(double S, int Lane, TrafficBehaviour Behaviour, double DesiredSpeed, double TimeHeadway, double MinGap, string Path);

public sealed record SpawnPointSpec(double S, int Lane);

public sealed record EgoSpec
{
    public required string Name { get; init; }
    /// <summary>Index into <see cref="SceneDescription.SpawnPoints"/>; the first if the scene has one.</summary>
    public int SpawnPoint { get; init; }
    /// <summary>Speed limiter (m/s): drive force fades out within 1 m/s of it; also scales the speed reward.</summary>
    public double MaxSpeed { get; init; } = 30;
    /// <summary>
    /// The autopilot's cruise speed when it drives this ego (m/s); 0: the speed limiter. Lower than the limiter, it
    /// makes a teacher slower than the car can go, for agents that should learn to beat it.
    /// </summary>
    public double AutopilotSpeed { get; init; }
    /// <summary>The speed the autopilot plans up to: <see cref="AutopilotSpeed"/> when set, capped by <see cref="MaxSpeed"/>.</summary>
    public double AutopilotCruise => AutopilotSpeed > 0 ? Math.Min(AutopilotSpeed, MaxSpeed) : MaxSpeed;
    public ImmutableArray<SensorSpec> Sensors { get; init; } = [];
    public required string Path { get; init; }
}

public enum SensorKind { Speed, LaneOffset, HeadingError, CurvaturePreview, Rays, Camera, Controls }

public sealed record SensorSpec
{
    public required SensorKind Kind { get; init; }
    public required string Name { get; init; }
    /// <summary>Preview distances in metres (CurvaturePreview).</summary>
    public ImmutableArray<double> Distances { get; init; } = [];
    public int RayCount { get; init; } = 9;
    public double RayFovDegrees { get; init; } = 180;
    public double RayRange { get; init; } = 50;
    public CameraSpec? Camera { get; init; }
    public required string Path { get; init; }
}

public sealed record CameraSpec
{
    public int Width { get; init; } = 84;
    public int Height { get; init; } = 84;
    public double FovDegrees { get; init; } = 90;
    /// <summary>Mount in the vehicle frame: x forward, y left, z up (metres), pitch/yaw/roll in degrees.</summary>
    public double X { get; init; } = 1.0;
    public double Y { get; init; }
    public double Z { get; init; } = 1.4;
    public double Pitch { get; init; } = -8;
    public double Yaw { get; init; }
    public double Roll { get; init; }
    public bool Depth { get; init; }
    public bool Segmentation { get; init; }
}

public sealed record LightingSpec
{
    public double SunAzimuthDegrees { get; init; } = 35;
    public double SunElevationDegrees { get; init; } = 50;
    public double SunIntensity { get; init; } = 1.0;
    public double Ambient { get; init; } = 0.35;
}

public sealed record WeatherSpec
{
    public double FogDensity { get; init; }
    /// <summary>Wet-road factor 0..1: scales surface friction down by up to 40%.</summary>
    public double Wetness { get; init; }
}

/// <summary>Per-episode domain randomisation ranges; absent ranges keep the scene's value.</summary>
public sealed record RandomizationSpec
{
    public (double Min, double Max)? Friction { get; init; }
    public (double Min, double Max)? TrafficSpeedScale { get; init; }
    public (double Min, double Max)? SunElevationDegrees { get; init; }
    public (double Min, double Max)? SunAzimuthDegrees { get; init; }
    public (double Min, double Max)? SunIntensity { get; init; }
    public (double Min, double Max)? ColorJitter { get; init; }
    public (double Min, double Max)? CameraJitter { get; init; }
    public (double Min, double Max)? ImageNoise { get; init; }
    public (double Min, double Max)? SpawnLateral { get; init; }
    public bool RandomSpawnS { get; init; }
}

public sealed record EpisodeSpec
{
    /// <summary>Seconds of simulated time before the episode is truncated.</summary>
    public double TimeLimit { get; init; } = 180;
    /// <summary>Laps that end the episode successfully (0 = run until the time limit).</summary>
    public int Laps { get; init; } = 1;
    /// <summary>Metres beyond the road edge tolerated before the episode ends as off-road.</summary>
    public double OffRoadMargin { get; init; } = 1.0;
    /// <summary>Seconds below 0.5 m/s (after the first 3 s) that end the episode as stalled.</summary>
    public double StallTime { get; init; } = 8;
}

/// <summary>Weights of the reward terms; every term is also reported unweighted in the step info.</summary>
public sealed record RewardSpec
{
    public double Progress { get; init; } = 0.1;
    public double Speed { get; init; }
    public double Centering { get; init; } = 0.02;
    public double OffRoad { get; init; } = 5;
    public double Collision { get; init; } = 5;
    public double Smoothness { get; init; } = 0.01;
    /// <summary>Weight of failing to yield to a walker (<see cref="Env.RewardTerms.Yield"/>); 0 by default: only reported.</summary>
    public double Yield { get; init; }
}

/// <summary>
/// A host-registered component attached to an entity by name (the plugin use case). <c>Config</c> is the entry's
/// settings: <c>type</c> and the component's own fields, without <c>entity</c>.
/// </summary>
public sealed record CustomComponentSpec(string Entity, string Type, System.Text.Json.JsonElement Config, string Path, JsonLineMap? Lines = null);
