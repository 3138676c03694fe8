using System.CommandLine;
using Simulator.Core;

namespace Simulator.Cli.Commands;

internal static class CommonOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Print results as JSON on stdout" };

    public static Option<string> Scene(string defaultScene = "oval") => new("--scene", "-s")
    {
        Description = "Scene name (from scenes/) or path to a scene JSON file",
        DefaultValueFactory = _ => defaultScene,
    };

    public static Option<ulong> Seed() => new("--seed") { Description = "Random seed", DefaultValueFactory = _ => 1UL };

    public static Option<int> Positive(string name, string description, int defaultValue, int max) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue, Validators = { r => Check(r, name, max) } };

    private static void Check(System.CommandLine.Parsing.OptionResult r, string name, int max)
    {
        int v = r.GetValueOrDefault<int>();
        if (v < 1 || v > max)
        {
            r.AddError($"{name} must be between 1 and {max}, got {v}");
        }
    }

    /// <summary>The repository root: SIM_ROOT (set by ./sim), else the nearest parent with scenes/.</summary>
    public static string RepoRoot()
    {
        string? env = Environment.GetEnvironmentVariable("SIM_ROOT");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(Path.Combine(env, "scenes")))
        {
            return env;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "scenes")) && File.Exists(Path.Combine(dir.FullName, "Simulator.sln")))
            {
                return dir.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }

    /// <summary>Resolves a scene name or path to an existing file, or fails with a list of the shipped scenes.</summary>
    public static string ResolveScene(string nameOrPath)
    {
        if (File.Exists(nameOrPath))
        {
            return nameOrPath;
        }
        string dir = Path.Combine(RepoRoot(), "scenes");
        string candidate = Path.Combine(dir, nameOrPath.EndsWith(".json", StringComparison.Ordinal) ? nameOrPath : nameOrPath + ".json");
        if (File.Exists(candidate))
        {
            return candidate;
        }
        throw new SimInputException($"no scene named '{nameOrPath}'", path: "--scene",
            hint: "shipped scenes: " + string.Join(", ", ShippedScenes()));
    }

    public static IEnumerable<string> ShippedScenes()
    {
        string dir = Path.Combine(RepoRoot(), "scenes");
        if (!Directory.Exists(dir))
        {
            return [];
        }
        var names = Directory.GetFiles(dir, "*.json").Select(Path.GetFileNameWithoutExtension).Where(n => n != "scene.schema").Select(n => n!).ToList();
        names.Sort(StringComparer.Ordinal);
        return names;
    }
}
