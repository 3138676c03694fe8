using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Simulator.Driving.Scenes;

namespace Simulator.Driving.Tests;

/// <summary>Small scenes built from JSON for the tests, plus helpers to drive envs.</summary>
internal static class TestScenes
{
    /// <summary>The shipped oval's control points: a 160 m straight heading east from s = 0, turning left (counter-clockwise).</summary>
    public const string OvalPoints = "[[-80, -55], [-48, -55], [-16, -55], [16, -55], [48, -55], [80, -55], [112.33, -44.5], [132.31, -17], [132.31, 17], [112.33, 44.5], [80, 55], [48, 55], [16, 55], [-16, 55], [-48, 55], [-80, 55], [-112.33, 44.5], [-132.31, 17], [-132.31, -17], [-112.33, -44.5]]";

    /// <summary>The same oval driven the other way round (clockwise): every bend turns right.</summary>
    public const string ClockwiseOvalPoints = "[[-80, 55], [-48, 55], [-16, 55], [16, 55], [48, 55], [80, 55], [112.33, 44.5], [132.31, 17], [132.31, -17], [112.33, -44.5], [80, -55], [48, -55], [16, -55], [-16, -55], [-48, -55], [-80, -55], [-112.33, -44.5], [-132.31, -17], [-132.31, 17], [-112.33, 44.5]]";

    /// <summary>Spawn on the straight (s ≈ 30 … 130 m is straight to within 2°, heading east).</summary>
    public const string DefaultSpawn = "[ { \"s\": 40, \"lane\": 0 } ]";

    public const string OvalTrack = "\"track\": { \"controlPoints\": " + OvalPoints + " }";

    /// <summary>
    /// Scene JSON of a two-lane oval (3.75 m lanes, no barrier) with one ego. <paramref name="extra"/> is appended as
    /// further top-level members (start it with a comma); <paramref name="ego"/> as further ego members.
    /// </summary>
    public static string OvalJson(string extra = "", string ego = "", string spawn = DefaultSpawn, string points = OvalPoints) =>
        $$"""
        { "name": "test-oval", "track": { "controlPoints": {{points}} },
          "lanes": { "count": 2, "width": 3.75, "shoulder": 1.5, "barrierOffset": 0 },
          "spawnPoints": {{spawn}},
          "egos": [ { "name": "ego", "maxSpeed": 28 {{ego}} } ] {{extra}} }
        """;

    public static CompiledScene Oval(string extra = "", string ego = "", string spawn = DefaultSpawn, string points = OvalPoints) =>
        Compile(OvalJson(extra, ego, spawn, points));

    public static CompiledScene Compile(string json) => SceneCompiler.Compile(SceneLoader.Parse(json, "test.json"));

    /// <summary>A shipped scene with its episode settings replaced (e.g. laps 0 to run until the time limit).</summary>
    public static CompiledScene Shipped(string name, Func<EpisodeSpec, EpisodeSpec>? episode = null)
    {
        var d = SceneLoader.LoadFile(ShippedScenes.PathOf(name));
        if (episode is not null)
        {
            d = d with { Episode = episode(d.Episode) };
        }
        return SceneCompiler.Compile(d);
    }

    /// <summary>Steps with a constant action until the episode ends or <paramref name="maxSteps"/> pass.</summary>
    public static StepOutcome RunUntilDone(DrivingEnv env, DrivingAction action, float[] obs, int maxSteps, Action<StepOutcome>? each = null)
    {
        var o = default(StepOutcome);
        for (int i = 0; i < maxSteps; i++)
        {
            o = env.Step(action, obs);
            each?.Invoke(o);
            if (o.Done)
            {
                return o;
            }
        }
        return o;
    }

    public static (DrivingEnv Env, float[] Obs) Start(CompiledScene scene, ulong seed = 1, EnvOptions? options = null)
    {
        var env = new DrivingEnv(scene, options);
        var obs = new float[env.Observation.VectorSize];
        env.Reset(seed, obs);
        return (env, obs);
    }

    public static ReadOnlySpan<float> Slice(DrivingEnv env, float[] obs, string sensor)
    {
        foreach (var (name, offset, size) in env.Observation.Slices)
        {
            if (name == sensor)
            {
                return obs.AsSpan(offset, size);
            }
        }
        throw new InvalidOperationException($"no sensor '{sensor}' in the observation");
    }
}
