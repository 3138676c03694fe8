using Simulator.Driving.Cameras;
using Simulator.Driving.Scenes;
using Simulator.Driving.Snapshots;
using Simulator.Physics;
using Simulator.Rendering.Vulkan;

namespace Simulator.Perception.GroundTruth;

/// <summary>
/// Draws world snapshots from a camera sensor mounted on each snapshot's ego into rows of a camera batch that has
/// segmentation and boxes (the render <see cref="FrameGroundTruth"/> labels), exactly as <see cref="CameraRig"/>
/// draws a snapshot: its scene's static set, lighting, randomisation and one prop instance per actor. The camera
/// pose comes from <see cref="CameraSnapshot.Mounted"/> on the ego actor's pose, so any sensor works whether or not
/// the scene's ego carries it. Not thread-safe.
/// </summary>
public sealed class GroundTruthRenderer
{
    public const RenderOutputs Outputs = RenderOutputs.Segmentation | RenderOutputs.Boxes;

    private readonly VulkanRenderer _renderer;
    private readonly SceneSets _sets;

    public GroundTruthRenderer(VulkanRenderer renderer, SensorSpec camera)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        ArgumentNullException.ThrowIfNull(camera);
        _renderer = renderer;
        Camera = camera.Camera is null ? throw new ArgumentException("not a camera sensor", nameof(camera)) : camera;
        _sets = new SceneSets(renderer);
    }

    public SensorSpec Camera { get; }

    /// <summary>A batch of <paramref name="envs"/> rows at the camera's size with the ground-truth outputs.</summary>
    public CameraBatch CreateBatch(int envs, int maxInstancesPerEnv) =>
        _renderer.CreateBatch(new BatchDescription(envs, Camera.Camera!.Width, Camera.Camera.Height, Outputs, maxInstancesPerEnv));

    /// <summary>Describes <paramref name="snapshot"/> into row <paramref name="row"/> (after the caller cleared the
    /// row's instances) and returns the camera it is seen from.</summary>
    public CameraSnapshot Describe(CameraBatch batch, int row, WorldSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Scene is null)
        {
            throw new ArgumentException("the snapshot was never filled", nameof(snapshot));
        }
        ActorSnapshot ego = FrameGroundTruth.EgoOf(snapshot);
        var camera = CameraSnapshot.Mounted(Camera, new VehicleState(ego.Position.X, ego.Position.Y, ego.Yaw));
        ref EnvView view = ref batch.Env(row);
        view = FrameGroundTruth.ViewOf(snapshot, camera);
        view.StaticSet = _sets.StaticSet(snapshot.Scene);
        foreach (ref readonly var a in snapshot.Actors)
        {
            var instance = PropInstance.Create(_sets.Mesh(a.Mesh), a.Position, a.Yaw, a.Color, a.Class, a.InstanceId);
            instance.Scale = a.Scale;
            batch.AddInstance(row, instance);
        }
        return camera;
    }
}
