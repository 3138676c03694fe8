using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Simulator.Driving.Runtime;
using Simulator.Driving.Snapshots;
using Simulator.Telemetry.Channels;
using Simulator.Telemetry.Messages;

namespace Simulator.Telemetry.Live;

/// <summary>
/// Live telemetry for Foxglove and Lichtblick: a <see cref="FoxgloveServer"/> plus the publishing side a simulation
/// loop calls. <see cref="Publish"/> is made for the sim thread: with no subscriber it returns after one read; with
/// subscribers it copies at most <see cref="FoxgloveLiveOptions.MaxRateHz"/> snapshots a second into a free slot
/// (none free: the snapshot is skipped and counted) and returns; one background task encodes only the channels
/// somebody subscribes to, and the server's per-client tasks send. Nothing here ever waits for a client.
/// </summary>
public sealed class FoxgloveLive : IDisposable
{
    private static readonly int s_camera = TelemetryChannels.IndexOf(TelemetryChannels.Camera);
    private static readonly int s_track = TelemetryChannels.IndexOf(TelemetryChannels.Track);
    private static readonly int s_actors = TelemetryChannels.IndexOf(TelemetryChannels.Actors);
    private static readonly int s_transforms = TelemetryChannels.IndexOf(TelemetryChannels.Transforms);
    private static readonly int s_ego = TelemetryChannels.IndexOf(TelemetryChannels.EgoState);
    private static readonly int s_reward = TelemetryChannels.IndexOf(TelemetryChannels.Reward);
    private static readonly int s_training = TelemetryChannels.IndexOf(TelemetryChannels.Training);
    private static readonly int s_annotations = TelemetryChannels.IndexOf(TelemetryChannels.PerceptionAnnotations);
    private static readonly int s_scores = TelemetryChannels.IndexOf(TelemetryChannels.PerceptionScores);

    private readonly FoxgloveServer _server;
    private readonly ConcurrentQueue<Frame> _free = new();
    private readonly Channel<Frame> _pending;
    private readonly TelemetryEncoder _encoder;
    private readonly TelemetryEncoder _metricsEncoder = new();
    private readonly Lock _metricsGate = new();
    private readonly Task _encodeLoop;
    private readonly long _interval;
    private long _nextAccept;
    private long _taken, _skipped, _encoded;
    private CompiledScene? _trackScene;

