using Simulator.Driving.Control;
using Simulator.Driving.Runtime;
using Simulator.World;

namespace Simulator.Driving.Traffic;

/// <summary>
/// An NPC that follows its lane with pure pursuit and controls speed with the Intelligent Driver Model towards the
/// nearest actor ahead in its lane (vehicles, props, walkers on the road), slowing for curves.
/// </summary>
public sealed class TrafficDriver : Behaviour, IStateful
{
    private VehicleBody _body = null!;
    private DrivingContext _ctx = null!;
    private double _plannedSpeed = -1;
    private const int ReplanEvery = 6;

    public int Lane;
    public IdmParams Idm;
    /// <summary>This episode's desired speed after randomisation.</summary>
    public double DesiredSpeed;

    protected override void Awake()
    {
        _body = Entity.RequireComponent<VehicleBody>();
        _ctx = World.FindComponent<DrivingContext>() ?? throw new InvalidOperationException("TrafficDriver needs a DrivingContext in its world");
    }

    protected override void FixedUpdate(in StepInfo step)
    {
        var track = _ctx.Track;
        ref var st = ref _body.State;
        var q = _body.Query;
        double laneCenter = track.LaneCenter(Lane);
        double speed = st.Vx;
        double steer = DriverMath.PurePursuit(track, st, _body.Params, q.S, DriverMath.LookAhead(speed), laneCenter, q.Lateral);

        // The curve-speed plan changes slowly: re-plan at 10 Hz, phase-shifted per vehicle so the work spreads out.
        if (step.Index % ReplanEvery == Entity.Id % ReplanEvery || _plannedSpeed < 0)
        {
            _plannedSpeed = DriverMath.PlannedSpeed(track, q.S, laneCenter, 40, _ctx.Conditions.Friction, DesiredSpeed, 2.5);
        }
        double target = _plannedSpeed;
        var p = Idm with { DesiredSpeed = Math.Max(target, 0.5) };
        double half = 0.5 * track.Layout.LaneWidth;
        double gap = Runtime.Idm.FreeRoad, leaderSpeed = 0;
        if (_ctx.Occupancy.FindAhead(q.S, _body.HalfLength, laneCenter - half + 0.3, laneCenter + half - 0.3, 80, Entity.Id, out double g, out double ls, out _))
        {
            gap = g;
            leaderSpeed = ls;
        }
        double accel = Runtime.Idm.Acceleration(p, speed, gap, leaderSpeed);
        DriverMath.AccelToPedals(_body.Params, st, accel, out double throttle, out double brake);
        _body.Control = new Physics.VehicleControl(steer, throttle, brake);
    }

    public void SaveState(StateWriter writer)
    {
        writer.WriteInt32(Lane);
        writer.WriteDouble(Idm.DesiredSpeed);
        writer.WriteDouble(Idm.TimeHeadway);
        writer.WriteDouble(Idm.MinGap);
        writer.WriteDouble(Idm.MaxAccel);
        writer.WriteDouble(Idm.ComfortDecel);
        writer.WriteDouble(Idm.Exponent);
        writer.WriteDouble(DesiredSpeed);
        writer.WriteDouble(_plannedSpeed);
    }

    public void LoadState(ref StateReader reader)
    {
        Lane = reader.ReadInt32();
        Idm = new IdmParams(reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble());
        DesiredSpeed = reader.ReadDouble();
        _plannedSpeed = reader.ReadDouble();
    }
}
