using System.Runtime.InteropServices;

namespace Simulator.Core;

/// <summary>
/// The one writer for every file the project replaces (checkpoints, models, PNGs, scenes, configs, run metadata).
/// <list type="bullet">
/// <item>It refuses a target that exists and is not a regular file (a folder, a device such as /dev/null, a pipe, a
/// socket), so <c>--out /dev/null</c> can never replace a device. A symbolic link is followed and its final target
/// is written and checked.</item>
/// <item>It writes a temporary file beside the target, flushes it to disk, renames it over the target and flushes the
/// folder, so a kill or a power cut at any moment leaves the old file or the new one, never half of one.</item>
/// <item>It removes its temporary file on every failure, including exceptions thrown by the caller's writer.</item>
/// </list>
/// Errors the user can fix (a missing folder, a non-regular target, no permission) are <see cref="SimInputException"/>s
/// naming the path; others (a full disk) are <see cref="SimRuntimeException"/>s. Neither names a .NET type.
/// </summary>
public static partial class SafeFile
{
    /// <summary>Writes <paramref name="text"/> (UTF-8, no byte-order mark) to <paramref name="path"/>.</summary>
    public static void WriteAllText(string path, string text, bool createFolder = false)
        => Write(path, s =>
        {
            using var w = new StreamWriter(s, new System.Text.UTF8Encoding(false), leaveOpen: true);
            w.Write(text);
        }, createFolder);

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes, bool createFolder = false)
    {
        string target = PrepareTarget(path, createFolder);
        string temp = TempPath(target);
        try
        {
            using (FileStream s = CreateTemp(temp, path))
            {
                s.Write(bytes);
                s.Flush(flushToDisk: true);
            }
            Commit(temp, target, path);
        }
        catch (Exception e)
        {
            Discard(temp);
            throw Translate(e, path);
        }
    }

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>, which gets a stream over the temporary
    /// file (it must not close it). The target is replaced only if <paramref name="write"/> returns normally.</summary>
    public static void Write(string path, Action<Stream> write, bool createFolder = false)
    {
        ArgumentNullException.ThrowIfNull(write);
        string target = PrepareTarget(path, createFolder);
        string temp = TempPath(target);
        try
        {
            using (FileStream s = CreateTemp(temp, path))
            {
                write(s);
                s.Flush(flushToDisk: true);
            }
            Commit(temp, target, path);
        }
        catch (Exception e)
        {
            Discard(temp);
            throw Translate(e, path);
        }
    }

    /// <summary>
    /// Checks that <paramref name="path"/> can be written as a regular file: its folder exists (or is created when
    /// <paramref name="createFolder"/>) and it is either absent or a regular file. Returns the full path to write (a
    /// symbolic link's final target). Append-only writers (CSV logs, event files) call this before opening.
    /// </summary>
    public static string PrepareTarget(string path, bool createFolder = false)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new SimInputException("an output path is empty", hint: "give a file path");
        }
        string full;
        try
        {
            full = Path.GetFullPath(path);
            if (new FileInfo(full).LinkTarget is not null && File.ResolveLinkTarget(full, returnFinalTarget: true) is { } link)
            {
                full = link.FullName;
            }
        }
        catch (Exception e) when (e is IOException or ArgumentException or NotSupportedException or UnauthorizedAccessException)
        {
            throw new SimInputException($"cannot use '{path}' as an output file: {e.Message}", path: path);
        }
        string? folder = Path.GetDirectoryName(full);
        if (folder is null || Path.GetFileName(full).Length == 0)
        {
            throw new SimInputException($"'{path}' names a folder, not a file", path: path, hint: "give a file path");
        }
        if (Kind(folder) is not (EntryKind.Folder or EntryKind.Missing))
        {
            throw new SimInputException($"'{folder}' is not a folder", path: path);
        }
        if (Kind(folder) == EntryKind.Missing)
        {
            if (!createFolder)
            {
                throw new SimInputException($"folder '{folder}' does not exist", path: path, hint: "create it first or choose another path");
            }
            try
            {
                Directory.CreateDirectory(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new SimInputException($"cannot create folder '{folder}': {e.Message}", path: path);
            }
        }
        EntryKind kind = Kind(full);
        if (kind is not (EntryKind.Missing or EntryKind.Regular))
        {
            throw new SimInputException($"'{path}' is {Describe(kind)}, not a regular file; refusing to replace it",
                path: path, hint: "give the path of a regular file");
        }
        return full;
    }

    /// <summary>Flushes a folder's entries (a rename or a new file in it) to disk. Best effort where the platform has
    /// no such call.</summary>
    public static void FlushFolder(string folder)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }
        int fd = open(folder, 0 /* O_RDONLY */);
        if (fd < 0)
        {
            return;
        }
        try
        {
            _ = fsync(fd);
        }
        finally
        {
            _ = close(fd);
        }
    }

    private static string TempPath(string target)
        => Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");

    private static FileStream CreateTemp(string temp, string path)
    {
        try
        {
            return new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new SimInputException($"cannot write '{path}': permission denied", path: path, inner: e);
        }
    }

    private static void Commit(string temp, string target, string path)
    {
        // Checked again right before the rename: the target may have been replaced while the file was written.
        EntryKind kind = Kind(target);
        if (kind is not (EntryKind.Missing or EntryKind.Regular))
        {
            throw new SimInputException($"'{path}' is {Describe(kind)}, not a regular file; refusing to replace it", path: path);
        }
        File.Move(temp, target, overwrite: true);
        FlushFolder(Path.GetDirectoryName(target)!);
    }

    private static void Discard(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static Exception Translate(Exception e, string path) => e switch
    {
        SimException => e,
        UnauthorizedAccessException => new SimInputException($"cannot write '{path}': permission denied", path: path, inner: e),
        DirectoryNotFoundException => new SimInputException($"cannot write '{path}': its folder does not exist", path: path, inner: e),
        IOException => new SimRuntimeException($"cannot write '{path}': {e.Message}", e),
        _ => e,
    };

    private enum EntryKind { Missing, Regular, Folder, CharacterDevice, BlockDevice, Pipe, Socket, Other }

    private static string Describe(EntryKind kind) => kind switch
    {
        EntryKind.Folder => "a folder",
        EntryKind.CharacterDevice => "a character device",
        EntryKind.BlockDevice => "a block device",
        EntryKind.Pipe => "a named pipe",
        EntryKind.Socket => "a socket",
        _ => "not a regular file",
    };

    private static EntryKind Kind(string full)
    {
        if (OperatingSystem.IsLinux())
        {
            return LinuxKind(full);
        }
        if (Directory.Exists(full))
        {
            return EntryKind.Folder;
        }
        if (!File.Exists(full))
        {
            return EntryKind.Missing;
        }
        return (File.GetAttributes(full) & FileAttributes.Device) != 0 ? EntryKind.CharacterDevice : EntryKind.Regular;
    }

    private const int AT_FDCWD = -100;
    private const uint STATX_TYPE = 1;
    private const int ENOENT = 2;
    private const int ENOTDIR = 20;

    // struct statx has the same layout on every Linux architecture: stx_mode is the u16 at byte 28.
    private static unsafe EntryKind LinuxKind(string full)
    {
        byte* buffer = stackalloc byte[256];
        if (statx(AT_FDCWD, full, 0, STATX_TYPE, buffer) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            return errno is ENOENT or ENOTDIR ? EntryKind.Missing : EntryKind.Other;
        }
        int type = *(ushort*)(buffer + 28) & 0xF000;
        return type switch
        {
            0x8000 => EntryKind.Regular,
            0x4000 => EntryKind.Folder,
            0x2000 => EntryKind.CharacterDevice,
            0x6000 => EntryKind.BlockDevice,
            0x1000 => EntryKind.Pipe,
            0xC000 => EntryKind.Socket,
            _ => EntryKind.Other,
        };
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int statx(int dirfd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc")]
    private static partial int fsync(int fd);

    [LibraryImport("libc")]
    private static partial int close(int fd);
}
