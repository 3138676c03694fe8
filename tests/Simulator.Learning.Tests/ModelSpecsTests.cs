using Simulator.Learning.Driving;
using Simulator.Learning.Env;
using Simulator.Learning.Runs;

namespace Simulator.Learning.Tests;

/// <summary>A model's shapes on a scene come from the scene's sensors, without building an env: they equal the env's.</summary>
public sealed class ModelSpecsTests
{
    [Theory]
    [InlineData(false, false, ActionKind.Continuous)]
    [InlineData(true, false, ActionKind.Discrete)]
    [InlineData(true, true, ActionKind.Continuous)]
    public void Specs_without_an_env_equal_the_envs_own(bool camera, bool perception, ActionKind actions)
    {
        using var models = new PerceptionTestModels();
        var scene = camera ? PerceptionTestModels.Track(11) : VectorOnly(11);
        Assert.Equal(camera, scene.Description.Egos[0].Sensors.Any(s => s.Camera is not null));
        foreach (bool pixels in (bool[])[true, false])
        {
            var meta = new ModelMeta { ActionKind = actions, Perception = perception ? models.Settings(pixels) : null };
            var (observation, action) = DrivingEnvs.SpecsForModel(meta, [scene]);
            using IDrivingVectorEnv env = DrivingEnvs.ForModel(meta, [scene], models.Folder);
            Assert.Equal(env.ObservationSpec, observation);
            Assert.Equal(env.ActionSpec.Kind, action.Kind);
            Assert.Equal(env.ActionSpec.Dim, action.Dim);
        }
    }

    [Fact]
    public void Scenes_whose_egos_disagree_are_refused_by_name()
    {
        var plain = VectorOnly(11);
        var withCamera = PerceptionTestModels.Track(12);
        var e = Assert.Throws<Core.SimInputException>(() => DrivingVectorEnv.ObservationSpecOf([plain, withCamera]));
        Assert.Contains(withCamera.Name, e.Message, StringComparison.Ordinal);
        var wider = PerceptionTestModels.Track(13, Simulator.Driving.Cameras.CameraSetups.Front(48, 32));
        Assert.Throws<Core.SimInputException>(() => DrivingVectorEnv.ObservationSpecOf([withCamera, wider]));
    }

    private static Simulator.Driving.Runtime.CompiledScene VectorOnly(ulong seed) =>
        Simulator.Driving.Scenes.SceneGenerator.Generate(seed, new Simulator.Driving.Scenes.SceneGeneratorOptions { Length = 400, TimeLimit = 3 }, $"vector-{seed}");
}
