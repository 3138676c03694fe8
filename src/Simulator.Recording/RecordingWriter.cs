using System.Buffers.Binary;
using System.Diagnostics;
using System.Text.Json;
using Simulator.Driving.Env;
using Simulator.Driving.Snapshots;
using Simulator.Recording.Mcap;
using Simulator.Telemetry.Channels;
using Simulator.Telemetry.Messages;

namespace Simulator.Recording;

/// <summary>
/// The writing side of a recording: channels, encoders and the MCAP writer. Used by the writer thread, and for step
/// blocks and checkpoints also by the simulation thread when the writer thread is late (never both at once for those):
/// chunks are built and compressed apart and only written to the file under a lock, so neither waits for the other's
/// compression.
/// </summary>
internal sealed class RecordingWriter : IDisposable
{
    private static readonly long s_syncTicks = Stopwatch.Frequency * 2;
    private readonly FileStream _file;
    private readonly McapWriter _mcap;
    private readonly TelemetryEncoder _encoder = new();
    // By reference: a channel definition is a record, and hashing its schema text on every message was measurable.
    private readonly Dictionary<ChannelDefinition, ushort> _ids = new(ReferenceEqualityComparer.Instance);
    private uint[] _sequence = [];
    private readonly int _hz;
    private readonly McapCompression _compression;
    private readonly object _emit = new();
    private long _lastSync = Stopwatch.GetTimestamp();
    private readonly Microsoft.Win32.SafeHandles.SafeFileHandle _syncHandle;
    private Task? _sync;
    // Visual messages are gathered into one chunk that goes out every few simulated seconds: JSON compresses many times
    // better in a larger chunk than one message per half-second chunk. A crash loses at most that much of the
    // visuals; the replay data still goes out every half second. Messages are copied into the chunk as they come (no
    // list of arrays kept alive for the garbage collector to promote).
    private readonly McapChunkBuilder _visualChunk;
    private readonly int _visualChunkBlocks;
    private int _blocksSinceVisuals;
    private readonly int _actorsEvery;

