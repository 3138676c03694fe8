using Simulator.Core;
using Simulator.Driving.Runtime;
using Simulator.World;

namespace Simulator.Driving.Traffic;

/// <summary>
/// A pedestrian who waits at the kerb of a crosswalk, crosses when the approaching traffic leaves a safe gap, waits on
/// the other side, and crosses back. Vehicles see a crossing walker (with a short look-ahead of where it walks) in
/// the road occupancy and yield.
/// </summary>
public sealed class PedestrianWalker : Behaviour, IStateHashable, IStateful
{
    private DrivingContext _ctx = null!;

    public double CrosswalkS;
    /// <summary>Offset along the road within the crosswalk's width.</summary>
    public double AlongOffset;
    public double WalkSpeed = 1.3;
    public double WaitMin = 4;
    public double WaitMax = 12;
    /// <summary>|lateral| of the waiting spots on either kerb.</summary>
    public double KerbLateral;
    public double Lateral;
    /// <summary>+1 walking towards +lateral (left of travel), −1 towards the right.</summary>
    public int Direction = 1;
    public double WaitLeft;
    public bool Crossing;

    public const double DefaultGap = 4;
    public const double MaxGap = 30;

    /// <summary>Seconds of approaching traffic the walker leaves before stepping out (plus a 12 m margin): at the default
    /// 4 a car at the speed limit arrives after the walker has crossed its lane; lower values make walkers step out in
    /// front of cars that must brake (a training curriculum). Set from the scene, so not part of the saved state.</summary>
    public double Gap = DefaultGap;

    public const double HalfSize = 0.3;

    public double S => CrosswalkS + AlongOffset;

    public Vec2 Position => _ctx.Track.ToWorld(S, Lateral);

    protected override void Awake() =>
        _ctx = World.FindComponent<DrivingContext>() ?? throw new InvalidOperationException("PedestrianWalker needs a DrivingContext in its world");

    protected override void FixedUpdate(in StepInfo step)
    {
        double dt = step.DeltaTime;
        if (!Crossing)
        {
            WaitLeft -= dt;
            if (WaitLeft <= 0 && GapIsSafe())
            {
                Crossing = true;
            }
            return;
        }
        Lateral += Direction * WalkSpeed * dt;
        if (Direction * Lateral >= KerbLateral)
        {
            Lateral = Direction * KerbLateral;
            Direction = -Direction;
            Crossing = false;
            WaitLeft = _ctx.Pedestrians.Range(WaitMin, WaitMax);
        }
    }

    /// <summary>The band of road this walker claims: where it is, plus where it walks in the next 2.5 s.</summary>
    public void Band(out double latMin, out double latMax)
    {
        double ahead = Crossing ? Direction * WalkSpeed * 2.5 : 0;
        latMin = Math.Min(Lateral, Lateral + ahead) - HalfSize;
        latMax = Math.Max(Lateral, Lateral + ahead) + HalfSize;
    }

    /// <summary>Crossing starts only when no vehicle would reach the crosswalk within <see cref="Gap"/> seconds plus 12 m.</summary>
    private bool GapIsSafe()
    {
        var track = _ctx.Track;
        foreach (ref readonly var a in _ctx.Occupancy.Actors)
        {
            if (a.Kind is not (ActorKind.Ego or ActorKind.Traffic))
            {
                continue;
            }
            double toCrosswalk = track.DeltaS(a.S, S);
            if (toCrosswalk > -(a.HalfLength + 2) && toCrosswalk < Math.Max(a.Speed, 0) * Gap + 12)
            {
                return false;
            }
        }
        return true;
    }

    public void AddToHash(ref StateHasher hasher)
    {
        hasher.Add(Lateral);
        hasher.Add(WaitLeft);
        hasher.Add(Crossing);
        hasher.Add(Direction);
    }

    public void SaveState(StateWriter writer)
    {
        writer.WriteDouble(CrosswalkS);
        writer.WriteDouble(AlongOffset);
        writer.WriteDouble(WalkSpeed);
        writer.WriteDouble(WaitMin);
        writer.WriteDouble(WaitMax);
        writer.WriteDouble(KerbLateral);
        writer.WriteDouble(Lateral);
        writer.WriteInt32(Direction);
        writer.WriteDouble(WaitLeft);
        writer.WriteBool(Crossing);
    }

    public void LoadState(ref StateReader reader)
    {
        CrosswalkS = reader.ReadDouble();
        AlongOffset = reader.ReadDouble();
        WalkSpeed = reader.ReadDouble();
        WaitMin = reader.ReadDouble();
        WaitMax = reader.ReadDouble();
        KerbLateral = reader.ReadDouble();
        Lateral = reader.ReadDouble();
        Direction = reader.ReadInt32();
        WaitLeft = reader.ReadDouble();
        Crossing = reader.ReadBool();
    }
}
