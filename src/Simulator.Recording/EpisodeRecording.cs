using System.Buffers.Binary;
using System.Text.Json;
using Simulator.Core;
using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Simulator.Driving.Scenes;
using Simulator.Recording.Mcap;
using Simulator.Telemetry.Channels;

namespace Simulator.Recording;

/// <summary>
/// One recorded episode (an MCAP file written by <see cref="EpisodeRecorder"/>), opened for reading: header, length,
/// summary, events. Streams: opening reads the summary section and the last chunk, never the whole file; replay reads
/// the step blocks and checkpoints it needs, chunk by chunk.
/// </summary>
public sealed class EpisodeRecording : IDisposable
{
    private readonly McapReader _reader;
    private readonly ushort _steps, _checkpoints;
    private readonly ushort? _events, _episode;
    private IReadOnlyList<RecordedEvent>? _eventList;

    private EpisodeRecording(string path, McapReader reader)
    {
        Path = path;
        _reader = reader;
        McapMetadata meta = reader.Metadata.FirstOrDefault(m => m.Name == RecordingHeaderCodec.MetadataName)
            ?? throw new FormatException($"it is an MCAP file but not a simulator recording (no '{RecordingHeaderCodec.MetadataName}' metadata)");
        McapAttachment scene = reader.Attachments.FirstOrDefault(a => a.Name == RecordingHeaderCodec.SceneAttachment)
            ?? throw new FormatException($"it has no embedded scene ('{RecordingHeaderCodec.SceneAttachment}' attachment)");
        string sceneJson = System.Text.Encoding.UTF8.GetString(scene.Data.Span);
        (Header, Layout) = RecordingHeaderCodec.FromMetadata(meta.Values, sceneJson, path);
        _steps = ChannelId(RecordingChannels.Steps) ?? throw new FormatException("it has no /sim/steps channel");
        _checkpoints = ChannelId(RecordingChannels.Checkpoint) ?? throw new FormatException("it has no /sim/checkpoint channel");
        _events = ChannelId(RecordingChannels.Events);
        _episode = ChannelId(RecordingChannels.Episode);
        Scene = SceneCompiler.Compile(SceneLoader.Parse(sceneJson, path + " (embedded scene)"));
        ReadEnd();
        if (reader.Recovery is { } r)
        {
            RecoveryWarning = $"'{path}' was cut off ({r.Reason}): recovered {Steps:N0} steps ({Duration:0.0} s of simulated time) up to its last complete chunk";
        }
        else if (Summary is null)
        {
            RecoveryWarning = $"the episode in '{path}' was not finished when recording stopped: {Steps:N0} steps ({Duration:0.0} s) recorded";
        }
    }