    public RecordingWriter(FileStream file, RecordingHeader header, RecordingHeaderCodec.Layout layout, RecorderOptions options, DrivingEnv env)
    {
        _file = file;
        // fsync works on any descriptor of the file; a second one lets it run beside the writer.
        _syncHandle = File.OpenHandle(file.Name, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        _hz = header.Hz;
        _compression = options.Compression;
        _visualChunk = new McapChunkBuilder();
        _visualChunkBlocks = Math.Max(1, (int)Math.Round(VisualChunkSeconds * header.Hz / layout.BlockSteps));
        _actorsEvery = layout.SceneEvery;
        _mcap = new McapWriter(file, new McapWriterOptions
        {
            Compression = options.Compression,
            Library = "simulator " + header.SimulatorVersion,
            SyncChunks = false,
            ChunkSize = 4 << 20,
        }, leaveOpen: true);
        _mcap.WriteMetadata(RecordingHeaderCodec.MetadataName, RecordingHeaderCodec.ToMetadata(header, layout));
        ulong now = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000UL;
        _mcap.WriteAttachment(RecordingHeaderCodec.SceneAttachment, "application/json", 0, now, System.Text.Encoding.UTF8.GetBytes(header.SceneJson));
        if (layout.VisualEvery > 0)
        {
            foreach (ChannelDefinition c in (ChannelDefinition[])[TelemetryChannels.Track, TelemetryChannels.Actors, TelemetryChannels.Transforms,
                TelemetryChannels.EgoState, TelemetryChannels.Reward])
            {
                Add(c);
            }
        }
        if (options.CameraFrames)
        {
            Add(TelemetryChannels.Camera);
        }
        if (options.PerceptionOutputs)
        {
            Add(TelemetryChannels.PerceptionAnnotations);
            Add(TelemetryChannels.PerceptionScores);
        }
        foreach (ChannelDefinition c in RecordingChannels.All)
        {
            Add(c);
        }
        _sequence = new uint[_ids.Values.Max() + 1];
        if (layout.VisualEvery > 0)
        {
            Write(TelemetryChannels.Track, 0, _encoder.Track(env.Scene, 0).Span);
        }
        _mcap.FlushChunk();
    }

    private void Add(ChannelDefinition c)
    {
        ushort schema = _mcap.AddSchema(c.SchemaName, c.SchemaEncoding, c.SchemaBytes.Span);
        _ids[c] = _mcap.AddChannel(schema, c.Topic, c.MessageEncoding);
    }

    /// <summary>Simulated seconds of visual messages gathered into one chunk.</summary>
    public const double VisualChunkSeconds = 10;

    /// <summary>A message's channel id, the channel's next sequence number, and the log time of <paramref name="step"/>.</summary>
    private (ushort Id, uint Sequence, ulong Time) Stamp(ChannelDefinition channel, long step)
    {
        ushort id = _ids[channel];
        return (id, _sequence[id]++, RecordingHeaderCodec.LogTime(step, _hz));
    }

    /// <summary>Adds a message to <paramref name="chunk"/>.</summary>
    private void Add(McapChunkBuilder chunk, ChannelDefinition channel, long step, ReadOnlySpan<byte> data)
    {
        var (id, seq, t) = Stamp(channel, step);
        chunk.Add(id, seq, t, t, data);
    }

    private void WriteVisual(ChannelDefinition channel, long step, ReadOnlyMemory<byte> data) => Add(_visualChunk, channel, step, data.Span);

    /// <summary>Compresses the visual chunk (outside the file lock: a block may be written meanwhile) and writes it.</summary>
    private void FlushVisuals()
    {
        Volatile.Write(ref _blocksSinceVisuals, 0);
        if (_visualChunk.IsEmpty)
        {
            return;
        }
        _visualChunk.Seal(_compression);
        lock (_emit)
        {
            _mcap.WriteChunk(_visualChunk);
        }
        _visualChunk.Clear();
    }

    /// <summary>Writes a message into the MCAP writer's own open chunk (the track, the episode summary).</summary>
    private void Write(ChannelDefinition channel, long step, ReadOnlySpan<byte> data)
    {
        var (id, seq, t) = Stamp(channel, step);
        _mcap.WriteMessage(id, seq, t, t, data);
    }

    /// <summary>A chunk and a buffer for writing replay data, one per thread that writes it.</summary>
    public sealed class ReplayScratch : IDisposable
    {
        private byte[] _buffer = new byte[1 << 14];

        public McapChunkBuilder Chunk { get; } = new();

        /// <summary>The scratch buffer's first <paramref name="size"/> bytes (grown if need be).</summary>
        public Span<byte> Get(int size)
        {
            if (_buffer.Length < size)
            {
                _buffer = new byte[Math.Max(size, 2 * _buffer.Length)];
            }
            return _buffer.AsSpan(0, size);
        }

        public void Dispose() => Chunk.Dispose();
    }

    /// <summary>
    /// Writes a step block (and its events) as a chunk of its own and hands it to the operating system: what a killed
    /// process loses is bounded by blocks. These small chunks go out often, so they use LZ4 (measured: 25 µs per
    /// block against 55 µs with zstd, for 0.9 MB more per simulated hour); the big visual chunks use zstd.
    /// </summary>
    public void WriteBlock(StepBlock block, ReplayScratch scratch)
    {
        Span<byte> buffer = scratch.Get(block.EncodedSize);
        int n = block.Encode(buffer);
        Add(scratch.Chunk, RecordingChannels.Steps, block.FirstStep, buffer[..n]);
        foreach (RecordedEvent e in block.Events)
        {
            Add(scratch.Chunk, RecordingChannels.Events, e.Step, EventJson(e, _hz));
        }
        WriteReplayChunk(scratch);
        Interlocked.Increment(ref _blocksSinceVisuals);
    }

    private void WriteReplayChunk(ReplayScratch scratch)
    {
        scratch.Chunk.Seal(McapCompression.Lz4);
        lock (_emit)
        {
            _mcap.WriteChunk(scratch.Chunk);
        }
        scratch.Chunk.Clear();
    }

    /// <summary>
    /// The writer's slower work, done after the step blocks of a batch are out: the visual chunk when it is due, and
    /// an fsync every few wall seconds. The fsync runs beside the writer (on a handle of its own), so a slow disk
    /// never holds up the blocks: a killed process needs them handed to the operating system, not on the disk.
    /// </summary>
    public void Upkeep()
    {
        if (Volatile.Read(ref _blocksSinceVisuals) >= _visualChunkBlocks || _visualChunk.Length > 8 << 20)
        {
            FlushVisuals();
        }
        if (_sync is { IsCompleted: true })
        {
            _sync.GetAwaiter().GetResult(); // an fsync failure is the writer's failure
            _sync = null;
        }
        if (_sync is null && Stopwatch.GetTimestamp() - _lastSync > s_syncTicks)
        {
            _lastSync = Stopwatch.GetTimestamp();
            _sync = Task.Run(() => RandomAccess.FlushToDisk(_syncHandle));
        }
    }

    /// <summary>Writes a full-state checkpoint as a chunk of its own (handed to the operating system at once).</summary>
    public void WriteCheckpoint(long step, ReadOnlySpan<byte> state, ReplayScratch scratch)
    {
        Span<byte> span = scratch.Get(4 + state.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)step);
        state.CopyTo(span[4..]);
        Add(scratch.Chunk, RecordingChannels.Checkpoint, step, span);
        WriteReplayChunk(scratch);
    }

