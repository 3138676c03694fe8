using Simulator.Core;
using Simulator.Driving.Env;
using Simulator.Driving.Scenes;
using Simulator.World;

namespace Simulator.Driving.Runtime;

/// <summary>
/// The learning (or autopilot-driven) vehicle of an environment: its pending action, episode bookkeeping (progress,
/// laps, lap times, stall and off-road timers) and the reward terms of the last step.
/// </summary>
public sealed class EgoAgent : Component, IStateHashable, IStateful
{
    public EgoSpec Spec = null!;
    public VehicleBody Body = null!;

    /// <summary>The action for the next step, set by the env (or overwritten by an enabled autopilot).</summary>
    public DrivingAction PendingAction;
    public DrivingAction LastAction;
    public bool ActionSanitized;

    /// <summary>Unwrapped arc-length progress since the start of the episode (negative when going backwards).</summary>
    public double Progress;
    public double LastS;
    public int Laps;
    public double LapStartTime;
    public double LastLapTime;
    public double BestLapTime;
    public double Distance;
    public double StallTime;
    public double OffRoadTime;
    public int Collisions;
    /// <summary>Times the ego started failing to yield to a walker this episode (<see cref="WalkerYield"/>).</summary>
    public int YieldFailures;
    /// <summary>Failing to yield after the last step (a new failure is counted when this turns true).</summary>
    public bool FailingToYield;
    public EpisodeEnd End;
    public RewardTerms Reward;

    public void ResetEpisode(double startS)
    {
        PendingAction = default;
        LastAction = default;
        ActionSanitized = false;
        Progress = 0;
        LastS = startS;
        Laps = 0;
        LapStartTime = 0;
        LastLapTime = 0;
        BestLapTime = 0;
        Distance = 0;
        StallTime = 0;
        OffRoadTime = 0;
        Collisions = 0;
        YieldFailures = 0;
        FailingToYield = false;
        End = EpisodeEnd.None;
        Reward = default;
    }

    public void AddToHash(ref StateHasher hasher)
    {
        hasher.Add(Progress);
        hasher.Add(LastS);
        hasher.Add(Laps);
        hasher.Add(LapStartTime);
        hasher.Add(Distance);
        hasher.Add(StallTime);
        hasher.Add(OffRoadTime);
        hasher.Add(Collisions);
        hasher.Add(YieldFailures);
        hasher.Add(FailingToYield);
        hasher.Add(LastAction.Steer);
        hasher.Add(LastAction.Accel);
        hasher.Add(Reward.Total);
        hasher.Add((int)End);
    }

    // Spec and Body are wired at spawn; everything the episode accumulates is saved.
    public void SaveState(StateWriter writer)
    {
        StateCodec.Write(writer, PendingAction);
        StateCodec.Write(writer, LastAction);
        writer.WriteBool(ActionSanitized);
        writer.WriteDouble(Progress);
        writer.WriteDouble(LastS);
        writer.WriteInt32(Laps);
        writer.WriteDouble(LapStartTime);
        writer.WriteDouble(LastLapTime);
        writer.WriteDouble(BestLapTime);
        writer.WriteDouble(Distance);
        writer.WriteDouble(StallTime);
        writer.WriteDouble(OffRoadTime);
        writer.WriteInt32(Collisions);
        writer.WriteInt32(YieldFailures);
        writer.WriteBool(FailingToYield);
        writer.WriteByte((byte)End);
        writer.WriteDouble(Reward.Progress);
        writer.WriteDouble(Reward.Speed);
        writer.WriteDouble(Reward.Centering);
        writer.WriteDouble(Reward.OffRoad);
        writer.WriteDouble(Reward.Collision);
        writer.WriteDouble(Reward.Smoothness);
        writer.WriteDouble(Reward.Yield);
        writer.WriteDouble(Reward.Total);
    }

    public void LoadState(ref StateReader reader)
    {
        PendingAction = StateCodec.ReadAction(ref reader);
        LastAction = StateCodec.ReadAction(ref reader);
        ActionSanitized = reader.ReadBool();
        Progress = reader.ReadDouble();
        LastS = reader.ReadDouble();
        Laps = reader.ReadInt32();
        LapStartTime = reader.ReadDouble();
        LastLapTime = reader.ReadDouble();
        BestLapTime = reader.ReadDouble();
        Distance = reader.ReadDouble();
        StallTime = reader.ReadDouble();
        OffRoadTime = reader.ReadDouble();
        Collisions = reader.ReadInt32();
        YieldFailures = reader.ReadInt32();
        FailingToYield = reader.ReadBool();
        End = StateCodec.ReadEnum<EpisodeEnd>(ref reader, (int)EpisodeEnd.TimeLimit);
        Reward = new RewardTerms
        {
            Progress = reader.ReadDouble(),
            Speed = reader.ReadDouble(),
            Centering = reader.ReadDouble(),
            OffRoad = reader.ReadDouble(),
            Collision = reader.ReadDouble(),
            Smoothness = reader.ReadDouble(),
            Yield = reader.ReadDouble(),
            Total = reader.ReadDouble(),
        };
    }
}
