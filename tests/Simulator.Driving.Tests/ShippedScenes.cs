namespace Simulator.Driving.Tests;

internal static class ShippedScenes
{
    public static string Directory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "scenes");
                if (System.IO.Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "Simulator.sln")))
                {
                    return candidate;
                }
            }
            throw new DirectoryNotFoundException("scenes/ not found above " + AppContext.BaseDirectory);
        }
    }

    public static IEnumerable<object[]> Names() =>
        System.IO.Directory.GetFiles(Directory, "*.json").Where(f => !f.EndsWith("scene.schema.json", StringComparison.Ordinal))
            .Select(f => new object[] { Path.GetFileNameWithoutExtension(f) }).OrderBy(o => (string)o[0], StringComparer.Ordinal);

    public static string PathOf(string name) => System.IO.Path.Combine(Directory, name + ".json");
}
