using Simulator.Core;
using Simulator.Driving.Scenes;
using Simulator.Learning.Driving;
using Simulator.Learning.Runs;

namespace Simulator.Learning.Tests;

/// <summary>Scenes a config lists get the config's ego: the generator's beside its tracks, or scene_ego's.</summary>
public class ListedScenesTests
{
    private static string Resolve(string name) => TrainerConfigTests.RepoFile("scenes", name + ".json");

    private const string Camera = """
            - type: camera
              width: 32
              height: 24
        """;

    [Fact]
    public void Added_scenes_come_first_with_the_generators_ego_then_the_tracks()
    {
        var config = TrainerConfigYaml.Parse($"""
            envs: 4
            generator:
              count: 2
              length: 400
              max_speed: 12
              autopilot_speed: 9
              add_scenes: [oval, urban-loop]
              ego_sensors:
            {Camera}
            eval:
              scenes: [figure-eight]
            """, "cfg.yaml");
        var scenes = TrainingScenes.Training(config, Resolve, config.Envs);
        Assert.Equal(["oval", "urban-loop", "generated-1", "generated-2"], scenes.Select(s => s.Name));
        var evaluation = TrainingScenes.Evaluation(config, Resolve);
        foreach (var scene in scenes.Concat(evaluation))
        {
            var ego = scene.Description.Egos[0];
            Assert.Equal((12.0, 9.0), (ego.MaxSpeed, ego.AutopilotSpeed));
            Assert.Equal([SensorKind.Camera], ego.Sensors.Select(s => s.Kind));
            Assert.Equal(32, ego.Sensors[0].Camera!.Width);
        }
        Assert.Equal("figure-eight", Assert.Single(evaluation).Name);
    }

    [Fact]
    public void Scene_ego_mounts_sensors_and_limiter_on_listed_scenes_and_is_refused_beside_a_generator()
    {
        var config = TrainerConfigYaml.Parse($"""
            envs: 2
            scenes: [figure-eight]
            scene_ego:
              max_speed: 10
              sensors:
            {Camera}
            """, "cfg.yaml");
        var own = SceneLoader.LoadFile(Resolve("figure-eight")).Egos[0];
        var ego = TrainingScenes.Training(config, Resolve, config.Envs)[1].Description.Egos[0];
        Assert.NotEqual(10, own.MaxSpeed);
        Assert.Equal(10, ego.MaxSpeed);
        Assert.Equal([SensorKind.Camera], ego.Sensors.Select(s => s.Kind));
        // Without a scene_ego the scenes keep their own ego.
        var plain = TrainingScenes.Training(config with { SceneEgo = null }, Resolve, 1)[0].Description.Egos[0];
        Assert.Equal(own.MaxSpeed, plain.MaxSpeed);
        Assert.Equal(own.Sensors.Select(s => s.Kind), plain.Sensors.Select(s => s.Kind));

        var e = Assert.Throws<SimInputException>(() => TrainerConfigYaml.Parse("generator: {}\nscene_ego:\n  max_speed: 10\n", "cfg.yaml"));
        Assert.Equal("scene_ego", e.Path);
    }
}
