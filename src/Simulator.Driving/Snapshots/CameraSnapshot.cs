using Simulator.Rendering.Vulkan;

namespace Simulator.Driving.Snapshots;

/// <summary>One camera sensor of the ego at the snapshot's instant: world pose (from the ego pose and the sensor's
/// mount, with vertical field of view, near and far planes), image size and the outputs the sensor wants.</summary>
public struct CameraSnapshot
{
    public CameraPose Pose;
    public int Width;
    public int Height;
    /// <summary>Colour always; depth and segmentation when the sensor asks for them.</summary>
    public RenderOutputs Outputs;

    /// <summary>A camera sensor mounted on a vehicle in the given state, exactly as snapshots place the ego's
    /// cameras (e.g. to render a recording from a camera it was not recorded with).</summary>
    public static CameraSnapshot Mounted(Scenes.SensorSpec sensor, in Physics.VehicleState vehicle) => SnapshotBuilder.MakeCamera(sensor, vehicle);
}
