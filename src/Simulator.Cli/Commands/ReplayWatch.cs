using System.CommandLine;
using Simulator.Recording;
using Simulator.Telemetry.Live;

namespace Simulator.Cli.Commands;

// CONTRACT SKELETON (implemented by the replay-viewer helper; signatures kept).
internal static class ReplayWatch
{
    /// <summary>Adds the viewer options of `sim replay` (window size, speed, ...; not --frames, which is the PNG export).</summary>
    public static void AddOptions(Command cmd)
    {
    }

    /// <summary>Opens the viewer with a timeline on the re-simulated recording (and/or streams it to <paramref name="live"/>); returns the exit code.</summary>
    public static int Run(ParseResult parse, EpisodeRecording recording, FoxgloveLive? live, Output output) => throw new NotImplementedException();
}
