using System.Diagnostics;
using System.Globalization;
using Simulator.Core;
using Simulator.Rendering.Vulkan;

namespace Simulator.Viewer.Export;

/// <summary>What to export from an episode: a video (.mp4 or .gif) and/or PNG frames, the view, the size, the time
/// range in simulated seconds (null: the start, the end) and the HUD.</summary>
public sealed record ExportSettings(string? VideoPath, string? FramesFolder, ExportView View, int Width, int Height,
    double? From = null, double? To = null, bool Hud = true)
{
    /// <summary>Where to look for ffmpeg (PATH-style folder list); null: the PATH variable.</summary>
    public string? FfmpegSearchPath { get; init; }
}

/// <summary>What an export wrote: frame count, the steps they were taken at, the frame rate and the clip's length,
/// the video's size in bytes (0 without one) and the wall-clock rate.</summary>
public sealed record ExportResult(int Frames, long FirstStep, int Stride, double Fps, double ClipSeconds, long VideoBytes,
    double WallSeconds, string Device)
{
    public double FramesPerSecond => WallSeconds > 0 ? Frames / WallSeconds : 0;
}

/// <summary>
/// Renders an episode's frames headless and writes them as a video through ffmpeg and/or PNG files.
/// <para>Sampling: the simulation runs at <c>Hz</c> steps per second (60 in the shipped scenes); a frame is taken
/// every <c>stride = round(Hz / target)</c> steps, the target being 30 frames/s for mp4 and PNG frames and 20 for
/// GIF, so the clip plays in real time at <c>Hz / stride</c> frames/s (30 or 20 at 60 Hz). Frames cover the
/// half-open range [from, to): <c>--from 1 --to 3</c> gives 2 s, 60 frames at 30 frames/s.</para>
/// <para>Files: the video is written by ffmpeg into a temporary file beside the target and renamed over it only
/// when the encode succeeded (<see cref="SafeFile.WriteWithTempPath"/>); PNGs are <c>frame-000000.png</c>... each
/// through <see cref="SafeFile"/>.</para>
/// </summary>
public static class EpisodeExporter
{
    public static ExportResult Run(IEpisodeSource source, ExportSettings settings, TextWriter? progress = null, VulkanRenderer? renderer = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.VideoPath is null && settings.FramesFolder is null)
        {
            throw new SimInputException("nothing to export", hint: "give --export FILE.mp4|FILE.gif and/or --frames DIR");
        }
        VideoFormat? format = settings.VideoPath is null ? null : VideoFormats.Of(settings.VideoPath);
        string? ffmpeg = format is null ? null : FfmpegWriter.Locate(settings.FfmpegSearchPath);
        if (format == VideoFormat.Mp4 && (settings.Width % 2 != 0 || settings.Height % 2 != 0))
        {
            throw new SimInputException($"an mp4 export needs an even width and height, not {settings.Width}x{settings.Height}",
                path: "--export-size", hint: "e.g. 960x540");
        }
        int hz = source.Hz > 0 ? source.Hz : 60;
        int stride = Math.Max(1, (int)Math.Round(hz / (double)VideoFormats.TargetFps(format ?? VideoFormat.Mp4)));
        (long first, long end) = Range(settings.From, settings.To, source.StepCount, hz);
        int frames = (int)((end - first + stride - 1) / stride);
        if (settings.FramesFolder is not null)
        {
            PrepareFolder(settings.FramesFolder);
        }

        var clock = Stopwatch.StartNew();
        using var frameRenderer = new FrameRenderer(settings.Width, settings.Height, settings.View, settings.Hud, renderer);
        long videoBytes = 0;
        if (settings.VideoPath is { } videoPath)
        {
            SafeFile.WriteWithTempPath(videoPath, temp =>
            {
                using var writer = new FfmpegWriter(ffmpeg!, temp, format!.Value, settings.Width, settings.Height, hz, stride);
                Walk(source, frameRenderer, first, stride, frames, settings.FramesFolder, writer, progress);
                writer.Finish();
            });
            videoBytes = new FileInfo(videoPath).Length;
        }
        else
        {
            Walk(source, frameRenderer, first, stride, frames, settings.FramesFolder, null, progress);
        }
        clock.Stop();
        return new ExportResult(frames, first, stride, hz / (double)stride, frames * stride / (double)hz, videoBytes,
            clock.Elapsed.TotalSeconds, frameRenderer.DeviceName);
    }

    /// <summary>The steps [first, end) of a time range clamped to the episode; an empty range is a
    /// <see cref="SimInputException"/>.</summary>
    public static (long First, long End) Range(double? from, double? to, long stepCount, int hz)
    {
        double duration = stepCount / (double)hz;
        double f = Math.Clamp(from ?? 0, 0, duration), t = Math.Clamp(to ?? duration, 0, duration);
        if (f >= t)
        {
            string what = from is not null && to is not null && from >= to
                ? string.Create(CultureInfo.InvariantCulture, $"--from {from:0.###} must be before --to {to:0.###}")
                : string.Create(CultureInfo.InvariantCulture, $"the range {from ?? 0:0.###} .. {to ?? duration:0.###} s holds no frame of a {duration:0.###} s recording");
            throw new SimInputException(what, path: "--from/--to", hint: "times are simulated seconds from the episode's start");
        }
        long first = (long)Math.Ceiling(f * hz - 1e-6);
        long end = Math.Max(first + 1, (long)Math.Ceiling(t * hz - 1e-6));
        return (first, Math.Min(end, stepCount + 1));
    }

    private static void Walk(IEpisodeSource source, FrameRenderer renderer, long first, int stride, int frames, string? folder,
        FfmpegWriter? video, TextWriter? progress)
    {
        // The return so far needs every reward from the start: stepping without rendering costs little.
        source.Seek(0);
        double ret = 0;
        while (source.Step < first && source.StepForward())
        {
            ret += source.LastReward;
        }
        long lastReport = Stopwatch.GetTimestamp();
        using var png = new MemoryStream();
        for (int k = 0; k < frames; k++)
        {
            var info = new ExportFrameInfo(source.Info, source.LastAction, source.LastReward, ret);
            ReadOnlySpan<byte> rgba = renderer.Render(source.Snapshot, info);
            video?.Write(rgba);
            if (folder is not null)
            {
                png.SetLength(0);
                PngWriter.Encode(png, renderer.Width, renderer.Height, rgba, 4);
                SafeFile.WriteAllBytes(Path.Combine(folder, FrameName(k)), png.GetBuffer().AsSpan(0, (int)png.Length));
            }
            for (int s = 0; s < stride && k + 1 < frames; s++)
            {
                if (!source.StepForward())
                {
                    break;
                }
                ret += source.LastReward;
            }
            long now = Stopwatch.GetTimestamp();
            if (progress is not null && now - lastReport > Stopwatch.Frequency)
            {
                progress.WriteLine($"export: {k + 1}/{frames} frames");
                lastReport = now;
            }
        }
    }

    /// <summary>The name of frame <paramref name="index"/> in a frames folder.</summary>
    public static string FrameName(int index) => string.Create(CultureInfo.InvariantCulture, $"frame-{index:D6}.png");

    private static void PrepareFolder(string folder)
    {
        if (File.Exists(folder))
        {
            throw new SimInputException($"'{folder}' is a file, not a folder", path: "--frames", hint: "give a folder (it is created when missing)");
        }
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SimInputException($"cannot create folder '{folder}': {e.Message}", path: "--frames");
        }
    }
}
