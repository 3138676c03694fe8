using System.Globalization;
using Simulator.Recording;
using Simulator.Viewer.Export;

namespace Simulator.Cli.Commands;

/// <summary>`sim replay FILE --export/--frames`: re-simulates the recording headless and renders the requested range
/// (see <see cref="EpisodeExporter"/> for the sampling and the files).</summary>
internal static class ReplayExport
{
    /// <summary>Renders the request's range of the recording headless to a video and/or PNG frames; returns the exit code.</summary>
    public static int Run(EpisodeRecording recording, ReplayExportRequest request, Output output)
    {
        ArgumentNullException.ThrowIfNull(recording);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        var settings = new ExportSettings(request.VideoPath, request.FramesFolder, View(request.Camera), request.Width, request.Height,
            request.From, request.To);
        if (settings.VideoPath is not null)
        {
            VideoFormats.Of(settings.VideoPath); // a wrong extension is refused before the replay starts
        }
        using var session = new ReplaySession(recording);
        ExportResult r = EpisodeExporter.Run(new ReplayEpisodeSource(session), settings, Console.IsErrorRedirected ? null : Console.Error);
        output.Line(Summary(r, request));
        if (session.Divergence is { } d)
        {
            // The frames show the re-simulation, which left the recorded states here (sim replay --verify tells more).
            Console.Error.WriteLine($"sim: warning: the replay diverged from the recording at step {d.Step} ({d.What}); frames after it show the re-simulation");
        }
        return 0;
    }

    public static ExportView View(ExportCamera camera) => camera switch
    {
        ExportCamera.Agent => ExportView.Agent,
        ExportCamera.Top => ExportView.Top,
        _ => ExportView.Chase,
    };

    private static string Summary(ExportResult r, ReplayExportRequest request)
    {
        var inv = CultureInfo.InvariantCulture;
        string where = string.Join(" and ", new[]
        {
            request.VideoPath is { } v ? string.Create(inv, $"{v} ({r.VideoBytes / 1024.0:0} KiB)") : null,
            request.FramesFolder is { } f ? $"{f}/frame-*.png" : null,
        }.Where(s => s is not null));
        return string.Create(inv,
            $"exported {r.Frames} frames ({r.ClipSeconds:0.00} s from {r.FirstStep / (r.Fps * r.Stride):0.00} s at {r.Fps:0.##} frames/s, {request.Width}x{request.Height}, {request.Camera.ToString().ToLowerInvariant()} camera) to {where} in {r.WallSeconds:0.0} s ({r.FramesPerSecond:0.0} frames/s)");
    }
}
