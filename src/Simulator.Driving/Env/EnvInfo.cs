namespace Simulator.Driving.Env;

public enum EpisodeEnd : byte
{
    None = 0,
    OffRoad,
    Collision,
    Stalled,
    LapsCompleted,
    TimeLimit,
}

/// <summary>Unweighted reward terms of one step (the Gymnasium "info" of the reward), plus their weighted sum.</summary>
public struct RewardTerms
{
    /// <summary>Metres of arc length gained along the track this step.</summary>
    public double Progress;
    /// <summary>Forward speed over the ego's maximum speed, in [0, 1].</summary>
    public double Speed;
    /// <summary>−(lateral distance to the nearest lane centre / half a lane width)², in [−1, 0] on the road.</summary>
    public double Centering;
    /// <summary>−1 while beyond the road edge, else 0.</summary>
    public double OffRoad;
    /// <summary>−1 on a step with a collision, else 0.</summary>
    public double Collision;
    /// <summary>−(|Δsteer| + |Δaccel|) between consecutive actions.</summary>
    public double Smoothness;
    /// <summary>−(forward speed / the ego's maximum speed) while failing to yield to a walker (<see cref="Runtime.WalkerYield"/>), else 0.</summary>
    public double Yield;
    public double Total;
}

/// <summary>Everything an env reports per step besides observation and reward; a struct, so nothing is allocated.</summary>
public struct EnvInfo
{
    public RewardTerms Reward;
    public EpisodeEnd End;
    public bool ActionSanitized;
    public int Laps;
    public double LastLapTime;
    public double BestLapTime;
    public double LapProgress;
    public double S;
    public double Lateral;
    public double HeadingError;
    public double Speed;
    public double DistanceTravelled;
    public double EpisodeTime;
    public long EpisodeSteps;
    public int Collisions;
    public double OffRoadTime;
    /// <summary>Times this episode the ego started failing to yield to a walker (<see cref="Runtime.WalkerYield"/>).</summary>
    public int YieldFailures;
}
