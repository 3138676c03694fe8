using Simulator.Core;

namespace Simulator.Rendering.Vulkan;

/// <summary>Shape of a camera batch: N cameras (one per env) sharing one resolution and one set of outputs.</summary>
/// <param name="EnvCount">Cameras in the batch (layers of the render targets), 1 to the device's layer limit.</param>
/// <param name="Width">Image width in pixels.</param>
/// <param name="Height">Image height in pixels.</param>
/// <param name="Outputs">Extra outputs besides colour.</param>
/// <param name="MaxInstancesPerEnv">Prop instances one env may add per frame.</param>
/// <param name="FramesInFlight">Frames that may be submitted and not yet waited for (2 = double buffering).</param>
public sealed record BatchDescription(int EnvCount, int Width, int Height, RenderOutputs Outputs = RenderOutputs.Color,
    int MaxInstancesPerEnv = 32, int FramesInFlight = 2)
{
    internal RenderOutputs ResolvedOutputs =>
        (Outputs & RenderOutputs.Boxes) != 0 ? Outputs | RenderOutputs.InstanceIds : Outputs;

    internal bool NeedsFullTargets => ResolvedOutputs != RenderOutputs.Color;

    internal void Validate(VulkanContext ctx)
    {
        if (Width <= 0 || Height <= 0 || Width > ctx.MaxImageDimension2D || Height > ctx.MaxImageDimension2D)
        {
            throw new SimInputException($"camera size {Width}x{Height} is invalid", path: "camera.width/height",
                hint: $"use 1..{ctx.MaxImageDimension2D} pixels per side, e.g. 84x84");
        }
        if (EnvCount <= 0 || EnvCount > ctx.MaxImageArrayLayers)
        {
            throw new SimInputException($"batch of {EnvCount} cameras is invalid", path: "envs",
                hint: $"this device renders 1..{ctx.MaxImageArrayLayers} cameras per batch; split larger runs into several batches");
        }
        if (MaxInstancesPerEnv < 0 || MaxInstancesPerEnv > 4096)
        {
            throw new SimInputException($"MaxInstancesPerEnv {MaxInstancesPerEnv} is invalid", path: "maxInstancesPerEnv", hint: "use 0..4096");
        }
        if (FramesInFlight < 1 || FramesInFlight > 4)
        {
            throw new SimInputException($"FramesInFlight {FramesInFlight} is invalid", path: "framesInFlight", hint: "use 1..4 (2 is usual)");
        }
        long pixels = (long)EnvCount * Width * Height;
        if (pixels * 4 > int.MaxValue)
        {
            throw new SimInputException($"batch {EnvCount}x{Width}x{Height} exceeds 2 GiB per output", path: "envs",
                hint: "use fewer cameras per batch or a smaller resolution");
        }
    }
}
