using System.Runtime.InteropServices;
using Simulator.Core;
using Simulator.Driving.Env;

namespace Simulator.Driving.Tests;

public partial class StateSaveLoadTests
{
    /// <summary>A smoothed random walk of actions (as a policy might produce), reproducible from its seed.</summary>
    private sealed class Actions(ulong seed)
    {
        private readonly Rng _rng = Rng.Create(seed, RngStream.Policy);
        private float _steer;
        private float _accel = 0.5f;

        public DrivingAction Next()
        {
            _steer = Math.Clamp(_steer + (float)_rng.Range(-0.08, 0.08), -1, 1) * 0.97f;
            _accel = Math.Clamp(_accel + (float)_rng.Range(-0.1, 0.12), -1, 1);
            return new DrivingAction(_steer, _accel);
        }
    }

    /// <summary>Steps <paramref name="env"/> <paramref name="steps"/> times, resetting (seed from the episode number) when an episode ends.</summary>
    private static void Advance(DrivingEnv env, float[] obs, Actions actions, int steps, ulong seed)
    {
        for (int i = 0; i < steps; i++)
        {
            if (env.Step(actions.Next(), obs).Done)
            {
                env.Reset(Rng.Derive(seed, 1, (ulong)env.Episode), obs);
            }
        }
    }

    /// <summary>Every value of the step info, as exact bits.</summary>
    private static ulong InfoHash(in EnvInfo i)
    {
        var h = new StateHasher();
        var r = i.Reward;
        h.Add(r.Progress);
        h.Add(r.Speed);
        h.Add(r.Centering);
        h.Add(r.OffRoad);
        h.Add(r.Collision);
        h.Add(r.Smoothness);
        h.Add(r.Total);
        h.Add((int)i.End);
        h.Add(i.ActionSanitized);
        h.Add(i.Laps);
        h.Add(i.LastLapTime);
        h.Add(i.BestLapTime);
        h.Add(i.LapProgress);
        h.Add(i.S);
        h.Add(i.Lateral);
        h.Add(i.HeadingError);
        h.Add(i.Speed);
        h.Add(i.DistanceTravelled);
        h.Add(i.EpisodeTime);
        h.Add(i.EpisodeSteps);
        h.Add(i.Collisions);
        h.Add(i.OffRoadTime);
        return h.Value;
    }

    /// <summary>One step's complete output: state hash, snapshot hash, observation bits, info, reward and outcome.</summary>
    private static ulong StepPrint(DrivingEnv env, float[] obs, StepOutcome o)
    {
        var h = new StateHasher();
        h.Add(env.StateHash());
        h.Add(env.Snapshot.ContentHash());
        foreach (int bits in MemoryMarshal.Cast<float, int>(obs.AsSpan()))
        {
            h.Add(bits);
        }
        h.Add(InfoHash(env.Info));
        h.Add(o.Reward);
        h.Add(o.Terminated);
        h.Add(o.Truncated);
        h.Add(env.Episode);
        return h.Value;
    }

    private static void AssertSame(DrivingEnv a, float[] obsA, StepOutcome oa, DrivingEnv b, float[] obsB, StepOutcome ob, string where)
    {
        Assert.True(a.StateHash() == b.StateHash(), $"state hash differs {where}");
        Assert.True(a.Snapshot.ContentHash() == b.Snapshot.ContentHash(), $"snapshot differs {where}");
        Assert.True(MemoryMarshal.Cast<float, int>(obsA.AsSpan()).SequenceEqual(MemoryMarshal.Cast<float, int>(obsB.AsSpan())), $"observation differs {where}");
        Assert.True(InfoHash(a.Info) == InfoHash(b.Info), $"info differs {where}");
        Assert.True(BitConverter.SingleToInt32Bits(oa.Reward) == BitConverter.SingleToInt32Bits(ob.Reward), $"reward differs {where}");
        Assert.True(oa.Terminated == ob.Terminated && oa.Truncated == ob.Truncated, $"outcome differs {where}");
        Assert.True(a.Episode == b.Episode, $"episode number differs {where}");
    }
}
