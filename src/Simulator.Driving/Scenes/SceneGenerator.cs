using System.Collections.Immutable;
using System.Globalization;
using Simulator.Core;
using Simulator.Driving.Runtime;

namespace Simulator.Driving.Scenes;

/// <summary>Difficulty knobs of a generated scene.</summary>
public sealed record SceneGeneratorOptions
{
    public double Length { get; init; } = 900;
    /// <summary>0 gentle … 1 technical.</summary>
    public double Curviness { get; init; } = 0.5;
    public double MinRadius { get; init; } = 20;
    public int Lanes { get; init; } = 2;
    public double LaneWidth { get; init; } = 3.75;
    /// <summary>Static obstacles (cones, barrier blocks) per kilometre, placed inside a lane.</summary>
    public double ObstacleDensity { get; init; }
    /// <summary>NPC vehicles per kilometre.</summary>
    public double TrafficDensity { get; init; }
    /// <summary>Crosswalks per kilometre, each with two walkers who cross when the gap is safe (<see cref="Traffic.PedestrianWalker"/>).</summary>
    public double CrosswalkDensity { get; init; }
    /// <summary>Seconds of approaching traffic the crosswalks' walkers leave before stepping out (<see cref="CrosswalkSpec.Gap"/>).</summary>
    public double WalkerGap { get; init; } = Traffic.PedestrianWalker.DefaultGap;
    /// <summary>Sensors of the ego; the default vector set when empty.</summary>
    public ImmutableArray<SensorSpec> EgoSensors { get; init; } = [];
    public double TimeLimit { get; init; } = 240;
    /// <summary>The ego's speed limit (m/s).</summary>
    public double MaxSpeed { get; init; } = 28;
    /// <summary>The autopilot's cruise speed on the ego (m/s; 0: <see cref="MaxSpeed"/>): a teacher slower than the car.</summary>
    public double AutopilotSpeed { get; init; }
    /// <summary>Start each episode at a random place on the track (demonstrations cover the whole lap).</summary>
    public bool RandomSpawn { get; init; }

    public void Validate()
    {
        static void Check(bool ok, string option, string problem)
        {
            if (!ok)
            {
                throw new SimInputException(problem, path: option);
            }
        }
        Check(Length is >= 300 and <= 20_000, "--length", $"length {Length} m is out of range [300, 20000]");
        Check(Curviness is >= 0 and <= 1, "--curviness", $"curviness {Curviness} is out of range [0, 1]");
        Check(MinRadius is >= 8 and <= 1000, "--min-radius", $"min radius {MinRadius} m is out of range [8, 1000]");
        Check(Lanes is >= 1 and <= 4, "--lanes", $"lane count {Lanes} is out of range [1, 4]");
        Check(LaneWidth is >= 2.5 and <= 6, "--lane-width", $"lane width {LaneWidth} m is out of range [2.5, 6]");
        Check(ObstacleDensity is >= 0 and <= 20, "--obstacles", $"obstacle density {ObstacleDensity}/km is out of range [0, 20]");
        Check(TrafficDensity is >= 0 and <= 20, "--traffic", $"traffic density {TrafficDensity}/km is out of range [0, 20]");
        Check(CrosswalkDensity is >= 0 and <= 10, "--crosswalks", $"crosswalk density {CrosswalkDensity}/km is out of range [0, 10]");
        Check(WalkerGap is >= 0 and <= Traffic.PedestrianWalker.MaxGap, "--walker-gap", $"walker gap {WalkerGap} s is out of range [0, {Traffic.PedestrianWalker.MaxGap}]");
        Check(MaxSpeed is >= 1 and <= 90, "--max-speed", $"max speed {MaxSpeed} m/s is out of range [1, 90]");
        Check(AutopilotSpeed is >= 0 and <= 90, "--autopilot-speed", $"autopilot speed {AutopilotSpeed} m/s is out of range [0, 90]");
        Check(TimeLimit is >= 1 and <= 86_400, "--time-limit", $"time limit {TimeLimit} s is out of range [1, 86400]");
    }
}

/// <summary>
/// Makes complete scenes from a seed: a generated closed track plus obstacles and traffic at the requested
/// densities, spaced so that every obstacle leaves a free lateral path and nothing starts near the spawn point.
/// The result is a <see cref="SceneDescription"/> built directly; <see cref="SceneWriter"/> turns it into scene JSON
/// (so it can be saved, edited and validated like any hand-authored scene).
/// </summary>
public static class SceneGenerator
{
    public static SceneDescription Describe(ulong seed, SceneGeneratorOptions o, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(o);
        o.Validate();
        var trackOnly = TrackOnly(seed, o, name);
        double length = SceneCompiler.Compile(trackOnly).Track.Length;
        var rng = Rng.Create(seed, RngStream.Spawn);
        var props = PlaceObstacles(rng, o, length);
        var traffic = PlaceTraffic(rng, o, length);
        // Drawn last, so that a scene without crosswalks is the same as before they existed.
        var crosswalks = PlaceCrosswalks(rng, o, length, props);
        return trackOnly with { Props = props, Traffic = traffic, Crosswalks = crosswalks };
    }

