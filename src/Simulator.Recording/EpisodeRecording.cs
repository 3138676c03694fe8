using Simulator.Driving.Env;
using Simulator.Driving.Runtime;

namespace Simulator.Recording;

// CONTRACT SKELETON (implemented by the recording core; signatures kept).

/// <summary>
/// One recorded episode (an MCAP file written by <see cref="EpisodeRecorder"/>), opened for reading: header, length,
/// summary, events. Streams: opening reads the summary and indexes, never the whole file.
/// </summary>
public sealed class EpisodeRecording : IDisposable
{
    /// <summary>Opens a recording; a foreign or unusable file is a <see cref="Core.SimInputException"/> naming it.</summary>
    public static EpisodeRecording Open(string path) => throw new NotImplementedException();

    public string Path => throw new NotImplementedException();
    public RecordingHeader Header => throw new NotImplementedException();
    /// <summary>Steps recorded (after recovery: the complete ones).</summary>
    public long Steps => throw new NotImplementedException();
    /// <summary>Simulated seconds recorded.</summary>
    public double Duration => throw new NotImplementedException();
    /// <summary>The episode's summary; null when the recording was cut off before the episode ended.</summary>
    public EpisodeSummary? Summary => throw new NotImplementedException();
    public IReadOnlyList<RecordedEvent> Events => throw new NotImplementedException();
    /// <summary>Null for a complete file; otherwise a one-line warning saying how much was recovered.</summary>
    public string? RecoveryWarning => throw new NotImplementedException();
    /// <summary>The embedded scene, compiled.</summary>
    public CompiledScene Scene => throw new NotImplementedException();

    public void Dispose() => throw new NotImplementedException();
}
