using Simulator.Recording;

namespace Simulator.Cli.Commands;

// CONTRACT SKELETON (implemented by the recording core; signatures kept).
internal static class ReplayInfo
{
    /// <summary>`--info`: scene, steps, duration, return, laps and events.</summary>
    public static int Print(EpisodeRecording recording, Output output) => throw new NotImplementedException();

    /// <summary>`--verify`: re-simulates every step; exit 1 with the first divergence.</summary>
    public static int Verify(EpisodeRecording recording, Output output) => throw new NotImplementedException();
}
