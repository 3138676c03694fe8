using System.Collections.Immutable;
using Simulator.Core;
using Simulator.Driving.Runtime;
using Simulator.Driving.Scenes;

namespace Simulator.Perception.Dataset;

/// <summary>
/// The generated scenes of a perception dataset: <see cref="SceneGenerator"/> tracks (obstacles and traffic on) whose
/// knobs (length, curviness, lanes, lane width) are drawn from the track seed, with roadside signs and standing
/// pedestrians added (the generator places neither), a per-track look (ambient light, fog) and per-episode domain
/// randomisation ranges (sun, colour tints, camera jitter, image noise, spawn place and lateral offset).
/// </summary>
public static class PerceptionScenes
{
    /// <summary>The scene of track seed <paramref name="seed"/>.</summary>
    public static SceneDescription Describe(ulong seed, PerceptionDatasetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rng = Rng.Create(seed, RngStream.Custom, 12);
        int lanes = rng.Range(1, 4);
        var generator = new SceneGeneratorOptions
        {
            Length = Math.Round(rng.Range(700.0, 1200.0)),
            Curviness = Math.Round(rng.Range(0.2, 0.8), 2),
            MinRadius = 22,
            Lanes = lanes,
            LaneWidth = Math.Round(rng.Range(3.2, 4.0), 2),
            ObstacleDensity = options.Obstacles,
            TrafficDensity = options.Traffic,
            RandomSpawn = true,
            TimeLimit = 600,
        };
        var scene = SceneGenerator.Describe(seed, generator, $"perception-{seed}");
        double length = SceneCompiler.Compile(scene with { Props = [], Traffic = [] }).Track.Length;
        double half = 0.5 * generator.Lanes * generator.LaneWidth;
        var props = scene.Props.ToBuilder();
        AddRoadside(props, rng, PropKind.Sign, options.Signs, length, half + 1.2, half + 2.4);
        AddRoadside(props, rng, PropKind.Pedestrian, options.Pedestrians, length, half + 0.8, half + 2.4);
        return scene with
        {
            Props = props.ToImmutable(),
            Lanes = scene.Lanes with { DividerMarking = rng.Chance(0.8) ? MarkingStyle.Dashed : MarkingStyle.Solid },
            Lighting = new LightingSpec { Ambient = Math.Round(rng.Range(0.25, 0.45), 3) },
            Weather = new WeatherSpec { FogDensity = rng.Chance(0.3) ? Math.Round(rng.Range(0.002, 0.012), 4) : 0 },
            Randomization = new RandomizationSpec
            {
                SunElevationDegrees = (15, 75),
                SunAzimuthDegrees = (0, 360),
                SunIntensity = (0.6, 1.2),
                ColorJitter = (0, 0.25),
                CameraJitter = (0, 0.3),
                ImageNoise = (0, 0.02),
                SpawnLateral = (-0.6, 0.6),
                RandomSpawnS = true,
            },
        };
    }

    /// <summary>Props beside the road (either side) at <paramref name="perKm"/>, laterally in [min, max] metres from
    /// the centreline, off the lanes so the autopilot never has to avoid them.</summary>
    private static void AddRoadside(ImmutableArray<PropSpec>.Builder props, Rng rng, PropKind kind, double perKm, double length, double min, double max)
    {
        int count = (int)Math.Round(perKm * length / 1000);
        for (int i = 0; i < count; i++)
        {
            double s = Math.Round(40 + (length - 80) * (i + rng.Range(0.1, 0.9)) / count, 1);
            double side = rng.Chance(0.5) ? 1 : -1;
            double lateral = Math.Round(side * rng.Range(min, max), 2);
            // Sign plates face +x of their mesh: turned to face the oncoming ego.
            double heading = kind == PropKind.Sign ? Math.PI + rng.Range(-0.3, 0.3) : rng.Range(-Math.PI, Math.PI);
            props.Add(new PropSpec(kind, s, lateral, Math.Round(heading, 3), $"$.props[{props.Count}]"));
        }
    }
}
