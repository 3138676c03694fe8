using System.Collections.Immutable;
using Simulator.Driving.Runtime;
using Simulator.Driving.Scenes;
using Simulator.Learning.Runs;

namespace Simulator.Learning.Driving;

/// <summary>Builds the training and held-out evaluation scenes a <see cref="TrainerConfig"/> describes.</summary>
public static class TrainingScenes
{
    /// <summary>One scene per env: the generated tracks (or the listed scenes) cycled to fill <paramref name="envs"/>.</summary>
    public static List<CompiledScene> Training(TrainerConfig config, Func<string, string> resolve, int envs)
    {
        List<CompiledScene> distinct = WithReward(config, config.Generator is { } g
            ? [.. Listed(config, g.AddScenes, resolve), .. Generate(g, g.FirstSeed, g.Count)]
            : Listed(config, config.Scenes, resolve));
        var result = new List<CompiledScene>(envs);
        for (int i = 0; i < envs; i++)
        {
            result.Add(distinct[i % distinct.Count]);
        }
        return result;
    }

    /// <summary>Evaluation scenes: eval.scenes when given, else held-out generated tracks, else the training scenes.</summary>
    public static List<CompiledScene> Evaluation(TrainerConfig config, Func<string, string> resolve)
    {
        if (config.Eval.Scenes.Length > 0)
        {
            return WithReward(config, Listed(config, config.Eval.Scenes, resolve));
        }
        if (config.Generator is not null)
        {
            return HeldOut(config, config.Eval.FirstSeed, config.Eval.Tracks);
        }
        return WithReward(config, Listed(config, config.Scenes, resolve));
    }

    /// <summary>
    /// Scenes a config names, with the config's ego mounted: the generator's ego sensors, limiter and autopilot speed
    /// when it has a generator, else scene_ego's, else as they are.
    /// </summary>
    public static List<CompiledScene> Listed(TrainerConfig config, IReadOnlyList<string> names, Func<string, string> resolve)
    {
        var scenes = Load(names, resolve);
        var (sensors, maxSpeed, autopilotSpeed) = config.Generator is { } g ? (g.EgoSensors, g.MaxSpeed, g.AutopilotSpeed)
            : config.SceneEgo is { } e ? (e.Sensors, e.MaxSpeed, 0.0)
            : (ImmutableArray<SensorSpec>.Empty, 0.0, 0.0);
        if (sensors.IsDefaultOrEmpty && maxSpeed <= 0 && autopilotSpeed <= 0)
        {
            return scenes;
        }
        return scenes.ConvertAll(s => SceneCompiler.Compile(ModelDeployment.MountEgo(s.Description, sensors, maxSpeed, autopilotSpeed)));
    }

    /// <summary>
    /// Held-out generated tracks as the run's evaluation makes them: its generator from <paramref name="firstSeed"/>,
    /// driven from the start line (a lap is a lap), with its reward block. The config must have a generator.
    /// </summary>
    public static List<CompiledScene> HeldOut(TrainerConfig config, ulong firstSeed, int count)
    {
        var g = config.Generator ?? throw new ArgumentException("the config has no generator block", nameof(config));
        return WithReward(config, Generate(g with { RandomSpawn = false }, firstSeed, count));
    }

    /// <summary>The scenes with the run's reward weights and off-road margin (config.reward), or as they are when it sets none.</summary>
    public static List<CompiledScene> WithReward(TrainerConfig config, List<CompiledScene> scenes)
    {
        if (config.Reward is not { } reward)
        {
            return scenes;
        }
        var spec = reward.ToSpec();
        return scenes.ConvertAll(s => SceneCompiler.Compile(s.Description with
        {
            Reward = spec,
            Episode = reward.OffRoadMargin is { } margin ? s.Description.Episode with { OffRoadMargin = margin } : s.Description.Episode,
        }));
    }

    public static SceneGeneratorOptions ToOptions(GeneratorConfig g) => new()
    {
        Length = g.Length,
        Curviness = g.Curviness,
        MinRadius = g.MinRadius,
        Lanes = g.Lanes,
        LaneWidth = g.LaneWidth,
        ObstacleDensity = g.Obstacles,
        TrafficDensity = g.Traffic,
        CrosswalkDensity = g.Crosswalks,
        WalkerGap = g.WalkerGap,
        EgoSensors = g.EgoSensors,
        TimeLimit = g.TimeLimit,
        MaxSpeed = g.MaxSpeed,
        AutopilotSpeed = g.AutopilotSpeed,
        RandomSpawn = g.RandomSpawn,
    };

    public static List<CompiledScene> Generate(GeneratorConfig g, ulong firstSeed, int count)
    {
        var options = ToOptions(g);
        var scenes = new List<CompiledScene>(count);
        for (int i = 0; i < count; i++)
        {
            ulong seed = firstSeed + (ulong)i;
            scenes.Add(SceneGenerator.Generate(seed, options, $"generated-{seed}"));
        }
        return scenes;
    }

    public static List<CompiledScene> Load(IReadOnlyList<string> names, Func<string, string> resolve)
    {
        var scenes = new List<CompiledScene>(names.Count);
        foreach (string name in names)
        {
            scenes.Add(SceneCompiler.Load(resolve(name)));
        }
        return scenes;
    }
}
