using Simulator.Core;
using Simulator.Physics;
using Simulator.Tracks;
using Simulator.World;

namespace Simulator.Driving.Runtime;

/// <summary>
/// A simulated vehicle: dynamics state, the control applied this step, and its place on the track. The physics
/// system integrates it; deciders (policy, autopilot, traffic driver) only write <see cref="Control"/>.
/// </summary>
public sealed class VehicleBody : Component, IStateHashable, IStateful
{
    public VehicleParams Params = VehicleParams.CompactCar;
    public VehicleState State;
    public VehicleControl Control;
    public VehicleModelKind Model = VehicleModelKind.Dynamic;
    public ActorKind Kind = ActorKind.Traffic;
    /// <summary>Segment hint for O(1) track projection; owned by the physics system.</summary>
    public int TrackHint;
    /// <summary>Track coordinates after the last physics step.</summary>
    public TrackQuery Query;
    /// <summary>Set by the collision system when this body touched something during the last step.</summary>
    public bool Collided;
    public ActorKind LastContactKind;
    public ControlIssues LastControlIssues;

    public double HalfLength => 0.5 * Params.BodyLength;
    public double HalfWidth => 0.5 * Params.BodyWidth;
    public Pose2 Pose => State.Pose;

    /// <summary>Speed along the road direction (negative when driving backwards).</summary>
    public double SpeedAlongTrack => Vec2.Dot(State.WorldVelocity, Query.Tangent);

    public void AddToHash(ref StateHasher hasher)
    {
        // Written in place: one capacity check for the eleven values (recordings hash every step).
        VehicleState v = State;
        Span<ulong> s = hasher.Next(11);
        s[10] = StateHasher.Bits(Collided);
        s[0] = StateHasher.Bits(v.X);
        s[1] = StateHasher.Bits(v.Y);
        s[2] = StateHasher.Bits(v.Yaw);
        s[3] = StateHasher.Bits(v.Vx);
        s[4] = StateHasher.Bits(v.Vy);
        s[5] = StateHasher.Bits(v.YawRate);
        s[6] = StateHasher.Bits(v.SteerAngle);
        s[7] = StateHasher.Bits(Control.Steer);
        s[8] = StateHasher.Bits(Control.Throttle);
        s[9] = StateHasher.Bits(Control.Brake);
    }

    // Params, Model and Kind are set at spawn and never change; the checkpoint holds what the step loop writes.
    public void SaveState(StateWriter writer)
    {
        StateCodec.Write(writer, State);
        StateCodec.Write(writer, Control);
        writer.WriteInt32(TrackHint);
        StateCodec.Write(writer, Query);
        writer.WriteBool(Collided);
        writer.WriteByte((byte)LastContactKind);
        writer.WriteByte((byte)LastControlIssues);
    }

    public void LoadState(ref StateReader reader)
    {
        State = StateCodec.ReadVehicleState(ref reader);
        Control = StateCodec.ReadControl(ref reader);
        TrackHint = reader.ReadInt32();
        Query = StateCodec.ReadQuery(ref reader);
        Collided = reader.ReadBool();
        LastContactKind = StateCodec.ReadEnum<ActorKind>(ref reader, (int)ActorKind.Sign);
        LastControlIssues = StateCodec.ReadEnum<ControlIssues>(ref reader, 7);
    }
}
