using System.Globalization;
using System.Text;
using System.Text.Json;
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
    /// <summary>Sensors of the ego; the default vector set when empty.</summary>
    public string EgoSensorsJson { get; init; } = "";
    public double TimeLimit { get; init; } = 240;
    /// <summary>The ego's speed limit (m/s).</summary>
    public double MaxSpeed { get; init; } = 28;
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
        Check(MaxSpeed is >= 1 and <= 90, "--max-speed", $"max speed {MaxSpeed} m/s is out of range [1, 90]");
    }
}

/// <summary>
/// Makes complete scenes from a seed: a generated closed track plus obstacles and traffic at the requested
/// densities, spaced so that every obstacle leaves a free lateral path and nothing starts near the spawn point.
/// The result is scene JSON (so it can be saved, edited and validated like any hand-authored scene).
/// </summary>
public static class SceneGenerator
{
    public static string GenerateJson(ulong seed, SceneGeneratorOptions o, string? name = null)
    {
        o.Validate();
        var probe = SceneCompiler.Compile(SceneLoader.Parse(TrackOnlyJson(seed, o, name, "[]", "[]")));
        double length = probe.Track.Length;
        var rng = Rng.Create(seed, RngStream.Spawn);
        string props = PlaceObstacles(rng, o, length);
        string traffic = PlaceTraffic(rng, o, length);
        return TrackOnlyJson(seed, o, name, props, traffic);
    }

    public static CompiledScene Generate(ulong seed, SceneGeneratorOptions o, string? name = null) =>
        SceneCompiler.Compile(SceneLoader.Parse(GenerateJson(seed, o, name), $"<generated seed {seed}>"));

    private static string PlaceObstacles(Rng rng, SceneGeneratorOptions o, double length)
    {
        int count = (int)Math.Round(o.ObstacleDensity * length / 1000);
        var items = new List<string>();
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
            string kind = rng.Chance(0.7) ? "cone" : "barrier";
            items.Add(FormattableString.Invariant($"{{ \"type\": \"{kind}\", \"s\": {s:0.0}, \"lateral\": {lateral:0.00}, \"heading\": 0 }}"));
        }
        return "[" + string.Join(", ", items) + "]";
    }

    private static string PlaceTraffic(Rng rng, SceneGeneratorOptions o, double length)
    {
        int count = (int)Math.Round(o.TrafficDensity * length / 1000);
        var items = new List<string>();
        for (int i = 0; i < count; i++)
        {
            double s = 50 + (length - 100) * (i + 0.5) / Math.Max(count, 1);
            int lane = o.Lanes == 1 ? 0 : rng.NextInt(o.Lanes);
            double speed = rng.Range(7, 13);
            items.Add(FormattableString.Invariant($"{{ \"s\": {s:0.0}, \"lane\": {lane}, \"desiredSpeed\": {speed:0.0} }}"));
        }
        return "[" + string.Join(", ", items) + "]";
    }

    private static string TrackOnlyJson(ulong seed, SceneGeneratorOptions o, string? name, string props, string traffic)
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.Append(inv, $"{{\n  \"$schema\": \"./scene.schema.json\",\n  \"name\": {JsonSerializer.Serialize(name ?? $"generated-{seed}")},\n");
        sb.Append(inv, $"  \"description\": \"Generated from seed {seed}: length {o.Length} m, curviness {o.Curviness}, {o.ObstacleDensity} obstacles/km, {o.TrafficDensity} vehicles/km.\",\n");
        sb.Append(inv, $"  \"track\": {{ \"generator\": {{ \"seed\": {seed}, \"length\": {o.Length}, \"curviness\": {o.Curviness}, \"minRadius\": {o.MinRadius} }} }},\n");
        sb.Append(inv, $"  \"lanes\": {{ \"count\": {o.Lanes}, \"width\": {o.LaneWidth} }},\n");
        sb.Append(inv, $"  \"props\": {props},\n  \"traffic\": {traffic},\n");
        string sensors = string.IsNullOrWhiteSpace(o.EgoSensorsJson) ? "" : $", \"sensors\": {o.EgoSensorsJson}";
        sb.Append(inv, $"  \"egos\": [ {{ \"name\": \"ego\", \"maxSpeed\": {o.MaxSpeed}{sensors} }} ],\n");
        if (o.RandomSpawn)
        {
            sb.Append("  \"randomization\": { \"randomSpawnS\": true },\n");
        }
        sb.Append(inv, $"  \"episode\": {{ \"timeLimit\": {o.TimeLimit}, \"laps\": 1 }}\n}}\n");
        return sb.ToString();
    }
}
