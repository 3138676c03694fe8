namespace Simulator.Rendering.Vulkan.Tests;

internal static class TestPaths
{
    /// <summary>The repository root (the folder holding Simulator.sln), found upwards from the test binaries.</summary>
    public static string RepoRoot
    {
        get
        {
            string? dir = AppContext.BaseDirectory;
            while (dir != null && !File.Exists(Path.Combine(dir, "Simulator.sln")))
            {
                dir = Path.GetDirectoryName(dir);
            }
            return dir ?? throw new InvalidOperationException("Simulator.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string Assets => Path.Combine(RepoRoot, "assets");

    public static string Golden => Path.Combine(RepoRoot, "tests", "Simulator.Rendering.Vulkan.Tests", "Golden");
}
