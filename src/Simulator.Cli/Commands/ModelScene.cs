using Simulator.Driving.Scenes;
using Simulator.Learning.Runs;

namespace Simulator.Cli.Commands;

/// <summary>A scene made ready for a model: the model brings the sensors it was trained with and its car's speed limiter.</summary>
internal static class ModelScene
{
    public static SceneDescription Prepare(SceneDescription description, ModelMeta meta, string modelPath)
    {
        if (meta.EgoSensors.Length > 0)
        {
            // The model brings the sensors it was trained with (e.g. its camera): mount them on this scene's ego.
            description = SceneLoader.WithEgoSensors(description, SceneLoader.ParseSensors(meta.EgoSensors, modelPath));
        }
        if (meta.MaxSpeed > 0)
        {
            // ... and the speed limiter of the car it learned to drive.
            description = description with { Egos = description.Egos.SetItem(0, description.Egos[0] with { MaxSpeed = meta.MaxSpeed }) };
        }
        return description;
    }
}
