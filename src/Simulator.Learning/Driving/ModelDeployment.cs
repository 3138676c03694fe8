using System.Collections.Immutable;
using Simulator.Driving.Runtime;
using Simulator.Driving.Scenes;
using Simulator.Learning.Runs;

namespace Simulator.Learning.Driving;

/// <summary>
/// A scene made ready for a trained model, the same way for every command that deploys one (`sim drive --model`,
/// `sim eval --model`, `sim watch --model`, `sim demo`): the model brings the sensors it was trained with (mounted on
/// the scene's ego, replacing the scene's own) and the speed limiter of the car it learned to drive. Envs for the
/// model are then built by <see cref="DrivingEnvs.ForModel"/> (which adds the model's perception).
/// </summary>
public static class ModelDeployment
{
    /// <param name="modelPath">Names the model in errors about its recorded sensors.</param>
    public static SceneDescription Mount(SceneDescription description, ModelMeta meta, string modelPath)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(meta);
        return MountEgo(description, meta.EgoSensors.Length > 0 ? SceneLoader.ParseSensors(meta.EgoSensors, modelPath) : [], meta.MaxSpeed);
    }

    /// <summary>
    /// The scene with <paramref name="sensors"/> on its ego (when not empty) and its limiter at
    /// <paramref name="maxSpeed"/> (when above 0; <paramref name="autopilotSpeed"/> too when above 0).
    /// </summary>
    public static SceneDescription MountEgo(SceneDescription description, ImmutableArray<SensorSpec> sensors, double maxSpeed, double autopilotSpeed = 0)
    {
        ArgumentNullException.ThrowIfNull(description);
        if (!sensors.IsDefaultOrEmpty)
        {
            description = SceneLoader.WithEgoSensors(description, sensors);
        }
        var ego = description.Egos[0];
        ego = ego with
        {
            MaxSpeed = maxSpeed > 0 ? maxSpeed : ego.MaxSpeed,
            AutopilotSpeed = autopilotSpeed > 0 ? autopilotSpeed : ego.AutopilotSpeed,
        };
        return description with { Egos = description.Egos.SetItem(0, ego) };
    }

    /// <summary>The compiled scene with the model's sensors and speed limiter (recompiled only when they change it).</summary>
    public static CompiledScene Mount(CompiledScene scene, ModelMeta meta, string modelPath)
    {
        ArgumentNullException.ThrowIfNull(scene);
        ArgumentNullException.ThrowIfNull(meta);
        if (meta.EgoSensors.Length == 0 && meta.MaxSpeed <= 0)
        {
            return scene;
        }
        return SceneCompiler.Compile(Mount(scene.Description, meta, modelPath));
    }
}
