using System.Collections.Immutable;
using System.Text;
using System.Text.Json;

namespace Simulator.Driving.Scenes;

/// <summary>
/// Writes a <see cref="SceneDescription"/> as scene JSON (the format <see cref="SceneLoader"/> reads, every setting
/// spelled out), so descriptions built in code (the scene generator) are saved, edited and validated like any
/// hand-authored scene. Reading the text back gives the same description.
/// </summary>
public static partial class SceneWriter
{
    private static readonly JsonWriterOptions s_options = new() { Indented = true };

    public static string Write(SceneDescription scene)
    {
        ArgumentNullException.ThrowIfNull(scene);
        return Render(w => WriteScene(w, scene)) + "\n";
    }

    /// <summary>A sensor list as the JSON of an ego's "sensors" array ("" when empty: the default sensors).</summary>
    public static string WriteSensors(ImmutableArray<SensorSpec> sensors) =>
        sensors.IsDefaultOrEmpty ? "" : Render(w => WriteSensorArray(w, sensors), indented: false);

    private static string Render(Action<Utf8JsonWriter> write, bool indented = true)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, indented ? s_options : default))
        {
            write(writer);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Name<T>(T value) where T : struct, Enum
    {
        string n = value.ToString();
        return char.ToLowerInvariant(n[0]) + n[1..];
    }

    private static void WriteScene(Utf8JsonWriter w, SceneDescription d)
    {
        w.WriteStartObject();
        w.WriteString("$schema", "./scene.schema.json");
        w.WriteString("name", d.Name);
        if (!string.IsNullOrWhiteSpace(d.Description))
        {
            w.WriteString("description", d.Description);
        }
        WriteTrack(w, d.Track);
        WriteLanes(w, d.Lanes);
        w.WriteStartObject("surface");
        w.WriteNumber("friction", d.Friction);
        w.WriteEndObject();
        w.WriteStartObject("physics");
        w.WriteNumber("hz", d.Physics.Hz);
        w.WriteString("vehicleModel", Name(d.Physics.VehicleModel));
        w.WriteEndObject();
        WriteProps(w, d.Props);
        WriteCrosswalks(w, d.Crosswalks);
        WriteTraffic(w, d.Traffic);
        WriteEgos(w, d.Egos);
        w.WriteStartArray("spawnPoints");
        foreach (var p in d.SpawnPoints)
        {
            w.WriteStartObject();
            w.WriteNumber("s", p.S);
            w.WriteNumber("lane", p.Lane);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        WriteEnvironment(w, d);
        WriteEpisode(w, d.Episode, d.Reward);
        if (!d.Components.IsDefaultOrEmpty)
        {
            w.WriteStartArray("components");
            foreach (var c in d.Components)
            {
                w.WriteStartObject();
                w.WriteString("entity", c.Entity);
                foreach (var p in c.Config.EnumerateObject())
                {
                    p.WriteTo(w);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void WriteTrack(Utf8JsonWriter w, TrackSpec t)
    {
        w.WriteStartObject("track");
        if (t.Generator is { } g)
        {
            w.WriteStartObject("generator");
            w.WriteNumber("seed", g.Seed);
            w.WriteNumber("length", g.Length);
            w.WriteNumber("curviness", g.Curviness);
            w.WriteNumber("minRadius", g.MinRadius);
            w.WriteEndObject();
        }
        else
        {
            w.WriteStartArray("controlPoints");
            foreach (var p in t.ControlPoints)
            {
                w.WriteStartArray();
                w.WriteNumberValue(p.X);
                w.WriteNumberValue(p.Y);
                w.WriteEndArray();
            }
            w.WriteEndArray();
        }
        w.WriteBoolean("allowCrossings", t.AllowCrossings);
        w.WriteEndObject();
    }

    private static void WriteLanes(Utf8JsonWriter w, LaneSpec l)
    {
        w.WriteStartObject("lanes");
        w.WriteNumber("count", l.Count);
        w.WriteNumber("width", l.Width);
        w.WriteString("edgeMarking", Name(l.EdgeMarking));
        w.WriteString("dividerMarking", Name(l.DividerMarking));
        w.WriteNumber("shoulder", l.Shoulder);
        w.WriteNumber("kerb", l.Kerb);
        w.WriteNumber("barrierOffset", l.BarrierOffset);
        w.WriteEndObject();
    }

    private static void WriteProps(Utf8JsonWriter w, ImmutableArray<PropSpec> props)
    {
        w.WriteStartArray("props");
        foreach (var p in props)
        {
            w.WriteStartObject();
            w.WriteString("type", Name(p.Kind));
            w.WriteNumber("s", p.S);
            w.WriteNumber("lateral", p.Lateral);
            w.WriteNumber("heading", p.HeadingOffset * 180 / Math.PI);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteCrosswalks(Utf8JsonWriter w, ImmutableArray<CrosswalkSpec> crosswalks)
    {
        w.WriteStartArray("crosswalks");
        foreach (var c in crosswalks)
        {
            w.WriteStartObject();
            w.WriteNumber("s", c.S);
            w.WriteNumber("width", c.Width);
            w.WriteNumber("pedestrians", c.Pedestrians);
            w.WriteNumber("walkSpeed", c.WalkSpeed);
            WriteRange(w, "wait", (c.WaitMin, c.WaitMax));
            if (c.Gap != Traffic.PedestrianWalker.DefaultGap)
            {
                w.WriteNumber("gap", c.Gap);   // written only when set, so that scenes from before it keep their JSON and hash
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteTraffic(Utf8JsonWriter w, ImmutableArray<TrafficSpec> traffic)
    {
        w.WriteStartArray("traffic");
        foreach (var t in traffic)
        {
            w.WriteStartObject();
            w.WriteNumber("s", t.S);
            w.WriteNumber("lane", t.Lane);
            w.WriteString("behaviour", Name(t.Behaviour));
            w.WriteNumber("desiredSpeed", t.DesiredSpeed);
            w.WriteNumber("timeHeadway", t.TimeHeadway);
            w.WriteNumber("minGap", t.MinGap);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteEgos(Utf8JsonWriter w, ImmutableArray<EgoSpec> egos)
    {
        w.WriteStartArray("egos");
        foreach (var e in egos)
        {
            w.WriteStartObject();
            w.WriteString("name", e.Name);
            w.WriteNumber("spawnPoint", e.SpawnPoint);
            w.WriteNumber("maxSpeed", e.MaxSpeed);
            if (e.AutopilotSpeed > 0)
            {
                w.WriteNumber("autopilotSpeed", e.AutopilotSpeed);
            }
            if (!e.Sensors.IsDefaultOrEmpty)
            {
                w.WritePropertyName("sensors");
                WriteSensorArray(w, e.Sensors);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteSensorArray(Utf8JsonWriter w, ImmutableArray<SensorSpec> sensors)
    {
        w.WriteStartArray();
        foreach (var s in sensors)
        {
            w.WriteStartObject();
            w.WriteString("type", Name(s.Kind));
            w.WriteString("name", s.Name);
            switch (s.Kind)
            {
                case SensorKind.CurvaturePreview:
                    w.WriteStartArray("distances");
                    foreach (double d in s.Distances)
                    {
                        w.WriteNumberValue(d);
                    }
                    w.WriteEndArray();
                    break;
                case SensorKind.Rays:
                    w.WriteNumber("count", s.RayCount);
                    w.WriteNumber("fov", s.RayFovDegrees);
                    w.WriteNumber("range", s.RayRange);
                    break;
                case SensorKind.Camera when s.Camera is { } c:
                    w.WriteNumber("width", c.Width);
                    w.WriteNumber("height", c.Height);
                    w.WriteNumber("fov", c.FovDegrees);
                    w.WriteBoolean("depth", c.Depth);
                    w.WriteBoolean("segmentation", c.Segmentation);
                    w.WriteStartObject("mount");
                    w.WriteNumber("x", c.X);
                    w.WriteNumber("y", c.Y);
                    w.WriteNumber("z", c.Z);
                    w.WriteNumber("pitch", c.Pitch);
                    w.WriteNumber("yaw", c.Yaw);
                    w.WriteNumber("roll", c.Roll);
                    w.WriteEndObject();
                    break;
                default:
                    break;
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
