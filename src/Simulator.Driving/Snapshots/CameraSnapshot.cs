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
}
