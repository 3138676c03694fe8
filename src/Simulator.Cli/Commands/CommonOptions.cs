using System.CommandLine;
using Simulator.Core;

namespace Simulator.Cli.Commands;

internal static partial class CommonOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Print results as JSON on stdout" };

    /// <summary>A shipped scene's name or a scene file, resolved while parsing (see <see cref="ResolveScene"/>).</summary>
    public static Option<string> Scene(string defaultScene = "oval")
    {
        var option = new Option<string>("--scene", "-s")
        {
            Description = "Scene name (from scenes/) or path to a scene JSON file",
            DefaultValueFactory = _ => defaultScene,
        };
        option.Validators.Add(r => CheckPath(r, "--scene", path => ResolveScene(path)));
        return option;
    }

    /// <summary>A comma-separated list of scene names or files, each resolved while parsing.</summary>
    public static Option<string> SceneList(string name, string description, string defaultValue, params string[] aliases)
    {
        var option = new Option<string>(name, aliases) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(r => CheckPath(r, name, list =>
        {
            string[] names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (names.Length == 0)
            {
                throw new SimInputException("the list of scenes is empty", path: name, hint: "e.g. oval,hairpins");
            }
            foreach (string scene in names)
            {
                ResolveScene(scene);
            }
        }));
        return option;
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

    /// <summary>Resolves a scene name or path to an existing file, or fails with a list of the shipped scenes.
    /// A path that exists must be a readable regular file (not a folder, a device or a pipe).</summary>
    public static string ResolveScene(string nameOrPath)
    {
        if (string.IsNullOrWhiteSpace(nameOrPath))
        {
            throw new SimInputException("the scene name is empty", path: "--scene", hint: "shipped scenes: " + string.Join(", ", ShippedScenes()));
        }
        string dir = Path.Combine(RepoRoot(), "scenes");
        string candidate = Path.Combine(dir, nameOrPath.EndsWith(".json", StringComparison.Ordinal) ? nameOrPath : nameOrPath + ".json");
        bool isName = nameOrPath.IndexOfAny(['/', '\\']) < 0;
        if (Path.Exists(nameOrPath) && !(isName && Directory.Exists(nameOrPath) && File.Exists(candidate)))
        {
            SafeFile.RequireReadableFile(nameOrPath, "--scene");
            return nameOrPath;
        }
        if (isName && File.Exists(candidate))
        {
            return candidate;
        }
        if (!isName)
        {
            throw new SimInputException($"'{nameOrPath}' does not exist", path: "--scene", hint: "give a scene name or the path of a scene JSON file");
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
