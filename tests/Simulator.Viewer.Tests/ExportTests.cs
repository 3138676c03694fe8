using System.Diagnostics;
using System.Text.Json;
using Simulator.Core;
using Simulator.Driving.Env;
using Simulator.Viewer.Export;

namespace Simulator.Viewer.Tests;

/// <summary>The headless exporter on a live autopilot episode of the oval (the same snapshots a replay gives):
/// frames from each view, mp4 and GIF through ffmpeg checked with ffprobe, PNG frames, the range rules and the errors.</summary>
public sealed class ExportTests
{
    private static string TempFolder()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"sim-export-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    [Theory]
    [InlineData(ExportView.Chase)]
    [InlineData(ExportView.Agent)]
    [InlineData(ExportView.Top)]
    public void Each_view_renders_road_sky_and_the_hud(ExportView view)
    {
        using var env = ViewerHarness.Env("oval");
        var source = new LiveEpisodeSource(env, 3, 240);
        source.Seek(120);
        using var renderer = new FrameRenderer(640, 360, view, hud: true);
        byte[] rgba = renderer.Render(source.Snapshot, new ExportFrameInfo(source.Info, source.LastAction, source.LastReward, 1.5)).ToArray();
        Rendering.Vulkan.PngWriter.WriteRgba(Path.Combine(AppContext.BaseDirectory, $"export-{view.ToString().ToLowerInvariant()}.png"), 640, 360, rgba);
        // Not one flat colour: a rendered scene has many distinct colours in its middle rows.
        var colours = new HashSet<int>();
        for (int y = 100; y < 260; y += 4)
        {
            for (int x = 0; x < 640; x += 4)
            {
                int o = (y * 640 + x) * 4;
                colours.Add(rgba[o] << 16 | rgba[o + 1] << 8 | rgba[o + 2]);
            }
        }
        Assert.True(colours.Count > 20, $"{view}: only {colours.Count} colours");
        // The HUD box (bottom left) is darkened: darker on average than the same rows on the right.
        Assert.True(Mean(rgba, 640, 20, 280, 200, 340) < Mean(rgba, 640, 440, 280, 620, 340), $"{view}: no HUD box");
    }

