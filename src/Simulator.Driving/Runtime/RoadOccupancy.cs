using Simulator.Tracks;

namespace Simulator.Driving.Runtime;

/// <summary>One occupant of the road in track coordinates: an along-track interval and a lateral band.</summary>
public struct RoadActor
{
    public double S;
    public double HalfLength;
    public double LatMin;
    public double LatMax;
    /// <summary>Speed along the track direction.</summary>
    public double Speed;
    public ActorKind Kind;
    public int EntityId;
}

/// <summary>
/// Everything on or near the road this step, in track coordinates, rebuilt in the Sense phase. Deciders ask it
/// "what is ahead of me in this lateral band" — the perception of traffic drivers, walkers and the autopilot.
/// Fixed capacity after the first episode; no allocation per step.
/// </summary>
public sealed class RoadOccupancy
{
    private readonly Track _track;
    private RoadActor[] _actors = new RoadActor[32];
    private int _count;

    public RoadOccupancy(Track track) => _track = track;

    public ReadOnlySpan<RoadActor> Actors => new(_actors, 0, _count);

    public void Clear() => _count = 0;

    public void Add(in RoadActor actor)
    {
        if (_count == _actors.Length)
        {
            Array.Resize(ref _actors, _actors.Length * 2);
        }
        _actors[_count++] = actor;
    }

    /// <summary>
    /// The nearest actor ahead of arc length <paramref name="s"/> (the asker's centre, half length
    /// <paramref name="halfLength"/>) whose lateral band overlaps [<paramref name="latMin"/>, <paramref name="latMax"/>],
    /// within <paramref name="maxDistance"/> metres. <paramref name="gap"/> is bumper to bumper.
    /// </summary>
    public bool FindAhead(double s, double halfLength, double latMin, double latMax, double maxDistance, int selfId,
        out double gap, out double speed, out int index)
    {
        gap = double.MaxValue;
        speed = 0;
        index = -1;
        for (int i = 0; i < _count; i++)
        {
            ref readonly var a = ref _actors[i];
            if (a.EntityId == selfId || a.LatMax < latMin || a.LatMin > latMax)
            {
                continue;
            }
            double ds = _track.DeltaS(s, a.S);
            double g = ds - halfLength - a.HalfLength;
            // Behind us (or level with us) is not "ahead": ds must be positive beyond our own front half.
            if (ds <= 0 || ds > maxDistance + halfLength + a.HalfLength || g >= gap)
            {
                continue;
            }
            gap = g;
            speed = a.Speed;
            index = i;
        }
        return index >= 0;
    }

    /// <summary>True when some actor other than <paramref name="selfId"/> overlaps the given box of track space.</summary>
    public bool IsOccupied(double sFrom, double sTo, double latMin, double latMax, int selfId)
    {
        for (int i = 0; i < _count; i++)
        {
            ref readonly var a = ref _actors[i];
            if (a.EntityId == selfId || a.LatMax < latMin || a.LatMin > latMax)
            {
                continue;
            }
            double d0 = _track.DeltaS(sFrom, a.S);
            double len = _track.DeltaS(sFrom, sTo);
            if (d0 + a.HalfLength >= 0 && d0 - a.HalfLength <= len)
            {
                return true;
            }
        }
        return false;
    }
}
