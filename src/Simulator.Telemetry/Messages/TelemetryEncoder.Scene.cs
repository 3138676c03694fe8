using System.Numerics;
using System.Text.Json;
using Simulator.Driving.Runtime;
using Simulator.Driving.Snapshots;
using Simulator.Tracks;
using static Simulator.Telemetry.Channels.TelemetryChannels;

namespace Simulator.Telemetry.Messages;

public sealed partial class TelemetryEncoder
{
    /// <summary>How coarsely the track is meshed for the 3D view (straights take few triangles).</summary>
    private static readonly TrackMeshOptions s_trackMesh = new() { Step = 3.0, MaxStep = 24.0, ChordTolerance = 0.05 };

    /// <summary>
    /// foxglove.SceneUpdate of the static track: one entity <c>track</c> (never expiring) with one triangle list per
    /// part (road, markings, kerbs, barriers, ground), in the world frame.
    /// </summary>
    public ReadOnlyMemory<byte> Track(CompiledScene scene, ulong timestampNs)
    {
        ArgumentNullException.ThrowIfNull(scene);
        var mesh = TrackMeshBuilder.Build(scene.Track, s_trackMesh);
        var w = BeginSceneUpdate(timestampNs, deleteAll: true);
        BeginEntity(w, "track"u8, timestampNs, frameLocked: false);
        w.WriteStartArray(N.Metadata);
        Metadata(w, "scene", scene.Name);
        w.WriteEndArray();
        w.WriteStartArray(N.Cubes);
        w.WriteEndArray();
        w.WriteStartArray(N.Lines);
        w.WriteEndArray();
        w.WriteStartArray(N.Triangles);
        Triangles(w, mesh.Ground, new Vector4(0.30f, 0.45f, 0.25f, 1));
        Triangles(w, mesh.RoadSurface, new Vector4(0.35f, 0.35f, 0.37f, 1));
        Triangles(w, mesh.Kerb, new Vector4(0.80f, 0.25f, 0.20f, 1));
        Triangles(w, mesh.Barrier, new Vector4(0.75f, 0.75f, 0.70f, 1));
        Triangles(w, mesh.LaneMarking, new Vector4(0.95f, 0.95f, 0.95f, 1));
        w.WriteEndArray();
        w.WriteEndObject();
        return EndSceneUpdate();
    }

    /// <summary>
    /// foxglove.SceneUpdate of the actors: deletes the topic's previous entities, then one entity per actor
    /// (<c>actor/&lt;instance id&gt;</c>) with a cube of the actor's size and colour.
    /// </summary>
    public ReadOnlyMemory<byte> Actors(WorldSnapshot snapshot, ulong timestampNs)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var w = BeginSceneUpdate(timestampNs, deleteAll: true);
        // "actor/<id>" and the id as UTF-8 on the stack: a recording encodes this every simulated second, allocation-free.
        Span<byte> entity = stackalloc byte[16];
        foreach (ref readonly var a in snapshot.Actors)
        {
            "actor/"u8.CopyTo(entity);
            a.InstanceId.TryFormat(entity[6..], out int digits, provider: System.Globalization.CultureInfo.InvariantCulture);
            BeginEntity(w, entity[..(6 + digits)], timestampNs, frameLocked: false);
            w.WriteStartArray(N.Metadata);
            Metadata(w, "kind", EnumName(a.Kind));
            Metadata(w, "class", EnumName(a.Class));
            Metadata(w, "instance_id", entity[6..(6 + digits)]);
            w.WriteEndArray();
            var size = SizeOf(a.Mesh) * a.Scale;
            w.WriteStartArray(N.Cubes);
            w.WriteStartObject();
            Pose(w, a.Position + new Vector3(0, 0, size.Z / 2), YawQuaternion(a.Yaw));
            Vector(w, N.Size, size);
            Color(w, N.Color, new Vector4(a.Color, 1));
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartArray(N.Lines);
            w.WriteEndArray();
            w.WriteStartArray(N.Triangles);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return EndSceneUpdate();
    }

