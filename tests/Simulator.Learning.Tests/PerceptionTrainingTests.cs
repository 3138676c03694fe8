using Simulator.Core;
using Simulator.Driving.Runtime;
using Simulator.Driving.Scenes;
using Simulator.Driving.Sensors;
using Simulator.Learning.Driving;
using Simulator.Learning.Runs;
using Simulator.Perception.Loop;

namespace Simulator.Learning.Tests;

/// <summary>PPO with perception observations instead of pixels: trains, saves, and the saved model is deployed with the same observation.</summary>
public class PerceptionTrainingTests
{
    [Fact]
    public void Ppo_with_perception_instead_of_pixels_trains_saves_and_its_model_is_deployed_with_the_same_observation()
    {
        using var models = new PerceptionTestModels();
        string dir = Path.Combine(Path.GetTempPath(), $"run-perception-{Guid.NewGuid():N}");
        try
        {
            var tiny = TrainerConfigYaml.Load(TrainerConfigTests.RepoFile("models", "configs", "tiny-test.yaml"));
            var config = tiny with
            {
                Generator = tiny.Generator! with { EgoSensors = [.. ObservationLayout.DefaultSensors, PerceptionTestModels.Camera] },
                Perception = models.Settings(pixels: false),
                Bc = tiny.Bc with { DemoSteps = 16 },
                Eval = tiny.Eval with { MaxSteps = 10 },
            };
            TrainerConfigYaml.Validate(config);
            using var folder = RunFolder.Create(dir, config);
            var scenes = TrainingScenes.Training(config, n => throw new InvalidOperationException(n), config.Envs);
            var evalScenes = TrainingScenes.Evaluation(config, n => throw new InvalidOperationException(n));
            using var env = DrivingEnvs.Create(scenes, config.Actions, config.Perception, models.Folder, actionRepeat: config.ActionRepeat);
            Assert.IsType<PerceptionVectorEnv>(env);
            Assert.False(env.ObservationSpec.HasImage);
            Assert.Equal(env.DrivingEnv.ObservationSpec.VectorSize + PerceptionFeatures.Size, env.ObservationSpec.VectorSize);
            int demoVectors = 0;
            var hooks = new TrainingHooks
            {
                Demonstrations = () =>
                {
                    var demos = DemonstrationCollector.Collect(scenes, config.Bc.DemoSteps, 1, config.Actions, perception: config.Perception, perceptionRoot: models.Folder);
                    demoVectors = demos.Vectors!.Length / demos.Count;
                    return demos;
                },
                Evaluate = p => PolicyEvaluator.Run(p, evalScenes, new EvalSettings
                {
                    Episodes = 1, MaxSteps = config.Eval.MaxSteps, Perception = config.Perception, PerceptionRoot = models.Folder,
                }),
            };
            using (var run = new TrainingRun(config, folder, env, hooks, resume: false))
            {
                var summary = run.Run();
                Assert.Equal(64, summary.TotalSteps);
            }
            Assert.Equal(env.ObservationSpec.VectorSize, demoVectors);
            Assert.Contains("perception:", File.ReadAllText(folder.ConfigPath), StringComparison.Ordinal);
            Assert.Equal(config.Perception, TrainerConfigYaml.Load(folder.ConfigPath).Perception);

            var (policy, meta) = ModelFile.LoadPolicy(folder.LatestPath);
            using (policy)
            {
                Assert.Equal(config.Perception, meta.Perception);
                Assert.Equal(env.ObservationSpec, meta.ToObservation());
                Assert.True(meta.UsesCamera());
                Assert.Equal(config.Perception, ModelFile.ReadMeta(folder.BestPath).Perception);

                // Deployed through the model helpers: the evaluator and the one-env camera run mount the same perception.
                var report = PolicyEvaluator.Run(policy, evalScenes, EvalSettings.ForModel(meta, models.Folder) with { Episodes = 1, MaxSteps = 5 });
                Assert.Single(report.Episodes);
                var description = SceneLoader.WithEgoSensors(SceneGenerator.Describe(77, new SceneGeneratorOptions { Length = 400 }),
                    SceneLoader.ParseSensors(meta.EgoSensors, folder.LatestPath));
                using (var camera = new CameraModelRun(policy, meta, SceneCompiler.Compile(description), 1, models.Folder))
                {
                    camera.Reset(0);
                    for (int t = 0; t < 3; t++)
                    {
                        camera.Step(out float reward);
                        Assert.True(float.IsFinite(reward));
                    }
                    Assert.Equal(PerceptionTestModels.Size, camera.FrameWidth);
                }

                // The same model without its perception does not fit the env: the evaluator says so.
                var e = Assert.Throws<SimInputException>(() => PolicyEvaluator.Run(policy, evalScenes,
                    EvalSettings.ForModel(meta with { Perception = null }, models.Folder) with { Episodes = 1 }));
                Assert.Contains($"{env.ObservationSpec.VectorSize} values", e.Message, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
