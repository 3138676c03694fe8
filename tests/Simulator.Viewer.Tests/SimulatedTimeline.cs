using Simulator.Driving.Env;
using Simulator.Recording;
using Simulator.Viewer.Replay;

namespace Simulator.Viewer.Tests;

/// <summary>
/// A timeline without a recording file: the autopilot's episode on a scene from a seed, re-simulated from the seed
/// (a fresh env) for every move back. Events come from a first pass (collisions, laps, off-road and back).
/// </summary>
internal sealed class SimulatedTimeline : IReplayTimeline, IDisposable
{
    private readonly string _scene;
    private readonly ulong _seed;
    private readonly float[] _obs;
    private DrivingEnv _env;
    private float _reward;

    public SimulatedTimeline(string scene, ulong seed, long steps)
    {
        (_scene, _seed, StepCount) = (scene, seed, steps);
        _env = Fresh(scene, seed, 0, out _obs);
        StepSeconds = _env.Scene.FixedDeltaTime;
        Events = Survey();
        _env.Dispose();
        _env = Fresh(scene, seed, 0, out _);
    }

    public DrivingEnv Env => _env;
    public long Step { get; private set; }
    public long StepCount { get; }
    public double StepSeconds { get; }
    public float LastReward => _reward;
    public ReplayDivergence? Divergence { get; set; }
    public IReadOnlyList<RecordedEvent> Events { get; }
    /// <summary>Re-simulations from the seed so far (seeks and steps back).</summary>
    public int Resimulations { get; private set; }

    /// <summary>A fresh env of the scene reset with the seed and stepped <paramref name="steps"/> times by the autopilot.</summary>
    public static DrivingEnv Fresh(string scene, ulong seed, long steps, out float[] observation)
    {
        DrivingEnv env = ViewerHarness.Env(scene);
        observation = new float[env.Observation.VectorSize];
        env.Reset(seed, observation);
        for (long i = 0; i < steps; i++)
        {
            env.Step(default(DrivingAction), observation);
        }
        return env;
    }

    public bool StepForward()
    {
        if (Step >= StepCount)
        {
            return false;
        }
        _reward = _env.Step(default(DrivingAction), _obs).Reward;
        Step++;
        return true;
    }

    public bool StepBack()
    {
        if (Step == 0)
        {
            return false;
        }
        Seek(Step - 1);
        return true;
    }

    public void Seek(long step)
    {
        step = Math.Clamp(step, 0, StepCount);
        _env.Dispose();
        _env = Fresh(_scene, _seed, 0, out _);
        Step = 0;
        _reward = 0;
        while (Step < step)
        {
            StepForward();
        }
        Resimulations++;
    }

    private List<RecordedEvent> Survey()
    {
        var events = new List<RecordedEvent>();
        EnvInfo before = _env.Info;
        bool off = false;
        for (long s = 1; s <= StepCount; s++)
        {
            _env.Step(default(DrivingAction), _obs);
            EnvInfo now = _env.Info;
            if (now.Collisions > before.Collisions)
            {
                events.Add(new RecordedEvent(s, "collision", ""));
            }
            if (now.Laps > before.Laps)
            {
                events.Add(new RecordedEvent(s, "lap", ""));
            }
            bool nowOff = now.OffRoadTime > before.OffRoadTime;
            if (nowOff != off)
            {
                events.Add(new RecordedEvent(s, nowOff ? "off-road" : "on-road", ""));
                off = nowOff;
            }
            before = now;
        }
        return events;
    }

    public void Dispose() => _env.Dispose();
}