    /// <summary>foxglove.FrameTransforms: world → ego (the ego actor's pose) and world → camera (its optical frame).</summary>
    public ReadOnlyMemory<byte> Transforms(WorldSnapshot snapshot, ulong timestampNs)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        // FrameTransforms has no timestamp of its own: each transform carries one.
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        var w = _json;
        w.WriteStartObject();
        w.WriteStartArray(N.Transforms);
        foreach (ref readonly var a in snapshot.Actors)
        {
            if (a.Kind == ActorKind.Ego)
            {
                Transform(w, timestampNs, EgoFrameId, a.Position, YawQuaternion(a.Yaw));
                break;
            }
        }
        if (snapshot.Cameras.Length > 0)
        {
            var pose = snapshot.Cameras[0].Pose;
            Transform(w, timestampNs, CameraFrameId, pose.Position, OpticalQuaternion(pose.Yaw, pose.Pitch, pose.Roll));
        }
        w.WriteEndArray();
        return End();
    }

    /// <summary>Full size (metres) of each mesh kind at scale 1 (the footprints the physics uses).</summary>
    internal static Vector3 SizeOf(MeshKind mesh) => mesh switch
    {
        MeshKind.Car => new Vector3(4.4f, 1.8f, 1.5f),
        MeshKind.Cone => new Vector3(0.4f, 0.4f, 0.7f),
        MeshKind.BarrierBlock => new Vector3(2.0f, 0.6f, 0.9f),
        MeshKind.Sign => new Vector3(0.3f, 0.3f, 2.5f),
        _ => new Vector3(0.5f, 0.5f, 1.75f),
    };

    internal static Quaternion YawQuaternion(float yaw) => Quaternion.CreateFromAxisAngle(Vector3.UnitZ, yaw);

    /// <summary>
    /// Orientation of the camera's optical frame (x right, y down, z forward) in the world: the body (x forward,
    /// y left, z up) turned by yaw, then pitch (positive looks up) and roll (positive lifts the right side).
    /// </summary>
    internal static Quaternion OpticalQuaternion(float yaw, float pitch, float roll)
    {
        var body = Quaternion.CreateFromAxisAngle(Vector3.UnitZ, yaw)
            * Quaternion.CreateFromAxisAngle(Vector3.UnitY, -pitch)
            * Quaternion.CreateFromAxisAngle(Vector3.UnitX, -roll);
        return body * new Quaternion(-0.5f, 0.5f, -0.5f, 0.5f);
    }

    private Utf8JsonWriter BeginSceneUpdate(ulong timestampNs, bool deleteAll)
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        var w = _json;
        w.WriteStartObject();
        w.WriteStartArray(N.Deletions);
        if (deleteAll)
        {
            w.WriteStartObject();
            WriteTime(w, N.Timestamp, timestampNs);
            w.WriteNumber(N.Type, 1);
            w.WriteString(N.Id, "");
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray(N.Entities);
        return w;
    }

    private ReadOnlyMemory<byte> EndSceneUpdate()
    {
        _json.WriteEndArray();
        return End();
    }

    /// <summary>Starts an entity object and writes the primitive arrays this encoder never fills.</summary>
    private static void BeginEntity(Utf8JsonWriter w, ReadOnlySpan<byte> id, ulong timestampNs, bool frameLocked)
    {
        w.WriteStartObject();
        WriteTime(w, N.Timestamp, timestampNs);
        w.WriteString(N.FrameId, WorldFrameId);
        w.WriteString(N.Id, id);
        w.WriteStartObject(N.Lifetime);
        w.WriteNumber(N.Sec, 0);
        w.WriteNumber(N.Nsec, 0);
        w.WriteEndObject();
        w.WriteBoolean(N.FrameLocked, frameLocked);
        foreach (JsonEncodedText unused in s_unusedPrimitives)
        {
            w.WriteStartArray(unused);
            w.WriteEndArray();
        }
    }

    private static readonly JsonEncodedText[] s_unusedPrimitives = [.. new[] { "arrows", "spheres", "cylinders", "texts", "models" }.Select(n => JsonEncodedText.Encode(n))];

    private static void Triangles(Utf8JsonWriter w, TrackMeshPart part, Vector4 color)
    {
        if (part.TriangleCount == 0)
        {
            return;
        }
        w.WriteStartObject();
        Pose(w, Vector3.Zero, Quaternion.Identity);
        w.WriteStartArray(N.Points);
        var v = part.Vertices;
        for (int i = 0; i < part.VertexCount; i++)
        {
            int k = i * TrackMeshPart.FloatsPerVertex;
            w.WriteStartObject();
            w.WriteNumber(N.X, MathF.Round(v[k], 3));
            w.WriteNumber(N.Y, MathF.Round(v[k + 1], 3));
            w.WriteNumber(N.Z, MathF.Round(v[k + 2], 3));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        Color(w, N.Color, color);
        w.WriteStartArray(N.Colors);
        w.WriteEndArray();
        w.WriteStartArray(N.Indices);
        foreach (uint index in part.Indices)
        {
            w.WriteNumberValue(index);
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Transform(Utf8JsonWriter w, ulong timestampNs, string child, Vector3 translation, Quaternion rotation)
    {
        w.WriteStartObject();
        WriteTime(w, N.Timestamp, timestampNs);
        w.WriteString(N.ParentFrameId, WorldFrameId);
        w.WriteString(N.ChildFrameId, child);
        Vector(w, N.Translation, translation);
        QuaternionValue(w, N.Rotation, rotation);
        w.WriteEndObject();
    }

    /// <summary>An enum value's name, looked up once per value (Enum.ToString allocates a string per call).</summary>
    private static string EnumName<T>(T value) where T : struct, Enum => EnumNames<T>.Of(value);

    private static class EnumNames<T> where T : struct, Enum
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<T, string> s_names = new();

        public static string Of(T value) => s_names.GetOrAdd(value, v => v.ToString());
    }

    private static void Metadata(Utf8JsonWriter w, string key, ReadOnlySpan<byte> value)
    {
        w.WriteStartObject();
        w.WriteString(N.Key, key);
        w.WriteString(N.Value, value);
        w.WriteEndObject();
    }

    private static void Metadata(Utf8JsonWriter w, string key, string value)
    {
        w.WriteStartObject();
        w.WriteString(N.Key, key);
        w.WriteString(N.Value, value);
        w.WriteEndObject();
    }

    private static void Pose(Utf8JsonWriter w, Vector3 position, Quaternion orientation)
    {
        w.WriteStartObject(N.Pose);
        Vector(w, N.Position, position);
        QuaternionValue(w, N.Orientation, orientation);
        w.WriteEndObject();
    }

    private static void Vector(Utf8JsonWriter w, JsonEncodedText name, Vector3 v)
    {
        w.WriteStartObject(name);
        // Millimetres and 1e-5 of a unit quaternion are far below what a 3D panel shows, and keep messages small.
        Fixed(w, N.X, v.X, 3);
        Fixed(w, N.Y, v.Y, 3);
        Fixed(w, N.Z, v.Z, 3);
        w.WriteEndObject();
    }

    private static void QuaternionValue(Utf8JsonWriter w, JsonEncodedText name, Quaternion q)
    {
        w.WriteStartObject(name);
        Fixed(w, N.X, q.X, 5);
        Fixed(w, N.Y, q.Y, 5);
        Fixed(w, N.Z, q.Z, 5);
        Fixed(w, N.W, q.W, 5);
        w.WriteEndObject();
    }

    private static void Color(Utf8JsonWriter w, JsonEncodedText name, Vector4 c)
    {
        w.WriteStartObject(name);
        Fixed(w, N.R, Math.Clamp(c.X, 0, 1), 3);
        Fixed(w, N.G, Math.Clamp(c.Y, 0, 1), 3);
        Fixed(w, N.B, Math.Clamp(c.Z, 0, 1), 3);
        Fixed(w, N.A, Math.Clamp(c.W, 0, 1), 3);
        w.WriteEndObject();
    }
}
