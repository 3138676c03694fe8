using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Simulator.Driving.Scenes;
using Xunit.Abstractions;

namespace Simulator.Driving.Tests;

public class AutopilotTests(ITestOutputHelper output)
{
    internal static EnvInfo DriveLap(CompiledScene scene, ulong seed, out DrivingEnv env)
    {
        env = new DrivingEnv(scene, new EnvOptions { Autopilot = true });
        var obs = new float[env.Observation.VectorSize];
        env.Reset(seed, obs);
        StepOutcome o;
        do
        {
            o = env.Step(default(DrivingAction), obs);
        }
        while (!o.Done);
        return env.Info;
    }

    [Theory]
    [MemberData(nameof(ShippedScenes.Names), MemberType = typeof(ShippedScenes))]
    public void Autopilot_completes_a_lap_of_every_shipped_scene_without_collision(string name)
    {
        var scene = SceneCompiler.Load(ShippedScenes.PathOf(name));
        var info = DriveLap(scene, 7, out var env);
        output.WriteLine($"{name}: end {info.End}, laps {info.Laps}, lap time {info.LastLapTime:0.0} s, collisions {info.Collisions}, off-road {info.OffRoadTime:0.00} s, mean speed {info.DistanceTravelled / info.EpisodeTime:0.0} m/s");
        Assert.Equal(EpisodeEnd.LapsCompleted, info.End);
        Assert.Equal(0, info.Collisions);
        Assert.Equal(0, info.OffRoadTime);
        Assert.True(env.Ego.Progress >= scene.Track.Length);
    }

    [Fact]
    public void Autopilot_speed_makes_a_teacher_slower_than_the_car_and_survives_the_scene_file()
    {
        var fast = new SceneGeneratorOptions { Length = 600, MaxSpeed = 16 };
        var slow = fast with { AutopilotSpeed = 11 };
        var written = SceneLoader.Parse(SceneWriter.Write(SceneGenerator.Describe(3, slow)), "slow.json");
        Assert.Equal((16.0, 11.0, 11.0), (written.Egos[0].MaxSpeed, written.Egos[0].AutopilotSpeed, written.Egos[0].AutopilotCruise));
        Assert.DoesNotContain("autopilotSpeed", SceneWriter.Write(SceneGenerator.Describe(3, fast)), StringComparison.Ordinal);
        var a = DriveLap(SceneCompiler.Compile(written), 7, out var slowEnv);
        var b = DriveLap(SceneGenerator.Generate(3, fast), 7, out _);
        output.WriteLine($"cruise 11: lap {a.LastLapTime:0.00} s; cruise 16 (the limiter): lap {b.LastLapTime:0.00} s");
        Assert.Equal((EpisodeEnd.LapsCompleted, EpisodeEnd.LapsCompleted), (a.End, b.End));
        Assert.True(slowEnv.Ego.Body.State.Speed < 11.2, $"speed {slowEnv.Ego.Body.State.Speed} m/s over the 11 m/s cruise");
        Assert.True(a.LastLapTime > b.LastLapTime + 5, $"laps {a.LastLapTime} s and {b.LastLapTime} s");
        // Above the limiter it is the limiter.
        Assert.Equal(16, (written.Egos[0] with { AutopilotSpeed = 30 }).AutopilotCruise);
    }

    [Fact]
    public void Autopilot_completes_laps_of_20_generated_tracks_with_obstacles_and_traffic()
    {
        var failures = new List<string>();
        for (ulong seed = 1000; seed < 1020; seed++)
        {
            var opts = new SceneGeneratorOptions
            {
                Length = 700 + (seed % 5) * 150,
                Curviness = 0.3 + (seed % 4) * 0.15,
                Lanes = 1 + (int)(seed % 3),
                ObstacleDensity = 3,
                TrafficDensity = seed % 3 == 0 ? 0 : 3,
            };
            var scene = SceneGenerator.Generate(seed, opts);
            var info = DriveLap(scene, seed, out _);
            output.WriteLine($"seed {seed}: {scene.Track.Length:0} m, lanes {opts.Lanes}, end {info.End}, lap {info.LastLapTime:0.0} s, collisions {info.Collisions}, off-road {info.OffRoadTime:0.00} s");
            if (info.End != EpisodeEnd.LapsCompleted || info.Collisions != 0 || info.OffRoadTime > 0)
            {
                failures.Add($"seed {seed}: {info.End}, collisions {info.Collisions}, off-road {info.OffRoadTime:0.00} s at s={info.S:0}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("; ", failures));
    }
}
