using System.Globalization;
using Simulator.Core;

namespace Simulator.Learning.Runs;

/// <summary>
/// One writer per run folder: an exclusive OS lock on <c>.lock</c> inside the folder (FileShare.None, which .NET
/// takes with flock on Unix and a share mode on Windows), held for the life of the run. The kernel drops the lock
/// when the holder exits in any way, kill -9 included, so a lock left by a killed process never blocks the next run.
/// The holder's pid is written beside it (<c>.owner</c>) only to name it in the refusal.
/// </summary>
public sealed class RunLock : IDisposable
{
    public const string LockName = ".lock";
    public const string OwnerName = ".owner";

    private readonly FileStream _lock;

    private RunLock(FileStream handle) => _lock = handle;

    /// <summary>Takes the folder's lock, or refuses (exit 2) naming the folder and the holder's pid.</summary>
    public static RunLock Acquire(string directory)
    {
        string path = Path.Combine(directory, LockName);
        string owner = Path.Combine(directory, OwnerName);
        SafeFile.PrepareTarget(path);
        FileStream handle;
        try
        {
            handle = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new SimInputException($"the run folder {directory} is in use by another sim train ({Holder(owner)})",
                hint: "wait for it to finish or stop it, or pass another --out");
        }
        catch (UnauthorizedAccessException)
        {
            throw new SimInputException($"cannot lock the run folder {directory}: permission denied", file: path);
        }
        try
        {
            SafeFile.WriteAllText(owner, string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId}\n"));
        }
        catch
        {
            handle.Dispose();
            throw;
        }
        return new RunLock(handle);
    }

    private static string Holder(string owner)
    {
        try
        {
            string text = File.ReadAllText(owner).Trim();
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int pid) ? $"pid {pid}" : "pid unknown";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "pid unknown";
        }
    }

    public void Dispose() => _lock.Dispose();
}
