using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using Simulator.Recording;

namespace Simulator.Cli.Commands;

/// <summary>`--record DIR` (drive, watch, eval, demo) and `--record-every K` (train): episodes as MCAP files for `sim replay`.</summary>
internal static class RecordOption
{
    public const string Name = "--record";

    public static Option<string?> Create() => CommonOptions.OutputFolder(Name,
        "Record every episode into this folder, one MCAP file each (replay: sim replay FILE; also opens in Foxglove)");

    /// <summary>The recording folder when --record was given (episodes cut off at the end are kept unless <paramref name="keepUnfinished"/> is false).</summary>
    /// <param name="perception">Perception runs in the loop: its outputs go into the recordings too.</param>
    public static RecordingFolder? Start(ParseResult parse, string? modelPath = null, bool keepUnfinished = true, bool perception = false)
    {
        string? folder = parse.GetValue<string?>(Name);
        return folder is null ? null : Create(folder, modelPath, null, 1, keepUnfinished, perception);
    }

    public static RecordingFolder Create(string folder, string? modelPath, string? config, int every, bool keepUnfinished, bool perception = false) =>
        new(folder, new RecorderOptions
        {
            Source = CommandLine(),
            Model = modelPath is null ? null : ModelIdentity(modelPath),
            Config = config,
            PerceptionOutputs = perception,
        }, every, keepUnfinished);

    /// <summary>Closes the folder's open recordings and says on stderr what was recorded.</summary>
    public static void Finish(ParseResult parse, RecordingFolder? folder)
    {
        if (folder is null)
        {
            return;
        }
        folder.Dispose();
        IReadOnlyList<string> files = folder.Files;
        string first = files.Count > 0 ? $" (e.g. sim replay {files[0]})" : "";
        string dropped = folder.DroppedVisuals > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {folder.DroppedVisuals} visual messages dropped (writer behind)") : "";
        parse.InvocationConfiguration.Error.WriteLine($"sim: recorded {files.Count} episode(s) in {folder.Folder}{first}{dropped}");
    }

    /// <summary>File name and the first 16 hex digits of the model file's SHA-256.</summary>
    public static string ModelIdentity(string path)
    {
        using var stream = File.OpenRead(path);
        return $"{Path.GetFileName(path)} sha256:{Convert.ToHexStringLower(SHA256.HashData(stream))[..16]}";
    }

    private static string CommandLine()
    {
        string[] args = Environment.GetCommandLineArgs();
        return "sim " + string.Join(' ', args.Skip(1).Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a));
    }
}