    private FoxgloveLive(FoxgloveServer server, FoxgloveLiveOptions options)
    {
        _server = server;
        _encoder = new TelemetryEncoder(options.JpegQuality);
        _interval = options.MaxRateHz > 0 ? (long)(Stopwatch.Frequency / options.MaxRateHz) : 0;
        // Two slots: one being encoded, one waiting. A newer snapshot replaces the waiting one.
        _free.Enqueue(new Frame());
        _free.Enqueue(new Frame());
        _pending = Channel.CreateBounded<Frame>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true }, Replaced);
        _encodeLoop = Task.Factory.StartNew(EncodeLoopAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <summary>Starts the server on <paramref name="endpoint"/> (see <see cref="FoxgloveServer.Start"/> for its errors).</summary>
    public static FoxgloveLive Start(FoxgloveEndpoint endpoint, FoxgloveLiveOptions? options = null)
    {
        options ??= FoxgloveLiveOptions.Default;
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRateHz);
        return new FoxgloveLive(FoxgloveServer.Start(endpoint, options.Server), options);
    }

    /// <summary>Starts the server on <c>[HOST:]PORT</c> text (bad text: a one-line <see cref="Core.SimInputException"/>).</summary>
    public static FoxgloveLive Start(string endpoint, FoxgloveLiveOptions? options = null) => Start(FoxgloveEndpoint.Parse(endpoint), options);

    public FoxgloveServer Server => _server;

    /// <summary>The URL to open in Foxglove or Lichtblick.</summary>
    public string Url => _server.Url;

    /// <summary>Snapshots taken for encoding since start.</summary>
    public long TakenSnapshots => Interlocked.Read(ref _taken);

    /// <summary>Snapshots due (by the rate) but not encoded because the encoder was behind, since start.</summary>
    public long SkippedSnapshots => Interlocked.Read(ref _skipped);

    /// <summary>Messages encoded since start (0 as long as nobody subscribes).</summary>
    public long EncodedMessages => Interlocked.Read(ref _encoded);

    /// <summary>
    /// Offers the state after a step: the snapshot, optionally the agent's camera frame and the ego's numbers. Never
    /// blocks; copies only when someone subscribes, a slot is free and the rate allows. Call it from one thread (the
    /// loop that steps the env); <see cref="PublishMetrics"/> may be called from any thread. <paramref name="perception"/>:
    /// what perception saw in <paramref name="camera"/> (same timestamp, so Foxglove draws it over that image).
    /// </summary>
    public void Publish(WorldSnapshot snapshot, CameraFrame camera = default, EgoSample? ego = null, PerceptionOverlay? perception = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!_server.AnySubscribers)
        {
            return;
        }
        long now = Stopwatch.GetTimestamp();
        if (now < _nextAccept)
        {
            return;
        }
        _nextAccept = now + _interval;
        if (!_free.TryDequeue(out var frame))
        {
            Interlocked.Increment(ref _skipped);
            return;
        }
        frame.Timestamp = WallClockNs();
        snapshot.CopyTo(frame.Snapshot);
        frame.HasCamera = !camera.IsEmpty && _server.HasSubscribers(s_camera);
        if (frame.HasCamera)
        {
            frame.SetCamera(camera);
        }
        frame.Ego = ego;
        frame.HasPerception = perception is not null && (_server.HasSubscribers(s_annotations) || _server.HasSubscribers(s_scores));
        if (frame.HasPerception)
        {
            perception!.CopyTo(frame.Perception);
        }
        Interlocked.Increment(ref _taken);
        _pending.Writer.TryWrite(frame);
    }

    /// <summary>Publishes one iteration's training metrics (encoded at once when subscribed: it is small and rare).</summary>
    public void PublishMetrics(in TrainingMetrics metrics)
    {
        if (!_server.HasSubscribers(s_training))
        {
            return;
        }
        byte[] message;
        ulong ts = WallClockNs();
        lock (_metricsGate)
        {
            message = _metricsEncoder.Training(metrics, ts).ToArray();
        }
        Interlocked.Increment(ref _encoded);
        _server.Broadcast(s_training, message, ts);
    }

    public void Dispose()
    {
        _pending.Writer.TryComplete();
        try
        {
            _encodeLoop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Encoding failures were already counted; shutting down regardless.
        }
        _server.Dispose();
        _encoder.Dispose();
        _metricsEncoder.Dispose();
    }

    private void Replaced(Frame frame)
    {
        Interlocked.Increment(ref _skipped);
        _free.Enqueue(frame);
    }

    private async Task EncodeLoopAsync()
    {
        await foreach (var frame in _pending.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                Encode(frame);
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException)
            {
                // A frame that cannot be encoded is skipped; the simulation is never disturbed by telemetry.
                Interlocked.Increment(ref _skipped);
            }
            finally
            {
                _free.Enqueue(frame);
            }
        }
    }

    private void Encode(Frame frame)
    {
        var s = frame.Snapshot;
        ulong ts = frame.Timestamp;
        if (!ReferenceEquals(s.Scene, _trackScene) && s.Scene is not null)
        {
            if (_server.HasSubscribers(s_track))
            {
                _trackScene = s.Scene;
                Send(s_track, _encoder.Track(s.Scene, ts), ts, latched: true);
            }
            else if (_trackScene is not null)
            {
                // The latched track is another scene's: a later subscriber must not get it.
                _trackScene = null;
                _server.ClearLatched(s_track);
            }
        }
        if (_server.HasSubscribers(s_actors))
        {
            Send(s_actors, _encoder.Actors(s, ts), ts);
        }
        if (_server.HasSubscribers(s_transforms))
        {
            Send(s_transforms, _encoder.Transforms(s, ts), ts);
        }
        if (frame.HasCamera && _server.HasSubscribers(s_camera))
        {
            Send(s_camera, _encoder.Camera(frame.Camera, ts), ts);
        }
        if (frame.Ego is { } ego)
        {
            if (_server.HasSubscribers(s_ego))
            {
                Send(s_ego, _encoder.Ego(s, ego, ts), ts);
            }
            if (_server.HasSubscribers(s_reward))
            {
                Send(s_reward, _encoder.Reward(ego, ts), ts);
            }
        }
        if (frame.HasPerception)
        {
            if (_server.HasSubscribers(s_annotations))
            {
                Send(s_annotations, _encoder.PerceptionAnnotations(frame.Perception, ts), ts);
            }
            if (_server.HasSubscribers(s_scores))
            {
                Send(s_scores, _encoder.PerceptionScores(frame.Perception.Scores, ts), ts);
            }
        }
    }

    /// <summary>Sends a copy of <paramref name="encoded"/> (the encoder's buffer is reused by its next message).</summary>
    private void Send(int channel, ReadOnlyMemory<byte> encoded, ulong ts, bool latched = false)
    {
        byte[] message = encoded.ToArray();
        Interlocked.Increment(ref _encoded);
        if (latched)
        {
            _server.BroadcastLatched(channel, message, ts);
        }
        else
        {
            _server.Broadcast(channel, message, ts);
        }
    }

    private static ulong WallClockNs() => (ulong)(DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100UL;

    /// <summary>A slot: a copy of one snapshot and camera frame, reused.</summary>
    private sealed class Frame
    {
        private byte[] _pixels = [];
        private int _width, _height, _channels;

        public WorldSnapshot Snapshot { get; } = new();
        public ulong Timestamp { get; set; }
        public bool HasCamera { get; set; }
        public EgoSample? Ego { get; set; }
        public bool HasPerception { get; set; }
        public PerceptionOverlay Perception { get; } = new();
        public CameraFrame Camera => new(_pixels, _width, _height, _channels);

        public void SetCamera(CameraFrame camera)
        {
            if (_pixels.Length != camera.Pixels.Length)
            {
                _pixels = new byte[camera.Pixels.Length];
            }
            camera.Pixels.CopyTo(_pixels);
            (_width, _height, _channels) = (camera.Width, camera.Height, camera.Channels);
        }
    }
}
