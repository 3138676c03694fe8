using Simulator.Core;
using Simulator.Physics;
using Simulator.Tracks;
using Simulator.World;

namespace Simulator.Driving.Runtime;

/// <summary>Checkpoint encodings of the value types several components share (exact bits, fixed order).</summary>
internal static class StateCodec
{
    public static void Write(StateWriter w, Rng rng)
    {
        var (a, b, c, d) = rng.State;
        w.WriteUInt64(a);
        w.WriteUInt64(b);
        w.WriteUInt64(c);
        w.WriteUInt64(d);
        var (hasSpare, spare) = rng.GaussianSpare;
        w.WriteBool(hasSpare);
        // A spare that will never be read is not state: write 0 so a restored stream saves the same bytes.
        w.WriteDouble(hasSpare ? spare : 0);
    }

    public static void Read(ref StateReader r, Rng rng)
    {
        var state = (r.ReadUInt64(), r.ReadUInt64(), r.ReadUInt64(), r.ReadUInt64());
        bool hasSpare = r.ReadBool();
        double spare = r.ReadDouble();
        if ((state.Item1 | state.Item2 | state.Item3 | state.Item4) == 0)
        {
            throw new SimInputException("state is damaged: a random stream's state is all zero");
        }
        rng.Restore(state, hasSpare, spare);
    }

    public static void Write(StateWriter w, in VehicleState s)
    {
        w.WriteDouble(s.X);
        w.WriteDouble(s.Y);
        w.WriteDouble(s.Yaw);
        w.WriteDouble(s.Vx);
        w.WriteDouble(s.Vy);
        w.WriteDouble(s.YawRate);
        w.WriteDouble(s.SteerAngle);
    }

    public static VehicleState ReadVehicleState(ref StateReader r) => new()
    {
        X = r.ReadDouble(),
        Y = r.ReadDouble(),
        Yaw = r.ReadDouble(),
        Vx = r.ReadDouble(),
        Vy = r.ReadDouble(),
        YawRate = r.ReadDouble(),
        SteerAngle = r.ReadDouble(),
    };

    public static void Write(StateWriter w, in VehicleControl c)
    {
        w.WriteDouble(c.Steer);
        w.WriteDouble(c.Throttle);
        w.WriteDouble(c.Brake);
    }

    public static VehicleControl ReadControl(ref StateReader r) => new(r.ReadDouble(), r.ReadDouble(), r.ReadDouble());

    public static void Write(StateWriter w, in TrackQuery q)
    {
        w.WriteDouble(q.S);
        w.WriteDouble(q.Lateral);
        w.WriteDouble(q.ClosestPoint.X);
        w.WriteDouble(q.ClosestPoint.Y);
        w.WriteDouble(q.Tangent.X);
        w.WriteDouble(q.Tangent.Y);
        w.WriteDouble(q.Heading);
        w.WriteDouble(q.Curvature);
        w.WriteInt32(q.LaneIndex);
        w.WriteBool(q.OnRoad);
        w.WriteInt32(q.Segment);
    }

    public static TrackQuery ReadQuery(ref StateReader r)
    {
        double s = r.ReadDouble(), lateral = r.ReadDouble();
        var closest = new Vec2(r.ReadDouble(), r.ReadDouble());
        var tangent = new Vec2(r.ReadDouble(), r.ReadDouble());
        double heading = r.ReadDouble(), curvature = r.ReadDouble();
        int lane = r.ReadInt32();
        bool onRoad = r.ReadBool();
        int segment = r.ReadInt32();
        return new TrackQuery(s, lateral, closest, tangent, heading, curvature, lane, onRoad, segment);
    }

    public static void Write(StateWriter w, Env.DrivingAction a)
    {
        w.WriteSingle(a.Steer);
        w.WriteSingle(a.Accel);
    }

    public static Env.DrivingAction ReadAction(ref StateReader r) => new(r.ReadSingle(), r.ReadSingle());

    /// <summary>An enum stored as one byte, checked against its defined range so damaged bytes are refused.</summary>
    public static T ReadEnum<T>(ref StateReader r, int max) where T : struct, Enum
    {
        int v = r.ReadByte();
        if (v > max)
        {
            throw new SimInputException($"state is damaged: {v} is not a {typeof(T).Name} (at offset {r.Position - 1})");
        }
        return (T)Enum.ToObject(typeof(T), v);
    }
}
