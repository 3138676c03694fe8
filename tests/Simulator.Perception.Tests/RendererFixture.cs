using Simulator.Rendering.Vulkan;

namespace Simulator.Perception.Tests;

/// <summary>One renderer (lavapipe in CI, with the validation layer) shared by the tests that render; they fail on
/// any validation message.</summary>
public sealed class RendererFixture : IDisposable
{
    public RendererFixture()
    {
        Renderer = VulkanRenderer.Create(new RendererOptions(Gpu: "auto", Validation: true));
    }

    public VulkanRenderer Renderer { get; }

    public void AssertNoValidationMessages()
    {
        IReadOnlyList<string> messages = Renderer.Context.ValidationMessages;
        Renderer.Context.ClearValidationMessages();
        Assert.True(messages.Count == 0, "Validation messages:\n" + string.Join("\n", messages));
    }

    public void Dispose() => Renderer.Dispose();
}

[CollectionDefinition(Name)]
public sealed class RendererCollection : ICollectionFixture<RendererFixture>
{
    public const string Name = "perception-renderer";
}