    public static CompiledScene Generate(ulong seed, SceneGeneratorOptions o, string? name = null) => SceneCompiler.Compile(Describe(seed, o, name));

    private static ImmutableArray<PropSpec> PlaceObstacles(Rng rng, SceneGeneratorOptions o, double length)
    {
        int count = (int)Math.Round(o.ObstacleDensity * length / 1000);
        var items = ImmutableArray.CreateBuilder<PropSpec>();
        double spacing = length / Math.Max(count, 1);
        for (int i = 0; i < count; i++)
        {
            double s = 60 + (length - 120) * (i + rng.Range(0.2, 0.8)) / count;
            if (spacing < 40 && i % 2 == 1)
            {
                continue;
            }
            // One lane blocked at a time: on a single lane, only one side of it, leaving room to pass.
            double lateral = o.Lanes == 1
                ? (rng.Chance(0.5) ? 1 : -1) * (0.5 * o.LaneWidth - 0.4)
                : (rng.NextInt(o.Lanes) + 0.5) * o.LaneWidth - 0.5 * o.Lanes * o.LaneWidth;
            var kind = rng.Chance(0.7) ? PropKind.Cone : PropKind.Barrier;
            items.Add(new PropSpec(kind, Math.Round(s, 1), Math.Round(lateral, 2), 0, $"$.props[{items.Count}]"));
        }
        return items.ToImmutable();
    }

    private static ImmutableArray<TrafficSpec> PlaceTraffic(Rng rng, SceneGeneratorOptions o, double length)
    {
        int count = (int)Math.Round(o.TrafficDensity * length / 1000);
        var items = ImmutableArray.CreateBuilder<TrafficSpec>(count);
        for (int i = 0; i < count; i++)
        {
            double s = 50 + (length - 100) * (i + 0.5) / Math.Max(count, 1);
            int lane = o.Lanes == 1 ? 0 : rng.NextInt(o.Lanes);
            double speed = rng.Range(7, 13);
            items.Add(new TrafficSpec(Math.Round(s, 1), lane, TrafficBehaviour.Idm, Math.Round(speed, 1), 1.5, 3, $"$.traffic[{i}]"));
        }
        return items.ToImmutable();
    }

    /// <summary>Evenly spread crosswalks, kept 25 m from every obstacle and from the start line.</summary>
    private static ImmutableArray<CrosswalkSpec> PlaceCrosswalks(Rng rng, SceneGeneratorOptions o, double length, ImmutableArray<PropSpec> props)
    {
        int count = (int)Math.Round(o.CrosswalkDensity * length / 1000);
        var items = ImmutableArray.CreateBuilder<CrosswalkSpec>(count);
        for (int i = 0; i < count; i++)
        {
            double s = 80 + (length - 160) * (i + rng.Range(0.2, 0.8)) / count;
            bool clear = true;
            foreach (var p in props)
            {
                double d = Math.Abs(p.S - s);
                clear &= Math.Min(d, length - d) >= 25;
            }
            if (clear)
            {
                items.Add(new CrosswalkSpec(Math.Round(s, 1), 4, 2, Math.Round(rng.Range(1.1, 1.6), 2), 2, 8, $"$.crosswalks[{items.Count}]")
                {
                    Gap = o.WalkerGap,
                });
            }
        }
        return items.ToImmutable();
    }

    private static SceneDescription TrackOnly(ulong seed, SceneGeneratorOptions o, string? name) => new()
    {
        Name = name ?? $"generated-{seed}",
        Description = string.Create(CultureInfo.InvariantCulture,
            $"Generated from seed {seed}: length {o.Length} m, curviness {o.Curviness}, {o.ObstacleDensity} obstacles/km, {o.TrafficDensity} vehicles/km{(o.CrosswalkDensity > 0 ? $", {o.CrosswalkDensity} crosswalks/km" : "")}."),
        Track = new TrackSpec { Generator = new GeneratorSpec { Seed = seed, Length = o.Length, Curviness = o.Curviness, MinRadius = o.MinRadius } },
        Lanes = new LaneSpec { Count = o.Lanes, Width = o.LaneWidth },
        Egos = [new EgoSpec { Name = "ego", MaxSpeed = o.MaxSpeed, AutopilotSpeed = o.AutopilotSpeed, Sensors = o.EgoSensors.IsDefault ? [] : o.EgoSensors, Path = "$.egos[0]" }],
        SpawnPoints = [new SpawnPointSpec(0, 0)],
        Randomization = new RandomizationSpec { RandomSpawnS = o.RandomSpawn },
        Episode = new EpisodeSpec { TimeLimit = o.TimeLimit, Laps = 1 },
    };
}
