using System.Buffers;
using System.Collections.Immutable;
using System.Text.Json;
using Simulator.Core;
using Simulator.Driving.Traffic;

namespace Simulator.Driving.Scenes;

public static partial class SceneLoader
{
    private const double MaxS = 1e6;

    private static ImmutableArray<SpawnPointSpec> ReadSpawnPoints(JsonFieldReader r, LaneSpec lanes)
    {
        var b = ImmutableArray.CreateBuilder<SpawnPointSpec>();
        foreach (var p in r.Array("spawnPoints"))
        {
            p.RejectUnknown("s", "lane");
            b.Add(new SpawnPointSpec(p.Number("s", 0, MaxS), ReadLane(p, lanes)));
        }
        if (b.Count == 0)
        {
            b.Add(new SpawnPointSpec(0, 0));
        }
        return b.ToImmutable();
    }

    private static int ReadLane(JsonFieldReader r, LaneSpec lanes)
    {
        if (!r.Has("lane"))
        {
            return 0;
        }
        int lane = r.Int("lane", 0, 0, 64);
        if (lane >= lanes.Count)
        {
            throw r.Error($"lane {lane} does not exist: the road has {lanes.Count} lane(s), numbered 0 (rightmost) to {lanes.Count - 1}", "lane");
        }
        return lane;
    }

