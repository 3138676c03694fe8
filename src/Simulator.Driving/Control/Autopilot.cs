using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Simulator.World;

namespace Simulator.Driving.Control;

/// <summary>
/// The expert driver: picks a lateral path that keeps clear of everything ahead (static props, slower vehicles,
/// walkers), steers along it with pure pursuit, plans speed from the curvature ahead and the friction, and follows
/// with IDM when no lateral path is free. When enabled it writes the ego's action each step; demonstrations and
/// datasets read that action back from <see cref="EgoAgent.PendingAction"/>.
/// </summary>
public sealed class Autopilot : Behaviour, IStateful
{
    private EgoAgent _ego = null!;
    private DrivingContext _ctx = null!;
    private double _targetLateral;
    private bool _initialised;
    private double _aheadNowGap = Idm.FreeRoad;

    /// <summary>Lane the autopilot prefers when nothing is in the way (0 = rightmost: keep right).</summary>
    public int PreferredLane;
    /// <summary>Lateral acceleration budget as a fraction of μg.</summary>
    public double Aggressiveness = 1.0;
    /// <summary>The lateral offset the autopilot is steering to (for viewers and tests).</summary>
    public double TargetLateral => _targetLateral;
    /// <summary>The lateral offset the planner chose this step (the target moves towards it at a bounded rate).</summary>
    public double ChosenLateral { get; private set; }
    /// <summary>Bumper gap to what the autopilot is following, or <see cref="Idm.FreeRoad"/>.</summary>
    public double FollowGap { get; private set; }
    /// <summary>Speed planned from the curvature ahead this step (m/s).</summary>
    public double PlannedSpeed { get; private set; }

    private const double LateralRate = 1.6;   // m/s of target shift
    private const double Margin = 0.6;         // m of clearance beside obstacles
    private const double Comfort = 3.5;        // m/s² planned braking

    protected override void Awake()
    {
        _ego = Entity.RequireComponent<EgoAgent>();
        _ctx = World.FindComponent<DrivingContext>() ?? throw new InvalidOperationException("Autopilot needs a DrivingContext in its world");
    }

    protected override void FixedUpdate(in StepInfo step)
    {
        var body = _ego.Body;
        var track = _ctx.Track;
        var q = body.Query;
        double v = Math.Max(body.State.Vx, 0);
        if (!_initialised)
        {
            _targetLateral = q.Lateral;
            _initialised = true;
        }
        double horizon = Math.Max(35, v * 3.5 + 15);
        double chosen = ChooseLateral(q.S, q.Lateral, v, horizon, out bool blocked, out double gap, out double leaderSpeed);
        ChosenLateral = chosen;
        FollowGap = blocked ? gap : Idm.FreeRoad;
        _targetLateral = Core.MathUtil.MoveTowards(_targetLateral, chosen, LateralRate * step.DeltaTime);

        double steer = DriverMath.PurePursuit(track, body.State, body.Params, q.S, DriverMath.LookAhead(v), _targetLateral, q.Lateral);
        double friction = _ctx.Conditions.Friction;
        double planHorizon = v * v / (2 * Comfort) + 25;
        double target = PlannedSpeed = DriverMath.PlannedSpeed(track, q.S, _targetLateral, planHorizon, friction * Aggressiveness, _ego.Spec.AutopilotCruise, Comfort);
        double accel = DriverMath.TrackSpeed(v, target);
        if (blocked)
        {
            var idm = new IdmParams(Math.Max(target, 0.5), 1.2, 2.5, 3.0, 3.0);
            accel = Math.Min(accel, Idm.Acceleration(idm, v, gap, leaderSpeed));
        }
        else if (_aheadNowGap < Idm.FreeRoad)
        {
            // The planned path is clear but something is still in front of where the car is now: approach no
            // faster than it can stop, and keep creeping while steering away, so a stop never becomes a deadlock.
            double creep = _aheadNowGap > 0.6 ? 1.0 : 0.0;
            double safe = Math.Sqrt(2 * 3.0 * Math.Max(_aheadNowGap - 0.6, 0)) + creep;
            accel = Math.Min(accel, DriverMath.TrackSpeed(v, Math.Min(target, safe)));
        }
        DriverMath.AccelToPedals(body.Params, body.State, accel, out double throttle, out double brake);
        Decision = new DrivingAction((float)steer, (float)(throttle > 0 ? throttle : -brake));
        _ego.PendingAction = SteerNoise > 0 ? Perturb(Decision, step.DeltaTime) : Decision;
    }

    /// <summary>The autopilot's own (clean) action this step: the label for demonstrations.</summary>
    public DrivingAction Decision { get; private set; }

    /// <summary>
    /// Standard deviation of the steering perturbation added to the executed action (0 = none). With noise the
    /// car drifts off its line and the clean <see cref="Decision"/> shows how to recover (DART-style demonstrations).
    /// </summary>
    public double SteerNoise { get; set; }

    /// <summary>Seed of the perturbation stream (with the env index, so envs differ).</summary>
    public ulong NoiseSeed { get; set; }

    private Core.Rng? _noiseRng;
    private double _noise;