    [Fact]
    public void Mp4_and_gif_have_the_frames_size_and_length_asked()
    {
        string folder = TempFolder();
        try
        {
            using var env = ViewerHarness.Env("oval");
            var source = new LiveEpisodeSource(env, 5, 4 * 60);
            string mp4 = Path.Combine(folder, "clip.mp4"), gif = Path.Combine(folder, "clip.gif");
            ExportResult r = EpisodeExporter.Run(source, new ExportSettings(mp4, null, ExportView.Chase, 320, 180, From: 1, To: 3));
            Assert.Equal(60, r.Frames);
            Assert.Equal(2, r.Stride);
            Assert.Equal(60, r.FirstStep);
            var probe = Probe(mp4);
            Assert.Equal(320, probe.Width);
            Assert.Equal(180, probe.Height);
            Assert.Equal(60, probe.Frames);
            Assert.InRange(probe.Duration, 1.95, 2.05);
            Assert.Equal(new FileInfo(mp4).Length, r.VideoBytes);

            ExportResult g = EpisodeExporter.Run(source, new ExportSettings(gif, null, ExportView.Top, 160, 90, From: 0.5, To: 2));
            Assert.Equal(30, g.Frames); // 1.5 s at 20 frames/s
            var gp = Probe(gif);
            Assert.Equal((160, 90, 30), (gp.Width, gp.Height, gp.Frames));
            Assert.InRange(gp.Duration, 1.45, 1.55);
            Assert.Empty(Directory.GetFiles(folder, ".*")); // no temporary file left
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void Png_frames_are_numbered_and_decodable()
    {
        string folder = TempFolder();
        try
        {
            using var env = ViewerHarness.Env("oval");
            var source = new LiveEpisodeSource(env, 5, 120);
            string frames = Path.Combine(folder, "frames");
            ExportResult r = EpisodeExporter.Run(source, new ExportSettings(null, frames, ExportView.Agent, 96, 64, From: 1.5));
            Assert.Equal(15, r.Frames); // 0.5 s left at 30 frames/s
            string[] files = Directory.GetFiles(frames).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(15, files.Length);
            Assert.Equal("frame-000000.png", Path.GetFileName(files[0]));
            Assert.Equal("frame-000014.png", Path.GetFileName(files[^1]));
            using var bitmap = SkiaSharp.SKBitmap.Decode(files[^1]);
            Assert.Equal((96, 64), (bitmap.Width, bitmap.Height));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void Ranges_are_clamped_and_empty_ones_are_refused()
    {
        Assert.Equal((60L, 180L), EpisodeExporter.Range(1, 3, 600, 60));
        Assert.Equal((0L, 600L), EpisodeExporter.Range(null, 99, 600, 60));
        Assert.Equal((540L, 600L), EpisodeExporter.Range(9, null, 600, 60));
        var e = Assert.Throws<SimInputException>(() => EpisodeExporter.Range(3, 1, 600, 60));
        Assert.Contains("--from 3 must be before --to 1", e.Message, StringComparison.Ordinal);
        Assert.Throws<SimInputException>(() => EpisodeExporter.Range(2, 2, 600, 60));
        Assert.Throws<SimInputException>(() => EpisodeExporter.Range(20, null, 600, 60)); // past the end
    }

    [Fact]
    public void Bad_format_odd_mp4_size_and_missing_ffmpeg_are_clear_errors_and_leave_no_file()
    {
        string folder = TempFolder();
        try
        {
            using var env = ViewerHarness.Env("oval");
            var source = new LiveEpisodeSource(env, 5, 60);
            var avi = Assert.Throws<SimInputException>(() => EpisodeExporter.Run(source, new ExportSettings(Path.Combine(folder, "x.avi"), null, ExportView.Chase, 64, 64)));
            Assert.Contains(".mp4 or .gif", avi.Message, StringComparison.Ordinal);
            var odd = Assert.Throws<SimInputException>(() => EpisodeExporter.Run(source, new ExportSettings(Path.Combine(folder, "x.mp4"), null, ExportView.Chase, 65, 64)));
            Assert.Contains("even", odd.Message, StringComparison.Ordinal);
            var missing = Assert.Throws<SimRuntimeException>(() => EpisodeExporter.Run(source,
                new ExportSettings(Path.Combine(folder, "x.mp4"), null, ExportView.Chase, 64, 64) { FfmpegSearchPath = folder }));
            Assert.Contains("apt-get install -y ffmpeg", missing.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', missing.Message);
            Assert.Empty(Directory.GetFileSystemEntries(folder));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void A_failing_ffmpeg_reports_its_error_lines_and_leaves_no_file()
    {
        string folder = TempFolder();
        try
        {
            // A stand-in that fails like ffmpeg does: reads a little, prints an error, exits 1.
            string fake = Path.Combine(folder, "ffmpeg");
            File.WriteAllText(fake, "#!/bin/sh\nhead -c 100 >/dev/null\necho 'Unknown encoder libx264' >&2\nexit 1\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            using var env = ViewerHarness.Env("oval");
            var source = new LiveEpisodeSource(env, 5, 60);
            string target = Path.Combine(folder, "out.mp4");
            var e = Assert.Throws<SimRuntimeException>(() => EpisodeExporter.Run(source,
                new ExportSettings(target, null, ExportView.Chase, 64, 64) { FfmpegSearchPath = folder }));
            Assert.Contains("Unknown encoder libx264", e.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(target));
            Assert.Equal(["ffmpeg"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void Chase_export_rate_at_960x540()
    {
        using var env = ViewerHarness.Env("oval");
        var source = new LiveEpisodeSource(env, 5, 4 * 60);
        // Kept next to the test assembly to look at.
        string video = Path.Combine(AppContext.BaseDirectory, "export-chase-960x540.mp4");
        ExportResult r = EpisodeExporter.Run(source, new ExportSettings(video, null, ExportView.Chase, 960, 540));
        Console.WriteLine($"chase 960x540 mp4 export: {r.Frames} frames in {r.WallSeconds:0.00} s = {r.FramesPerSecond:0.0} frames/s on {r.Device}");
        Assert.Equal(120, r.Frames);
    }

    private static double Mean(byte[] rgba, int width, int x0, int y0, int x1, int y1)
    {
        double sum = 0;
        int n = 0;
        for (int y = y0; y < y1; y++)
        {
            for (int x = x0; x < x1; x++)
            {
                int o = (y * width + x) * 4;
                sum += rgba[o] + rgba[o + 1] + rgba[o + 2];
                n++;
            }
        }
        return sum / n;
    }

    internal static (int Width, int Height, int Frames, double Duration) Probe(string file)
    {
        var info = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { "-v", "error", "-count_frames", "-show_entries", "stream=width,height,nb_read_frames,duration:format=duration", "-of", "json", file })
        {
            info.ArgumentList.Add(a);
        }
        using var p = Process.Start(info)!;
        string json = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, p.StandardError.ReadToEnd());
        using var doc = JsonDocument.Parse(json);
        var s = doc.RootElement.GetProperty("streams")[0];
        string duration = s.TryGetProperty("duration", out var d) ? d.GetString()! : doc.RootElement.GetProperty("format").GetProperty("duration").GetString()!;
        return (s.GetProperty("width").GetInt32(), s.GetProperty("height").GetInt32(),
            int.Parse(s.GetProperty("nb_read_frames").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            double.Parse(duration, System.Globalization.CultureInfo.InvariantCulture));
    }
}
