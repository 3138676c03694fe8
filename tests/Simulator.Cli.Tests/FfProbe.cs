using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Simulator.Cli.Tests;

/// <summary>ffprobe's view of a video: width, height, decoded frame count and duration.</summary>
internal static class FfProbe
{
    public static (int Width, int Height, int Frames, double Duration) Video(string file)
    {
        var info = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { "-v", "error", "-count_frames", "-show_entries", "stream=width,height,nb_read_frames,duration:format=duration", "-of", "json", file })
        {
            info.ArgumentList.Add(a);
        }
        using var p = Process.Start(info)!;
        string json = p.StandardOutput.ReadToEnd();
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, err);
        using var doc = JsonDocument.Parse(json);
        var s = doc.RootElement.GetProperty("streams")[0];
        string duration = s.TryGetProperty("duration", out var d) ? d.GetString()! : doc.RootElement.GetProperty("format").GetProperty("duration").GetString()!;
        return (s.GetProperty("width").GetInt32(), s.GetProperty("height").GetInt32(),
            int.Parse(s.GetProperty("nb_read_frames").GetString()!, CultureInfo.InvariantCulture),
            double.Parse(duration, CultureInfo.InvariantCulture));
    }
}