    public void WriteVisual(long step, WorldSnapshot snapshot, in EgoSample ego)
    {
        ulong t = RecordingHeaderCodec.LogTime(step, _hz);
        if (_actorsEvery > 0 && step % _actorsEvery == 0)
        {
            WriteVisual(TelemetryChannels.Actors, step, _encoder.Actors(snapshot, t));
        }
        WriteVisual(TelemetryChannels.Transforms, step, _encoder.Transforms(snapshot, t));
        WriteVisual(TelemetryChannels.EgoState, step, _encoder.Ego(snapshot, ego, t));
        WriteVisual(TelemetryChannels.Reward, step, _encoder.Reward(ego, t));
    }

    public void WriteCamera(long step, CameraFrame frame) =>
        WriteVisual(TelemetryChannels.Camera, step, _encoder.Camera(frame, RecordingHeaderCodec.LogTime(step, _hz)));

    public void WritePerception(long step, PerceptionOverlay overlay)
    {
        ulong t = RecordingHeaderCodec.LogTime(step, _hz);
        WriteVisual(TelemetryChannels.PerceptionAnnotations, step, _encoder.PerceptionAnnotations(overlay, t));
        WriteVisual(TelemetryChannels.PerceptionScores, step, _encoder.PerceptionScores(overlay.Scores, t));
    }

    public void WriteEpisode(EpisodeSummary s, ulong finalHash)
    {
        FlushVisuals();
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteNumber("steps", s.Steps);
            json.WriteString("end", s.End.ToString());
            json.WriteNumber("laps", s.Laps);
            WriteNumber(json, "lap_progress", s.LapProgress);
            WriteNumber(json, "last_lap_time", s.LastLapTime);
            WriteNumber(json, "best_lap_time", s.BestLapTime);
            WriteNumber(json, "distance", s.Distance);
            WriteNumber(json, "time", s.Time);
            json.WriteNumber("collisions", s.Collisions);
            json.WriteNumber("yield_failures", s.YieldFailures);
            WriteNumber(json, "off_road_time", s.OffRoadTime);
            WriteNumber(json, "return", s.Return);
            json.WriteString("final_state_hash", finalHash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }
        lock (_emit)
        {
            Write(RecordingChannels.Episode, s.Steps, stream.ToArray());
            _mcap.FlushChunk();
        }
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double v)
    {
        if (double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    internal static byte[] EventJson(RecordedEvent e, int hz)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteNumber("step", e.Step);
            json.WriteNumber("time", e.Step / (double)hz);
            json.WriteString("kind", e.Kind);
            json.WriteString("detail", e.Detail);
            json.WriteEndObject();
        }
        return stream.ToArray();
    }

    public void Dispose()
    {
        try
        {
            FlushVisuals();
            lock (_emit)
            {
                _mcap.Dispose();
            }
            _sync?.GetAwaiter().GetResult();
            _file.Flush(flushToDisk: true);
        }
        finally
        {
            try
            {
                _sync?.Wait();
            }
            catch (AggregateException)
            {
                // already reported above, or the file failed first
            }
            _encoder.Dispose();
            _visualChunk.Dispose();
            _syncHandle.Dispose();
            _file.Dispose();
        }
    }
}
