using Simulator.Driving.Scenes;

namespace Simulator.Driving.Cameras;

/// <summary>Ready-made camera sensors: the driver's front camera and the spectator (chase) camera for viewers and video.</summary>
public static class CameraSetups
{
    public static SensorSpec Front(int width = 84, int height = 84, bool depth = false, bool segmentation = false) => new()
    {
        Kind = SensorKind.Camera,
        Name = "front",
        Camera = new CameraSpec { Width = width, Height = height, FovDegrees = 75, X = 1.9, Z = 1.45, Pitch = -9, Depth = depth, Segmentation = segmentation },
        Path = "(front camera)",
    };

    /// <summary>Behind and above the car, full resolution.</summary>
    public static SensorSpec Spectator(int width = 1280, int height = 720) => new()
    {
        Kind = SensorKind.Camera,
        Name = "spectator",
        Camera = new CameraSpec { Width = width, Height = height, FovDegrees = 60, X = -9, Z = 4.0, Pitch = -14, Depth = true, Segmentation = true },
        Path = "(spectator camera)",
    };

    /// <summary>The scene with its (first) ego's camera replaced by <paramref name="camera"/>, other sensors kept.</summary>
    public static SceneDescription WithCamera(SceneDescription scene, SensorSpec camera)
    {
        var ego = scene.Egos[0];
        var sensors = (ego.Sensors.IsDefaultOrEmpty ? Sensors.ObservationLayout.DefaultSensors : ego.Sensors)
            .RemoveAll(s => s.Kind == SensorKind.Camera).Add(camera);
        return scene with { Egos = scene.Egos.SetItem(0, ego with { Sensors = sensors }) };
    }
}
