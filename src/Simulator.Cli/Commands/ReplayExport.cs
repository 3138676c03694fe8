using Simulator.Recording;

namespace Simulator.Cli.Commands;

// CONTRACT SKELETON (implemented by the export helper; signature kept).
internal static class ReplayExport
{
    /// <summary>Renders the request's range of the recording headless to a video and/or PNG frames; returns the exit code.</summary>
    public static int Run(EpisodeRecording recording, ReplayExportRequest request, Output output) => throw new NotImplementedException();
}
