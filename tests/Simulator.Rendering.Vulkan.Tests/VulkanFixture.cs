using Simulator.Rendering.Vulkan;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Simulator.Rendering.Vulkan.Tests;

/// <summary>One validated lavapipe/GPU context shared by all tests of the collection (instance creation with the
/// validation layer is slow). Tests fail on any validation warning or error.</summary>
public sealed class VulkanFixture : IDisposable
{
    public VulkanFixture()
    {
        Context = VulkanContext.Create(new RendererOptions(Gpu: "auto", Validation: true));
    }

    public VulkanContext Context { get; }

    public void AssertNoValidationMessages()
    {
        IReadOnlyList<string> messages = Context.ValidationMessages;
        Context.ClearValidationMessages();
        Assert.True(messages.Count == 0, "Validation messages:\n" + string.Join("\n", messages));
    }

    public void Dispose() => Context.Dispose();
}

[CollectionDefinition(Name)]
public sealed class VulkanCollection : ICollectionFixture<VulkanFixture>
{
    public const string Name = "vulkan";
}
