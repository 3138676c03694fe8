using Simulator.Driving.Runtime;

namespace Simulator.Driving.Env;

/// <summary>What one episode came to: the figures `sim drive` and `sim eval` report.</summary>
public sealed record EpisodeSummary(
    string Scene,
    ulong Seed,
    EpisodeEnd End,
    int Laps,
    double LapProgress,
    double LastLapTime,
    double BestLapTime,
    double Distance,
    double Time,
    long Steps,
    int Collisions,
    double OffRoadTime,
    double Return,
    int YieldFailures = 0)
{
    /// <summary>The summary of an episode as its env's <paramref name="info"/> reports it at the end: the one place
    /// that maps <see cref="EnvInfo"/> to a summary (drive, eval and the camera-model runner all use it).</summary>
    public static EpisodeSummary From(string scene, ulong seed, in EnvInfo info, double ret) =>
        new(scene, seed, info.End, info.Laps, info.LapProgress, info.LastLapTime, info.BestLapTime, info.DistanceTravelled, info.EpisodeTime,
            info.EpisodeSteps, info.Collisions, info.OffRoadTime, ret, info.YieldFailures);

    public double MeanSpeed => Time > 0 ? Distance / Time : 0;
    /// <summary>Laps completed cleanly (yield failures are counted apart, in <see cref="YieldFailures"/>): the episode ended by completing its laps, without collision or leaving the road.</summary>
    public bool CleanLap => End == EpisodeEnd.LapsCompleted && Collisions == 0 && OffRoadTime == 0;
}

/// <summary>Chooses an action from an observation (a trained model, a scripted controller).</summary>
public delegate DrivingAction DrivingPolicy(ReadOnlySpan<float> observation, DrivingEnv env);

/// <summary>Runs whole episodes of one env with the autopilot or a policy and summarises them.</summary>
public static class EpisodeRunner
{
    /// <summary>Runs one episode; <paramref name="policy"/> null means the env's autopilot drives.
    /// <paramref name="observer"/> sees the env after the reset and after every step (watchers: live streams);
    /// <paramref name="sink"/> sees the reset and every step with its action (recorders).</summary>
    public static EpisodeSummary Run(DrivingEnv env, ulong seed, DrivingPolicy? policy = null, long maxSteps = long.MaxValue, Action<DrivingEnv>? observer = null,
        IEpisodeSink? sink = null)
    {
        ArgumentNullException.ThrowIfNull(env);
        var obs = new float[env.Observation.VectorSize];
        env.Reset(seed, obs);
        sink?.EpisodeStarted(env, seed);
        observer?.Invoke(env);
        double ret = 0;
        StepOutcome o = default;
        for (long i = 0; i < maxSteps && !o.Done; i++)
        {
            var action = policy is null ? default : policy(obs, env);
            o = env.Step(action, obs);
            sink?.Stepped(env, action, o);
            ret += o.Reward;
            observer?.Invoke(env);
        }
        if (!o.Done)
        {
            sink?.EpisodeCut(env);
        }
        return Summarize(env, seed, ret);
    }

    /// <summary>The summary of the episode <paramref name="env"/> is in (or just ended), with its return so far.</summary>
    public static EpisodeSummary Summarize(DrivingEnv env, ulong seed, double ret)
    {
        ArgumentNullException.ThrowIfNull(env);
        return EpisodeSummary.From(env.Scene.Name, seed, env.Info, ret);
    }
}