    /// <summary>Opens a recording; a foreign or unusable file is a <see cref="SimInputException"/> naming it.</summary>
    public static EpisodeRecording Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        SafeFile.RequireReadableFile(path, "recording");
        McapReader reader;
        try
        {
            reader = McapReader.Open(path);
        }
        catch (McapFormatException e)
        {
            throw new SimInputException($"'{path}' cannot be read as a recording: {e.Message}", path, inner: e);
        }
        try
        {
            return new EpisodeRecording(path, reader);
        }
        catch (Exception e) when (e is FormatException or McapFormatException or SimInputException or JsonException)
        {
            reader.Dispose();
            throw new SimInputException($"'{path}' is not a usable recording: {e.Message}", path, inner: e);
        }
    }

    public string Path { get; }
    public RecordingHeader Header { get; }
    internal RecordingHeaderCodec.Layout Layout { get; }

    /// <summary>Steps recorded (after recovery: the complete ones).</summary>
    public long Steps { get; private set; }

    /// <summary>Simulated seconds recorded.</summary>
    public double Duration => Steps / (double)Header.Hz;

    /// <summary>The episode's summary; null when the recording was cut off before the episode ended.</summary>
    public EpisodeSummary? Summary { get; private set; }

    /// <summary>The state hash after the last step, from the summary (null without one).</summary>
    public ulong? FinalStateHash { get; private set; }

    /// <summary>Null for a complete file; otherwise a one-line warning saying how much was recovered.</summary>
    public string? RecoveryWarning { get; }

    /// <summary>The embedded scene, compiled.</summary>
    public CompiledScene Scene { get; }

    /// <summary>Size of the file in bytes.</summary>
    public long FileBytes => new FileInfo(Path).Length;

    /// <summary>Chunks in the file (each about one simulated second).</summary>
    public int Chunks => _reader.Chunks.Count;

    /// <summary>Events of the episode, read on first use (one pass over the file's chunks).</summary>
    public IReadOnlyList<RecordedEvent> Events => _eventList ??= Guard(ReadEvents);

    public void Dispose() => _reader.Dispose();

    private ushort? ChannelId(ChannelDefinition c)
    {
        foreach (McapChannel ch in _reader.Channels.Values)
        {
            if (ch.Topic == c.Topic)
            {
                return ch.Id;
            }
        }
        return null;
    }

    private void ReadEnd()
    {
        if (_episode is { } episode)
        {
            foreach (McapMessage m in _reader.ReadMessages(_reader.MessageEndTime, ulong.MaxValue, c => c.Id == episode))
            {
                ParseSummary(m.Data.Span);
            }
        }
        if (Summary is null)
        {
            // No summary: the last complete step block says how far the episode got.
            for (int i = _reader.Chunks.Count - 1; i >= 0 && Steps == 0; i--)
            {
                foreach (McapMessage m in _reader.ReadChunk(i, c => c.Id == _steps))
                {
                    Steps = Math.Max(Steps, StepBlock.Decode(m.Data.Span).LastStep);
                }
            }
        }
    }

    private void ParseSummary(ReadOnlySpan<byte> json)
    {
        using var doc = JsonDocument.Parse(json.ToArray());
        JsonElement r = doc.RootElement;
        double D(string name) => r.GetProperty(name).ValueKind == JsonValueKind.Number ? r.GetProperty(name).GetDouble() : double.NaN;
        Steps = r.GetProperty("steps").GetInt64();
        Summary = new EpisodeSummary(Header.SceneName, Header.Seed, Enum.Parse<EpisodeEnd>(r.GetProperty("end").GetString()!), r.GetProperty("laps").GetInt32(),
            D("lap_progress"), D("last_lap_time"), D("best_lap_time"), D("distance"), D("time"), Steps, r.GetProperty("collisions").GetInt32(),
            D("off_road_time"), D("return"), r.GetProperty("yield_failures").GetInt32());
        FinalStateHash = Convert.ToUInt64(r.GetProperty("final_state_hash").GetString(), 16);
    }

    private List<RecordedEvent> ReadEvents()
    {
        var list = new List<RecordedEvent>();
        if (_events is not { } id)
        {
            return list;
        }
        foreach (McapMessage m in _reader.ReadMessages(0, ulong.MaxValue, c => c.Id == id))
        {
            using var doc = JsonDocument.Parse(m.Data.ToArray());
            JsonElement r = doc.RootElement;
            long step = r.GetProperty("step").GetInt64();
            if (step <= Steps)
            {
                list.Add(new RecordedEvent(step, r.GetProperty("kind").GetString() ?? "", r.GetProperty("detail").GetString() ?? ""));
            }
        }
        return list;
    }

    /// <summary>The step block holding <paramref name="step"/> (1..Steps); null if the file lacks it.</summary>
    internal StepBlock? ReadBlock(long step) => Guard(() => ReadBlockCore(step));

    /// <summary>The full state recorded after <paramref name="step"/>; null if the file has no checkpoint there.</summary>
    internal byte[]? ReadCheckpoint(long step) => Guard(() => ReadCheckpointCore(step));

    /// <summary>Reads through the file; damage found on the way becomes a <see cref="SimInputException"/> naming the file.</summary>
    private T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is McapFormatException or FormatException or JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new SimInputException($"'{Path}' is damaged: {e.Message}", Path, inner: e);
        }
    }

    private StepBlock? ReadBlockCore(long step)
    {
        long first = (step - 1) / Layout.BlockSteps * Layout.BlockSteps + 1;
        ulong t = RecordingHeaderCodec.LogTime(first, Header.Hz);
        foreach (McapMessage m in _reader.ReadMessages(t, t + 1, c => c.Id == _steps))
        {
            StepBlock b = StepBlock.Decode(m.Data.Span);
            if (b.FirstStep == first)
            {
                return b;
            }
        }
        return null;
    }

    private byte[]? ReadCheckpointCore(long step)
    {
        ulong t = RecordingHeaderCodec.LogTime(step, Header.Hz);
        foreach (McapMessage m in _reader.ReadMessages(t, t + 1, c => c.Id == _checkpoints))
        {
            ReadOnlySpan<byte> data = m.Data.Span;
            if (data.Length > 4 && BinaryPrimitives.ReadUInt32LittleEndian(data) == (uint)step)
            {
                return data[4..].ToArray();
            }
        }
        return null;
    }
}
