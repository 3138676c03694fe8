using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Simulator.Rendering.Vulkan.Tests")]
