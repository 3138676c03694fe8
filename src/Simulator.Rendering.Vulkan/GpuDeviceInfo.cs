namespace Simulator.Rendering.Vulkan;

/// <summary>One Vulkan physical device as the loader lists it.</summary>
public sealed record GpuDeviceInfo(int Index, string Name, GpuDeviceType Type, string ApiVersion, bool Suitable)
{
    public override string ToString() =>
        $"[{Index}] {Name} ({Type}, Vulkan {ApiVersion}{(Suitable ? "" : ", unsuitable: needs Vulkan 1.3 with graphics")})";
}

public enum GpuDeviceType
{
    Other = 0,
    IntegratedGpu = 1,
    DiscreteGpu = 2,
    VirtualGpu = 3,
    Cpu = 4,
}
