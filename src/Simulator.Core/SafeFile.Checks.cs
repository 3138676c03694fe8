namespace Simulator.Core;

/// <summary>Checks of paths a command reads or writes into, made before anything runs so a bad path changes nothing.</summary>
public static partial class SafeFile
{
    /// <summary>
    /// Fails with a <see cref="SimInputException"/> naming <paramref name="option"/> and the path unless
    /// <paramref name="path"/> is an existing regular file this process can open for reading (not a folder, a device,
    /// a pipe or a socket).
    /// </summary>
    public static void RequireReadableFile(string path, string option)
    {
        string full = CheckedFullPath(path, option, "give a file path");
        EntryKind kind = Kind(full);
        if (kind == EntryKind.Missing)
        {
            throw new SimInputException($"'{path}' does not exist", path: option, hint: "check the path");
        }
        if (kind != EntryKind.Regular)
        {
            throw new SimInputException($"'{path}' is {Describe(kind)}, not a regular file", path: option, hint: "give the path of a file");
        }
        try
        {
            using var probe = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
        }
        catch (UnauthorizedAccessException)
        {
            throw new SimInputException($"cannot read '{path}': permission denied", path: option);
        }
        catch (IOException e)
        {
            throw new SimInputException($"cannot read '{path}': {e.Message}", path: option);
        }
    }

    /// <summary>
    /// Fails with a <see cref="SimInputException"/> naming <paramref name="option"/> and the path if
    /// <paramref name="path"/> exists and is not a folder (an output folder the command may create).
    /// </summary>
    public static void RequireFolderOrMissing(string path, string option)
    {
        string full = CheckedFullPath(path, option, "give a folder path");
        EntryKind kind = Kind(full);
        if (kind is not (EntryKind.Missing or EntryKind.Folder))
        {
            string what = kind == EntryKind.Regular ? "a file" : Describe(kind);
            throw new SimInputException($"'{path}' is {what}, not a folder", path: option, hint: "give a folder path");
        }
    }

    private static string CheckedFullPath(string path, string option, string hint)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new SimInputException("the path is empty", path: option, hint: hint);
        }
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new SimInputException($"'{path}' is not a valid path", path: option);
        }
    }
}
