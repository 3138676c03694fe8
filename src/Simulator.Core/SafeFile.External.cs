namespace Simulator.Core;

public static partial class SafeFile
{
    /// <summary>
    /// Writes <paramref name="path"/> through <paramref name="writeTemp"/>, which gets the path of a temporary file
    /// beside the target (not yet existing) and must create it, e.g. by running a program that writes to a path, such
    /// as ffmpeg. The temporary file is flushed to disk and renamed over the target only if
    /// <paramref name="writeTemp"/> returns normally and the file exists; otherwise it is removed.
    /// </summary>
    public static void WriteWithTempPath(string path, Action<string> writeTemp, bool createFolder = false)
    {
        ArgumentNullException.ThrowIfNull(writeTemp);
        string target = PrepareTarget(path, createFolder);
        string temp = TempPath(target);
        try
        {
            writeTemp(temp);
            if (!File.Exists(temp))
            {
                throw new SimRuntimeException($"cannot write '{path}': the writer produced no file");
            }
            using (var s = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
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
}
