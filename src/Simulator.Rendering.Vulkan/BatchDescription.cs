using Simulator.Core;

namespace Simulator.Rendering.Vulkan;

/// <summary>Shape of a camera batch: N cameras (one per env) sharing one resolution and one set of outputs.</summary>
/// <param name="EnvCount">Cameras in the batch (layers of the render targets), 1 to the device's layer limit.</param>
/// <param name="Width">Image width in pixels.</param>
/// <param name="Height">Image height in pixels.</param>
/// <param name="Outputs">Extra outputs besides colour.</param>
/// <param name="MaxInstancesPerEnv">Prop instances one env may add per frame.</param>
/// <param name="FramesInFlight">Frames that may be submitted and not yet waited for (2 = double buffering).</param>
/// <param name="RenderPasses">Render passes the cameras are split into, each over a contiguous range of envs (0 = auto:
/// up to <see cref="AutoCpuRenderPasses"/> on a CPU device, 1 on a GPU). lavapipe bins and shades a pass's geometry on
/// the submitting thread and rasterises it on its own threads, one pass at a time; several passes let it bin pass
/// k+1 while pass k is rasterised. The pixels of an env do not depend on this split.</param>
public sealed record BatchDescription(int EnvCount, int Width, int Height, RenderOutputs Outputs = RenderOutputs.Color,
    int MaxInstancesPerEnv = 32, int FramesInFlight = 2, int RenderPasses = 0)
{
    /// <summary>Render passes chosen by auto on a CPU device (lavapipe): measured best on the 2-core dev machine.</summary>
    public const int AutoCpuRenderPasses = 4;

    /// <summary>Most render passes per batch.</summary>
    public const int MaxRenderPasses = 64;

    internal int ResolveRenderPasses(GpuDeviceType device) =>
        Math.Min(EnvCount, RenderPasses > 0 ? RenderPasses : device == GpuDeviceType.Cpu ? AutoCpuRenderPasses : 1);

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
        if (RenderPasses < 0 || RenderPasses > MaxRenderPasses)
        {
            throw new SimInputException($"RenderPasses {RenderPasses} is invalid", path: "renderPasses", hint: $"use 0 (auto) or 1..{MaxRenderPasses}");
        }
        long pixels = (long)EnvCount * Width * Height;
        if (pixels * 4 > int.MaxValue)
        {
            throw new SimInputException($"batch {EnvCount}x{Width}x{Height} exceeds 2 GiB per output", path: "envs",
                hint: "use fewer cameras per batch or a smaller resolution");
        }
    }
}
