using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using Simulator.Recording;

namespace Simulator.Cli.Commands;

/// <summary>`--record DIR` (drive, watch, eval, demo) and `--record-every K` (train): episodes as MCAP files for `sim replay`.</summary>
internal static class RecordOption
{
    public const string Name = "--record";

    public const string CameraName = "--record-camera";

    public static Option<string?> Create() => CommonOptions.OutputFolder(Name,
        "Record every episode into this folder, one MCAP file each (replay: sim replay FILE; also opens in Foxglove)");

    /// <summary>`--record-camera`: camera frames in the recordings too (JPEG on /camera/agent).</summary>
    public static Option<bool> CameraOption() => new(CameraName)
    {
        Description = "With --record: also record the camera frames (JPEG on /camera/agent): the model's camera for a camera model, "
            + "perception's camera with --perception. Replay re-renders any camera without them; this keeps the pixels the run saw",
    };

    /// <summary>Adds --record and --record-camera to a command.</summary>
    public static void AddTo(Command command)
    {
        command.Options.Add(Create());
        command.Options.Add(CameraOption());
    }

    /// <summary>The recording folder when --record was given (episodes cut off at the end are kept unless <paramref name="keepUnfinished"/> is false).</summary>
    /// <param name="perception">Perception runs in the loop: its outputs go into the recordings too.</param>
    public static RecordingFolder? Start(ParseResult parse, string? modelPath = null, bool keepUnfinished = true, bool perception = false)
    {
        string? folder = parse.GetValue<string?>(Name);
        bool camera = HasCameraOption(parse) && parse.GetValue<bool>(CameraName);
        if (camera && folder is null)
        {
            throw new Core.SimInputException($"{CameraName} needs --record", path: CameraName, hint: "give --record DIR too");
        }
        return folder is null ? null : Create(folder, modelPath, null, 1, keepUnfinished, perception, camera);
    }

    public static RecordingFolder Create(string folder, string? modelPath, string? config, int every, bool keepUnfinished, bool perception = false,
        bool cameraFrames = false) =>
        new(folder, new RecorderOptions
        {
            Source = CommandLine(),
            Model = modelPath is null ? null : ModelIdentity(modelPath),
            Config = config,
            PerceptionOutputs = perception,
            CameraFrames = cameraFrames,
        }, every, keepUnfinished);

    private static bool HasCameraOption(ParseResult parse) => parse.CommandResult.Command.Options.Any(o => o.Name == CameraName);

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