    private static ImmutableArray<EgoSpec> ReadEgos(JsonFieldReader r, int spawnPointCount)
    {
        var b = ImmutableArray.CreateBuilder<EgoSpec>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in r.Array("egos", required: true))
        {
            e.RejectUnknown("name", "spawnPoint", "maxSpeed", "autopilotSpeed", "sensors");
            string name = e.String("name");
            if (!names.Add(name))
            {
                throw e.Error($"duplicate ego name '{name}'", "name");
            }
            int spawn = e.Int("spawnPoint", 0, 0, 1000);
            if (spawn >= spawnPointCount)
            {
                throw e.Error($"spawn point {spawn} does not exist: the scene has {spawnPointCount}", "spawnPoint");
            }
            b.Add(new EgoSpec
            {
                Name = name,
                SpawnPoint = spawn,
                MaxSpeed = e.Number("maxSpeed", 30, 1, 90),
                AutopilotSpeed = e.Number("autopilotSpeed", 0, 0, 90),
                Sensors = ReadSensors(e),
                Path = e.Path,
            });
        }
        if (b.Count == 0)
        {
            throw r.Error("the scene has no ego vehicle", "egos", hint: "add at least one entry to 'egos'");
        }
        return b.ToImmutable();
    }

    /// <summary>Parses a sensor list (the JSON of an ego's "sensors" array), e.g. the sensors a trained model was made for.</summary>
    public static ImmutableArray<SensorSpec> ParseSensors(string json, string? file = null)
    {
        string source = file ?? "<sensors>";
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse("{ \"sensors\": " + json + " }", JsonFieldReader.DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new SimInputException("invalid sensor list: " + JsonFieldReader.SyntaxError(e, null).Problem, source, "$.sensors", inner: e);
        }
        using (doc)
        {
            return ReadSensors(JsonFieldReader.Object(doc.RootElement, "$", source));
        }
    }

    /// <summary>Reads a sensor list already parsed (the "sensors" field of <paramref name="owner"/>), with its file and lines.</summary>
    public static ImmutableArray<SensorSpec> ReadSensorList(JsonFieldReader owner) => ReadSensors(owner);

    /// <summary>The scene with its first ego's sensors replaced.</summary>
    public static SceneDescription WithEgoSensors(SceneDescription scene, ImmutableArray<SensorSpec> sensors) =>
        scene with { Egos = scene.Egos.SetItem(0, scene.Egos[0] with { Sensors = sensors }) };

    private static ImmutableArray<SensorSpec> ReadSensors(JsonFieldReader e)
    {
        var b = ImmutableArray.CreateBuilder<SensorSpec>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in e.Array("sensors"))
        {
            var kind = s.Enum("type", SensorKind.Speed);
            if (!s.Has("type"))
            {
                throw s.Error("missing required string 'type'", "type", hint: "allowed: " + string.Join(", ", Enum.GetNames<SensorKind>()));
            }
            string name = s.OptString("name") ?? char.ToLowerInvariant(kind.ToString()[0]) + kind.ToString()[1..];
            if (!names.Add(name))
            {
                throw s.Error($"duplicate sensor name '{name}'", "name", hint: "give each sensor of a vehicle its own 'name'");
            }
            b.Add(kind switch
            {
                SensorKind.CurvaturePreview => ReadPreview(s, name),
                SensorKind.Rays => ReadRays(s, name),
                SensorKind.Camera => ReadCamera(s, name),
                _ => ReadPlain(s, kind, name),
            });
        }
        return b.ToImmutable();
    }

    private static SensorSpec ReadPlain(JsonFieldReader s, SensorKind kind, string name)
    {
        s.RejectUnknown("type", "name");
        return new SensorSpec { Kind = kind, Name = name, Path = s.Path };
    }

    private static SensorSpec ReadPreview(JsonFieldReader s, string name)
    {
        s.RejectUnknown("type", "name", "distances");
        var d = ImmutableArray.Create(5.0, 10, 20, 35, 50);
        if (s.ArrayOf("distances") is { } arr)
        {
            var b = ImmutableArray.CreateBuilder<double>();
            int i = 0;
            foreach (var v in arr.EnumerateArray())
            {
                b.Add(s.ReadNumber(v, $"{s.Child("distances")}[{i++}]", 0, 500));
            }
            if (b.Count is 0 or > 64)
            {
                throw s.Error($"'distances' needs 1 to 64 entries, found {b.Count}", "distances");
            }
            d = b.ToImmutable();
        }
        return new SensorSpec { Kind = SensorKind.CurvaturePreview, Name = name, Distances = d, Path = s.Path };
    }

    private static SensorSpec ReadRays(JsonFieldReader s, string name)
    {
        s.RejectUnknown("type", "name", "count", "fov", "range");
        return new SensorSpec
        {
            Kind = SensorKind.Rays,
            Name = name,
            RayCount = s.Int("count", 9, 1, 180),
            RayFovDegrees = s.Number("fov", 180, 1, 360),
            RayRange = s.Number("range", 50, 1, 500),
            Path = s.Path,
        };
    }

    private static SensorSpec ReadCamera(JsonFieldReader s, string name)
    {
        s.RejectUnknown("type", "name", "width", "height", "fov", "mount", "depth", "segmentation");
        var cam = new CameraSpec
        {
            Width = s.Int("width", 84, 16, 1920),
            Height = s.Int("height", 84, 16, 1080),
            FovDegrees = s.Number("fov", 90, 10, 170),
            Depth = s.Bool("depth", false),
            Segmentation = s.Bool("segmentation", false),
        };
        if (s.OptObj("mount") is { } m)
        {
            m.RejectUnknown("x", "y", "z", "pitch", "yaw", "roll");
            cam = cam with
            {
                X = m.Number("x", cam.X, -10, 10),
                Y = m.Number("y", cam.Y, -5, 5),
                Z = m.Number("z", cam.Z, 0.1, 10),
                Pitch = m.Number("pitch", cam.Pitch, -89, 89),
                Yaw = m.Number("yaw", cam.Yaw, -180, 180),
                Roll = m.Number("roll", cam.Roll, -180, 180),
            };
        }
        return new SensorSpec { Kind = SensorKind.Camera, Name = name, Camera = cam, Path = s.Path };
    }

    private static ImmutableArray<PropSpec> ReadProps(JsonFieldReader r, LaneSpec lanes)
    {
        var b = ImmutableArray.CreateBuilder<PropSpec>();
        foreach (var p in r.Array("props"))
        {
            p.RejectUnknown("type", "s", "lateral", "lane", "heading");
            if (!p.Has("type"))
            {
                throw p.Error("missing required string 'type'", "type", hint: "allowed: " + string.Join(", ", Enum.GetNames<PropKind>()));
            }
            var kind = p.Enum("type", PropKind.Cone);
            if (p.Has("lateral") && p.Has("lane"))
            {
                throw p.Error("give either 'lateral' or 'lane', not both");
            }
            double limit = lanes.HalfWidth + lanes.Shoulder + lanes.BarrierOffset + 30;
            double lateral = p.Has("lane")
                ? (ReadLane(p, lanes) + 0.5) * lanes.Width - lanes.HalfWidth
                : p.Number("lateral", 0, -limit, limit);
            b.Add(new PropSpec(kind, p.Number("s", 0, MaxS), lateral, p.Number("heading", 0, -180, 180) * Math.PI / 180, p.Path));
        }
        return b.ToImmutable();
    }

    private static ImmutableArray<CrosswalkSpec> ReadCrosswalks(JsonFieldReader r)
    {
        var b = ImmutableArray.CreateBuilder<CrosswalkSpec>();
        foreach (var c in r.Array("crosswalks"))
        {
            c.RejectUnknown("s", "width", "pedestrians", "walkSpeed", "wait", "gap");
            var wait = c.Range("wait", 0, 600) ?? (4, 12);
            b.Add(new CrosswalkSpec(c.Number("s", 0, MaxS), c.Number("width", 4, 2, 12), c.Int("pedestrians", 1, 0, 8),
                c.Number("walkSpeed", 1.3, 0.3, 3), wait.Min, wait.Max, c.Path)
            {
                Gap = c.Number("gap", PedestrianWalker.DefaultGap, 0, PedestrianWalker.MaxGap),
            });
        }
        return b.ToImmutable();
    }

    private static ImmutableArray<TrafficSpec> ReadTraffic(JsonFieldReader r, LaneSpec lanes)
    {
        var b = ImmutableArray.CreateBuilder<TrafficSpec>();
        foreach (var t in r.Array("traffic"))
        {
            t.RejectUnknown("s", "lane", "behaviour", "desiredSpeed", "timeHeadway", "minGap");
            b.Add(new TrafficSpec(t.Number("s", 0, MaxS), ReadLane(t, lanes), t.Enum("behaviour", TrafficBehaviour.Idm),
                t.Number("desiredSpeed", 12, 0, 60), t.Number("timeHeadway", 1.5, 0.5, 5), t.Number("minGap", 3, 1, 20), t.Path));
        }
        return b.ToImmutable();
    }

    private static ImmutableArray<CustomComponentSpec> ReadComponents(JsonFieldReader r, ImmutableArray<EgoSpec> egos)
    {
        var b = ImmutableArray.CreateBuilder<CustomComponentSpec>();
        foreach (var c in r.Array("components"))
        {
            string entity = c.String("entity");
            string type = c.String("type");
            bool found = false;
            foreach (var e in egos)
            {
                found |= e.Name == entity;
            }
            if (!found)
            {
                throw c.Error($"no ego vehicle named '{entity}'", "entity", hint: "components attach to an ego by its 'name'");
            }
            b.Add(new CustomComponentSpec(entity, type, WithoutEntity(c.Element), c.Path, c.Lines));
        }
        return b.ToImmutable();
    }

    /// <summary>
    /// The component's own settings: the entry minus 'entity', which names where it goes and is no setting of the
    /// component (otherwise a factory that rejects unknown fields, such as Register&lt;T&gt;, refuses every entry).
    /// </summary>
    private static JsonElement WithoutEntity(JsonElement entry)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var p in entry.EnumerateObject())
            {
                if (!p.NameEquals("entity"))
                {
                    p.WriteTo(writer);
                }
            }
            writer.WriteEndObject();
        }
        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        return doc.RootElement.Clone();
    }
}
