namespace Simulator.Learning.Runs;

/// <summary>Writes a text file atomically (temp file in the same folder, then rename): readers see the old or the new file.</summary>
internal static class AtomicText
{
    public static void Write(string path, string text)
    {
        string tmp = path + ".tmp";
        File.WriteAllText(tmp, text);
        File.Move(tmp, path, overwrite: true);
    }
}
