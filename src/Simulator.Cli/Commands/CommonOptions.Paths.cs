using System.CommandLine;
using System.CommandLine.Parsing;
using Simulator.Core;

namespace Simulator.Cli.Commands;

/// <summary>
/// Path options, checked while parsing so that a bad path stops the command before anything runs or is written:
/// inputs must be readable regular files; outputs must be writable through <see cref="SafeFile"/> (an existing
/// folder, and no folder, device or pipe at the target). The checks never throw; a problem becomes one parse error
/// naming the option and the path.
/// </summary>
internal static partial class CommonOptions
{
    /// <summary>A file the command reads.</summary>
    public static Option<string?> InputFile(string name, string description, bool required = false, params string[] aliases)
    {
        var option = new Option<string?>(name, aliases) { Description = description, Required = required };
        option.Validators.Add(r => CheckPath(r, name, path => SafeFile.RequireReadableFile(path, name)));
        return option;
    }

    /// <summary>A file the command writes; <paramref name="targets"/> lists every file written for the given path
    /// (default: just that path), and all of them are checked before the command starts.</summary>
    public static Option<string?> OutputFile(string name, string description, bool required = false, Func<string, IEnumerable<string>>? targets = null,
        params string[] aliases)
    {
        var option = new Option<string?>(name, aliases) { Description = description, Required = required };
        option.Validators.Add(r => CheckPath(r, name, path =>
        {
            foreach (string target in targets?.Invoke(path) ?? [path])
            {
                SafeFile.PrepareTarget(target);
            }
        }));
        return option;
    }

    /// <summary>A folder the command writes into (created when missing).</summary>
    public static Option<string?> OutputFolder(string name, string description, params string[] aliases)
    {
        var option = new Option<string?>(name, aliases) { Description = description };
        option.Validators.Add(r => CheckPath(r, name, path => SafeFile.RequireFolderOrMissing(path, name)));
        return option;
    }

    /// <summary>Runs <paramref name="check"/> on the option's value; a failure becomes one parse error.</summary>
    private static void CheckPath(OptionResult r, string name, Action<string> check)
    {
        if (r.Tokens.Count != 1)
        {
            return;
        }
        string path = r.Tokens[0].Value;
        if (string.IsNullOrWhiteSpace(path))
        {
            r.AddError($"{name}: the path is empty");
            return;
        }
        try
        {
            check(path);
        }
        catch (SimInputException e)
        {
            // ResolveScene and the SafeFile checks name the option themselves; others name the path.
            r.AddError(e.Path == name ? e.Message : $"{name}: {e.Problem}" + (e.Hint is null ? "" : $" ({e.Hint})"));
        }
        catch (Exception e) when (e is SimException or IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            r.AddError($"{name}: cannot use '{path}': {e.Message}");
        }
    }
}
