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
        if (meta.EgoSensors.Length > 0)
        {
            description = SceneLoader.WithEgoSensors(description, SceneLoader.ParseSensors(meta.EgoSensors, modelPath));
        }
        if (meta.MaxSpeed > 0)
        {
            description = description with { Egos = description.Egos.SetItem(0, description.Egos[0] with { MaxSpeed = meta.MaxSpeed }) };
        }
        return description;
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
