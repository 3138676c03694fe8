using System.Collections.Immutable;
using System.Text.Json;
using Simulator.Core;

namespace Simulator.Driving.Scenes;

/// <summary>
/// Parses scene JSON into a <see cref="SceneDescription"/>, rejecting bad input with one message that names the
/// file, the JSON path and the problem. Geometric checks of the track (curvature, self-intersection) happen when the
/// scene is compiled (<see cref="SceneCompiler"/>), which reports through the same exception type.
/// </summary>
public static partial class SceneLoader
{
    public const long MaxFileBytes = 8 << 20;

    public static SceneDescription LoadFile(string path)
    {
        if (!System.IO.File.Exists(path))
        {
            throw new SimInputException("scene file not found", path, hint: "see 'sim scenes list' for the shipped scenes");
        }
        var info = new FileInfo(path);
        if (info.Length > MaxFileBytes)
        {
            throw new SimInputException($"scene file is {info.Length} bytes; the limit is {MaxFileBytes}", path);
        }
        string text;
        try
        {
            text = System.IO.File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SimInputException("cannot read the scene file", path, hint: "check that it is a readable file", inner: e);
        }
        return Parse(text, path);
    }

    public static SceneDescription Parse(string json, string? file = null)
    {
        string source = file ?? "<scene>";
        using var doc = JsonFieldReader.Parse(json, source, out var lines, "a scene is a JSON object with at least 'name', 'track' and 'egos'");
        return ReadScene(JsonFieldReader.Object(doc.RootElement, "$", source, lines), file);
    }

    private static SceneDescription ReadScene(JsonFieldReader r, string? file)
    {
        r.RejectUnknown("name", "description", "track", "lanes", "surface", "physics", "props", "crosswalks", "traffic",
            "egos", "spawnPoints", "lighting", "weather", "randomization", "episode", "reward", "components");
        var lanes = ReadLanes(r.OptObj("lanes"));
        var spawnPoints = ReadSpawnPoints(r, lanes);
        var egos = ReadEgos(r, spawnPoints.Length);
        var scene = new SceneDescription
        {
            Name = r.String("name"),
            Description = r.OptString("description") ?? "",
            SourceFile = file,
            Track = ReadTrack(r.Obj("track")),
            Lanes = lanes,
            Friction = r.OptObj("surface") is { } surface ? ReadSurface(surface) : 1.0,
            Physics = ReadPhysics(r.OptObj("physics")),
            Props = ReadProps(r, lanes),
            Crosswalks = ReadCrosswalks(r),
            Traffic = ReadTraffic(r, lanes),
            Egos = egos,
            SpawnPoints = spawnPoints,
            Lighting = ReadLighting(r.OptObj("lighting")),
            Weather = ReadWeather(r.OptObj("weather")),
            Randomization = ReadRandomization(r.OptObj("randomization")),
            Episode = ReadEpisode(r.OptObj("episode")),
            Reward = ReadReward(r.OptObj("reward")),
            Components = ReadComponents(r, egos),
        };
        return scene;
    }

    private static TrackSpec ReadTrack(JsonFieldReader r)
    {
        r.RejectUnknown("controlPoints", "generator", "allowCrossings");
        bool hasPoints = r.Has("controlPoints");
        bool hasGenerator = r.Has("generator");
        if (hasPoints == hasGenerator)
        {
            throw r.Error(hasPoints ? "give either 'controlPoints' or 'generator', not both" : "missing 'controlPoints' or 'generator'",
                hint: "a track is hand-authored control points [[x,y],...] or a procedural generator {seed, length, curviness, minRadius}");
        }
        var points = ImmutableArray<Vec2>.Empty;
        if (r.ArrayOf("controlPoints") is { } arr)
        {
            var b = ImmutableArray.CreateBuilder<Vec2>(arr.GetArrayLength());
            int i = 0;
            foreach (var p in arr.EnumerateArray())
            {
                b.Add(r.ReadVec2(p, $"{r.Child("controlPoints")}[{i++}]"));
            }
            if (b.Count < 4)
            {
                throw r.Error($"a closed track needs at least 4 control points, found {b.Count}", "controlPoints");
            }
            points = b.ToImmutable();
        }
        GeneratorSpec? generator = null;
        if (r.OptObj("generator") is { } g)
        {
            g.RejectUnknown("seed", "length", "curviness", "minRadius");
            generator = new GeneratorSpec
            {
                Seed = g.Seed("seed", 0),
                Length = g.Number("length", 800, 200, 20_000),
                Curviness = g.Number("curviness", 0.5, 0, 1),
                MinRadius = g.Number("minRadius", 20, 8, 1000),
            };
        }
        return new TrackSpec { ControlPoints = points, Generator = generator, AllowCrossings = r.Bool("allowCrossings", false) };
    }

    private static LaneSpec ReadLanes(JsonFieldReader? r)
    {
        if (r is not { } l)
        {
            return new LaneSpec();
        }
        l.RejectUnknown("count", "width", "edgeMarking", "dividerMarking", "shoulder", "kerb", "barrierOffset");
        return new LaneSpec
        {
            Count = l.Int("count", 1, 1, 4),
            Width = l.Number("width", 4.0, 2.5, 6.0),
            EdgeMarking = l.Enum("edgeMarking", MarkingStyle.Solid),
            DividerMarking = l.Enum("dividerMarking", MarkingStyle.Dashed),
            Shoulder = l.Number("shoulder", 1.0, 0, 10),
            Kerb = l.Number("kerb", 0.5, 0, 2),
            BarrierOffset = l.Number("barrierOffset", 3.0, 0, 50),
        };
    }

    private static double ReadSurface(JsonFieldReader r)
    {
        r.RejectUnknown("friction");
        return r.Number("friction", 1.0, 0.05, 1.5);
    }

    private static PhysicsSpec ReadPhysics(JsonFieldReader? r)
    {
        if (r is not { } p)
        {
            return new PhysicsSpec();
        }
        p.RejectUnknown("hz", "vehicleModel");
        return new PhysicsSpec { Hz = p.Int("hz", 60, 20, 1000), VehicleModel = p.Enum("vehicleModel", VehicleModelChoice.Dynamic) };
    }
}