    /// <summary>Ornstein–Uhlenbeck steering noise (time constant ~0.7 s) added to the decision.</summary>
    private DrivingAction Perturb(DrivingAction clean, double dt)
    {
        _noiseRng ??= Core.Rng.Create(NoiseSeed, Core.RngStream.Autopilot, _ctx.EnvIndex);
        const double theta = 1.4;
        _noise += -theta * _noise * dt + SteerNoise * Math.Sqrt(2 * theta * dt) * _noiseRng.NextGaussian();
        return clean with { Steer = (float)Math.Clamp(clean.Steer + _noise, -1, 1) };
    }

    /// <summary>
    /// Scores lateral offsets across the drivable width: the cost of leaving the preferred lane, of changing target
    /// (hysteresis), and of anything ahead in that band; a band is only reachable if the sweep from the current
    /// position to it is clear alongside. Returns the best offset, and the blocker to follow if even that is blocked.
    /// </summary>
    private double ChooseLateral(double s, double lateral, double v, double horizon, out bool blocked, out double gap, out double leaderSpeed)
    {
        var track = _ctx.Track;
        var body = _ego.Body;
        var occ = _ctx.Occupancy;
        double halfCar = body.HalfWidth + Margin;
        double edge = track.Layout.HalfRoadWidth - body.HalfWidth - 0.25;
        double preferred = track.LaneCenter(Math.Min(PreferredLane, track.Layout.LaneCount - 1));
        double best = _targetLateral, bestCost = double.MaxValue;
        blocked = false;
        gap = Idm.FreeRoad;
        leaderSpeed = 0;
        for (double c = -edge; c <= edge + 1e-9; c += 0.25)
        {
            double cost = Math.Abs(c - preferred) * 2 + Math.Abs(c - _targetLateral) * 0.5 + LaneCenterDistance(c) * 1.5;
            bool ahead = occ.FindAhead(s, body.HalfLength, c - halfCar, c + halfCar, horizon, Entity.Id, out double g, out double spd, out _);
            // Something ahead that we would close in on: the nearer, the worse.
            bool closing = ahead && (spd < v - 0.5 || g < 8 + v);
            if (closing)
            {
                cost += 40 + (horizon - Math.Max(g, 0)) * 3;
            }
            // The strip the car sweeps into on its way to c (not where it already is).
            double lo = c > lateral ? lateral + body.HalfWidth : c - halfCar;
            double hi = c > lateral ? c + halfCar : lateral - body.HalfWidth;
            if (Math.Abs(c - lateral) > 0.3 && occ.IsOccupied(s - body.HalfLength - 6, s + body.HalfLength + 4 + v * 0.8, lo, hi, Entity.Id))
            {
                cost += 1000;
            }
            if (cost < bestCost)
            {
                bestCost = cost;
                best = c;
                blocked = closing;
                gap = closing ? g : Idm.FreeRoad;
                leaderSpeed = spd;
            }
        }
        // What is directly ahead of where the car is now: a moving leader there is always followed; a static or
        // slow one is handled by the creep rule when the planned path already leads around it.
        _aheadNowGap = Idm.FreeRoad;
        if (occ.FindAhead(s, body.HalfLength, lateral - body.HalfWidth - 0.2, lateral + body.HalfWidth + 0.2, horizon, Entity.Id, out double g0, out double s0, out _)
            && g0 < gap)
        {
            if (s0 > 1.0 || Math.Abs(best - lateral) < 0.3)
            {
                blocked = true;
                gap = g0;
                leaderSpeed = s0;
            }
            else
            {
                _aheadNowGap = g0;
            }
        }
        return best;
    }

    /// <summary>Distance from <paramref name="lateral"/> to the nearest lane centre (straddling lanes costs a little).</summary>
    private double LaneCenterDistance(double lateral)
    {
        var layout = _ctx.Track.Layout;
        double best = double.MaxValue;
        for (int lane = 0; lane < layout.LaneCount; lane++)
        {
            best = Math.Min(best, Math.Abs(lateral - layout.LaneCenter(lane)));
        }
        return best;
    }

    public void SaveState(StateWriter writer)
    {
        writer.WriteInt32(PreferredLane);
        writer.WriteDouble(Aggressiveness);
        writer.WriteDouble(_targetLateral);
        writer.WriteBool(_initialised);
        writer.WriteDouble(_aheadNowGap);
        writer.WriteDouble(ChosenLateral);
        writer.WriteDouble(FollowGap);
        writer.WriteDouble(PlannedSpeed);
        StateCodec.Write(writer, Decision);
        writer.WriteDouble(SteerNoise);
        writer.WriteUInt64(NoiseSeed);
        writer.WriteDouble(_noise);
        writer.WriteBool(_noiseRng is not null);
        if (_noiseRng is not null)
        {
            StateCodec.Write(writer, _noiseRng);
        }
    }

    public void LoadState(ref StateReader reader)
    {
        PreferredLane = reader.ReadInt32();
        Aggressiveness = reader.ReadDouble();
        _targetLateral = reader.ReadDouble();
        _initialised = reader.ReadBool();
        _aheadNowGap = reader.ReadDouble();
        ChosenLateral = reader.ReadDouble();
        FollowGap = reader.ReadDouble();
        PlannedSpeed = reader.ReadDouble();
        Decision = StateCodec.ReadAction(ref reader);
        SteerNoise = reader.ReadDouble();
        NoiseSeed = reader.ReadUInt64();
        _noise = reader.ReadDouble();
        if (reader.ReadBool())
        {
            _noiseRng ??= new Core.Rng(0);
            StateCodec.Read(ref reader, _noiseRng);
        }
        else
        {
            _noiseRng = null;
        }
    }
}
