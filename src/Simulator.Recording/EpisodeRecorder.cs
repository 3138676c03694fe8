using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Simulator.Core;
using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Simulator.Driving.Snapshots;
using Simulator.Recording.Mcap;
using Simulator.Telemetry.Messages;

namespace Simulator.Recording;

/// <summary>
/// Records one episode of a <see cref="DrivingEnv"/> to an MCAP file: call <see cref="Start"/> right after
/// <c>env.Reset(seed, obs)</c>, <see cref="Step"/> after every <c>env.Step</c>, then <see cref="Complete"/> when the
/// episode ends (or <see cref="Dispose"/> to stop early: the file stays readable, without a summary).
/// <para>The simulation thread only copies numbers into reusable buffers (no allocation in steady state); a writer
/// thread encodes, compresses and writes. Replay data (step blocks, checkpoints, events) is never dropped. Every half
/// simulated second closes a block and hands it to the operating system, and at most one block may wait for the
/// writer, so a killed process loses less than one simulated second: when a second one is due the simulation writes
/// the waiting one itself (<see cref="SimulationWrites"/>), unless the writer is writing one (then it waits). Before
/// each block it also waits while the visuals (snapshot copies, camera frames) waiting for the writer leave no room
/// for two more blocks' worth; a visual is dropped (<see cref="DroppedVisuals"/>) only when more come in one block
/// than the pool holds. The file is fsynced every few wall seconds and at the end.</para>
/// </summary>
public sealed partial class EpisodeRecorder : IDisposable
{
    /// <summary>Version of the recording layout (header keys, channels, step block).</summary>
    public const int FormatVersion = 3; // 2: the episode summary's yield_failures, state format 2 in checkpoints; 3: state hashes are XXH3 (StateHasher)

    /// <summary>Items that may wait for the writer; visual items are pooled to half as many.</summary>
    public const int MaxQueued = 64;

    private readonly DrivingEnv _env;
    private readonly ulong _seed;
    private readonly RecorderOptions _options;
    private readonly RecordingHeaderCodec.Layout _layout;
    private readonly WorkQueue _queue = new();
    private readonly ConcurrentQueue<StepBlock> _freeBlocks = new();
    private readonly ConcurrentQueue<Work> _freeVisuals = new();
    private readonly ConcurrentQueue<Work> _freeCheckpoints = new();
    private readonly Thread _writerThread;
    // Blocks of half a simulated second, at most one waiting for the writer: a killed process loses that one and the
    // open one, under one simulated second. The simulation waits only if the writer is a whole block behind.
    private const int BlocksPerSecond = 2;
    private const int MaxBlocksInFlight = BlocksPerSecond - 1;
    private StepBlock _block;
    private long _step;
    private double _return;
    // What the last step's events were detected against (only these fields: copying the whole EnvInfo every step was measurable).
    private int _previousCollisions, _previousLaps;
    private bool _previousOffRoad;
    private bool _closed;
    private volatile Exception? _writerError;
    private long _dropped;
    private int _visualsCreated;

    /// <summary>Visual work items (snapshot copies, camera frames) that may wait for the writer at once.</summary>
    private const int VisualPool = MaxQueued / 2;

    /// <summary>Visual work items handed to the writer and not yet back in the pool.</summary>
    private int VisualsOutstanding => _visualsCreated - _freeVisuals.Count;
    private int _visualsThisBlock;
    private readonly RecordingWriter _writer;
    private readonly RecordingWriter.ReplayScratch _writerScratch = new();
    private readonly RecordingWriter.ReplayScratch _simulationScratch = new();
    private readonly List<Work> _takenBack = [];
    private long _simulationWrites;

    private EpisodeRecorder(string path, DrivingEnv env, ulong seed, RecorderOptions options, FileStream file)
    {
        Path = path;
        _env = env;
        _seed = seed;
        _options = options;
        int hz = (int)Math.Round(1 / env.Scene.FixedDeltaTime);
        _layout = new RecordingHeaderCodec.Layout(
            BlockSteps: Math.Max(1, hz / BlocksPerSecond),
            CheckpointSteps: Math.Max(1, (int)Math.Round(options.CheckpointSeconds * hz)),
            SampleEvery: Math.Max(1, (int)Math.Round(hz / options.PoseHz)),
            VisualEvery: options.VisualHz > 0 ? Math.Max(1, (int)Math.Round(hz / options.VisualHz)) : 0,
            SceneEvery: options.VisualHz > 0 && options.SceneHz > 0 ? Math.Max(1, (int)Math.Round(hz / Math.Min(options.SceneHz, options.VisualHz))) : 0,
            ResetHash: env.StateHash());
        string sceneJson = SceneText(env.Scene);
        Header = new RecordingHeader
        {
            FormatVersion = FormatVersion,
            SimulatorVersion = typeof(EpisodeRecorder).Assembly.GetName().Version?.ToString() ?? "0",
            SceneName = env.Scene.Name,
            SceneHash = s_sceneHashes.GetValue(env.Scene, _ => new StrongBox<string>(RecordingHeaderCodec.Sha256(sceneJson))).Value!,
            SceneJson = sceneJson,
            Seed = seed,
            EnvIndex = env.EnvIndex,
            Autopilot = env.Options.Autopilot,
            AutopilotSteerNoise = env.Options.AutopilotSteerNoise,
            Hz = hz,
            Source = options.Source,
            Config = options.Config,
            Model = options.Model,
            CreatedUtc = DateTimeOffset.UtcNow,
            CameraFrames = options.CameraFrames,
        };
        _block = new StepBlock(_layout.BlockSteps);
        _block.Clear(1);
        RememberForEvents(env.Info);
        _writer = new RecordingWriter(file, Header, _layout, options, env);
        _writerThread = new Thread(WriterLoop) { IsBackground = true, Name = "sim recorder" };
        _writerThread.Start();
        if (_layout.VisualEvery > 0)
        {
            OfferVisual(0, default);
        }
    }

    private static readonly ConditionalWeakTable<CompiledScene, string> s_sceneTexts = [];
    private static readonly ConditionalWeakTable<CompiledScene, StrongBox<string>> s_sceneHashes = [];

    /// <summary>
    /// The scene as scene JSON, checked once per compiled scene to load back (a scene built in code with values the
    /// scene format refuses could never be replayed: refuse it before recording, not at replay).
    /// </summary>
    private static string SceneText(CompiledScene scene) => s_sceneTexts.GetValue(scene, s =>
    {
        string json = Driving.Scenes.SceneWriter.Write(s.Description);
        try
        {
            Driving.Scenes.SceneLoader.Parse(json, $"scene '{s.Name}' as recorded");
        }
        catch (SimInputException e)
        {
            throw new SimInputException($"scene '{s.Name}' cannot be recorded: written as a scene file it does not load back ({e.Message})", inner: e);
        }
        return json;
    });

    /// <summary>The file being written.</summary>
    public string Path { get; }

    public RecordingHeader Header { get; }

    /// <summary>Steps recorded so far.</summary>
    public long Steps => _step;

    /// <summary>
    /// Step blocks the simulation thread wrote itself because the writer thread had not taken them in time (it was
    /// not scheduled: a busy or virtual machine); without this the simulation would have waited for it.
    /// </summary>
    public long SimulationWrites => _simulationWrites;

    /// <summary>How long the simulation thread has waited for the writer thread (see <see cref="WorkQueue.WaitForBlockSlot"/>).</summary>
    public TimeSpan WaitedForWriter => _queue.Waited;

    /// <summary>Tests: while set and not signalled, the writer thread stops before taking its next batch (a writer that is not scheduled).</summary>
    internal ManualResetEventSlim? HoldWriter { get; set; }

    /// <summary>Step blocks handed over for writing so far.</summary>
    public long Blocks { get; private set; }

    /// <summary>Visual messages and camera frames dropped because the writer was behind (more in one block than the pool holds).</summary>
    public long DroppedVisuals => Interlocked.Read(ref _dropped);

    /// <summary>
    /// Starts recording the episode <paramref name="env"/> was just reset into with <paramref name="seed"/>. The file
    /// must not exist (a recording never replaces a file); its folder is created.
    /// </summary>
    public static EpisodeRecorder Start(string path, DrivingEnv env, ulong seed, RecorderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(env);
        options ??= new RecorderOptions();
        options.Validate();
        if (env.Info.EpisodeSteps != 0)
        {
            throw new InvalidOperationException("start recording right after the env's Reset (it has already stepped)");
        }
        string? folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (folder != null)
        {
            Directory.CreateDirectory(folder);
        }
        if (File.Exists(path) || Directory.Exists(path))
        {
            throw new SimInputException($"'{path}' already exists; a recording never replaces a file", hint: "choose another name or folder");
        }
        // The header is written under a hidden temporary name and the file appears under its own name only once the
        // header is on disk: a run killed in between leaves no empty or headless recording.
        string part = System.IO.Path.Combine(folder ?? ".", $".{System.IO.Path.GetFileName(path)}.{Environment.ProcessId}.part");
        var file = new FileStream(part, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 16);
        EpisodeRecorder? recorder = null;
        try
        {
            recorder = new EpisodeRecorder(path, env, seed, options, file);
            File.Move(part, path, overwrite: false);
            return recorder;
        }
        catch (Exception e)
        {
            if (recorder != null)
            {
                recorder.Dispose();
            }
            else
            {
                file.Dispose();
            }
            File.Delete(part);
            if (e is IOException && File.Exists(path))
            {
                throw new SimInputException($"'{path}' already exists; a recording never replaces a file", hint: "choose another name or folder", inner: e);
            }
            throw;
        }
    }

    /// <summary>Runs one whole episode of <paramref name="env"/> (policy null: the env's autopilot) and records it.</summary>
    public static EpisodeSummary RecordEpisode(string path, DrivingEnv env, ulong seed, DrivingPolicy? policy = null, RecorderOptions? options = null,
        long maxSteps = long.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(env);
        var obs = new float[env.Observation.VectorSize];
        env.Reset(seed, obs);
        using var recorder = Start(path, env, seed, options);
        StepOutcome o = default;
        for (long i = 0; i < maxSteps && !o.Done; i++)
        {
            DrivingAction action = policy is null ? default : policy(obs, env);
            o = env.Step(action, obs);
            recorder.Step(action, o);
        }
        return recorder.Complete();
    }

    /// <summary>Records the step the env just took with <paramref name="action"/> (the action as passed to Step).</summary>
    public void Step(DrivingAction action, in StepOutcome outcome)
    {
        ThrowIfUnusable();
        long step = ++_step;
        _block.Add(action, outcome, _env, _env.StateHash());
        _return += outcome.Reward;
        if (step % _layout.SampleEvery == 0)
        {
            _block.AddSample((uint)step, _env.Snapshot);
        }
        DetectEvents(step, outcome);
        if (_layout.VisualEvery > 0 && step % _layout.VisualEvery == 0)
        {
            OfferVisual(step, default);
        }
        if (step % _layout.CheckpointSteps == 0 && !outcome.Done)
        {
            // Checkpoint buffers are reused (one state is tens of kilobytes): the simulation thread allocates nothing.
            if (!_freeCheckpoints.TryDequeue(out Work? w))
            {
                w = new Work { Kind = WorkKind.Checkpoint, State = new System.Buffers.ArrayBufferWriter<byte>() };
            }
            w.State!.ResetWrittenCount();
            _env.SaveState(w.State);
            w.Step = step;
            Enqueue(w);
        }
        if (_block.Count == _block.Capacity || outcome.Done)
        {
            FlushBlock();
        }
    }

    /// <summary>
    /// Offers the agent camera's frame of the current step (RGB or RGBA rows, top row first); written to
    /// /camera/agent when the options ask for camera frames, dropped (and counted) when the writer is behind.
    /// </summary>
    public void Frame(ReadOnlySpan<byte> pixels, int width, int height, int channels)
    {
        ThrowIfUnusable();
        if (!_options.CameraFrames || pixels.IsEmpty)
        {
            return;
        }
        OfferVisual(_step, new FrameCopy(pixels, width, height, channels));
    }

    /// <summary>
    /// Offers what perception saw in the current step's camera frame; written to /perception/annotations and
    /// /perception/scores when the options ask for perception outputs, dropped (and counted) when the writer is behind.
    /// </summary>
    public void Perception(PerceptionOverlay overlay)
    {
        ArgumentNullException.ThrowIfNull(overlay);
        ThrowIfUnusable();
        if (!_options.PerceptionOutputs)
        {
            return;
        }
        if (!TakeVisual(out Work? w))
        {
            return;
        }
        w.Kind = WorkKind.Perception;
        w.Step = _step;
        w.Perception ??= new PerceptionOverlay();
        overlay.CopyTo(w.Perception);
        Offer(w);
    }

    /// <summary>Writes the summary, closes the file and returns the summary (as EpisodeRunner reports it).</summary>
    public EpisodeSummary Complete()
    {
        ThrowIfUnusable();
        FlushBlock();
        EpisodeSummary summary = EpisodeRunner.Summarize(_env, _seed, _return);
        Enqueue(new Work { Kind = WorkKind.Episode, Step = _step, Summary = summary, Hash = _env.StateHash() }, wake: true);
        Close();
        return summary;
    }

    /// <summary>Stops recording: everything recorded so far is written and the file is closed (without a summary if
    /// <see cref="Complete"/> was not called). Errors of the writer are not thrown from here.</summary>
    public void Dispose()
    {
        if (_closed)
        {
            return;
        }
        try
        {
            if (_writerError is null && _block.Count > 0)
            {
                FlushBlock();
            }
        }
        catch (InvalidOperationException)
        {
        }
        Close(throwErrors: false);
    }

    private void Close(bool throwErrors = true)
    {
        if (_closed)
        {
            return;
        }
        _closed = true;
        _queue.Complete();
        _writerThread.Join();
        if (throwErrors && _writerError is { } e)
        {
            throw Failure(e);
        }
    }

    private void FlushBlock()
    {
        if (_block.Count == 0)
        {
            return;
        }
        StepBlock full = _block;
        // Back-pressure for the visuals: before a new block, those still waiting for the writer must leave room in the
        // pool for two more blocks' worth (camera frames are slow to encode), so that a fast simulation does not
        // outrun the writer into dropping them. Then the block slot: blocks the late writer has not taken are taken
        // back and written here.
        int visualsPerBlock = _visualsThisBlock;
        _visualsThisBlock = 0;
        _queue.WaitForVisualRoom(this, Math.Max(0, VisualPool - 2 * visualsPerBlock));
        if (_queue.WaitForBlockSlot(MaxBlocksInFlight, _takenBack))
        {
            WriteTakenBack();
        }
        Blocks++;
        Enqueue(new Work { Kind = WorkKind.Block, Block = full }, wake: true);
        if (!_freeBlocks.TryDequeue(out StepBlock? next))
        {
            next = new StepBlock(_layout.BlockSteps);
        }
        next.Clear((uint)(_step + 1));
        _block = next;
    }

    /// <summary>
    /// Writes, on the simulation thread, the replay data the writer thread had not taken yet (see
    /// <see cref="WorkQueue.WaitForBlockSlot"/>): a block costs tens of microseconds here, where waiting for a
    /// descheduled writer cost milliseconds. Failures are kept like the writer's and thrown on the next call.
    /// </summary>
    private void WriteTakenBack()
    {
        foreach (Work w in _takenBack)
        {
            try
            {
                if (_writerError is null)
                {
                    WriteReplay(w, _simulationScratch);
                    _simulationWrites += w.Kind == WorkKind.Block ? 1 : 0;
                }
            }
            catch (Exception e) when (IsWriteFailure(e))
            {
                _writerError ??= e;
            }
            Recycle(w, counted: false);
        }
        _takenBack.Clear();
    }

    private void DetectEvents(long step, in StepOutcome outcome)
    {
        ref readonly EnvInfo now = ref _env.Info;
        if (now.Collisions > _previousCollisions)
        {
            _block.Events.Add(new RecordedEvent(step, "collision", $"collision {now.Collisions} at {now.Speed * 3.6:0.0} km/h"));
        }
        if (now.Laps > _previousLaps)
        {
            _block.Events.Add(new RecordedEvent(step, "lap", $"lap {now.Laps} in {now.LastLapTime:0.00} s"));
        }
        bool offRoad = now.Reward.OffRoad < 0;
        if (offRoad != _previousOffRoad)
        {
            _block.Events.Add(new RecordedEvent(step, offRoad ? "off-road" : "on-road", $"lateral {now.Lateral:0.00} m"));
        }
        if (outcome.Done)
        {
            _block.Events.Add(new RecordedEvent(step, "episode-end", now.End.ToString()));
        }
        RememberForEvents(now);
    }

    private void RememberForEvents(in EnvInfo info) =>
        (_previousCollisions, _previousLaps, _previousOffRoad) = (info.Collisions, info.Laps, info.Reward.OffRoad < 0);

    private void OfferVisual(long step, FrameCopy frame)
    {
        if (!TakeVisual(out Work? w))
        {
            return;
        }
        w.Kind = frame.IsEmpty ? WorkKind.Visual : WorkKind.Camera;
        w.Step = step;
        if (frame.IsEmpty)
        {
            _env.Snapshot.CopyTo(w.Snapshot!);
            w.Ego = Telemetry.Messages.EgoSample.Of(_env);
        }
        else
        {
            frame.CopyTo(w);
        }
        Offer(w);
    }

    /// <summary>A pooled work item for a visual message; false (dropped and counted) when the pool is empty: visuals
    /// are never waited for here (the back-pressure is per block, in <see cref="FlushBlock"/>).</summary>
    private bool TakeVisual([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Work? w)
    {
        _visualsThisBlock++;
        if (!_freeVisuals.TryDequeue(out w))
        {
            if (_visualsCreated >= VisualPool)
            {
                Interlocked.Increment(ref _dropped);
                return false;
            }
            _visualsCreated++;
            w = new Work { Snapshot = new WorldSnapshot() };
        }
        return true;
    }

    private void Offer(Work w)
    {
        if (!_queue.TryAddOptional(w, MaxQueued))
        {
            _freeVisuals.Enqueue(w);
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>Replay data for the writer; <paramref name="wake"/> wakes it (blocks and the end do; checkpoints ride along).</summary>
    private void Enqueue(Work w, bool wake = false)
    {
        ThrowIfUnusable();
        _queue.Add(w, wake);
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (_writerError is { } e)
        {
            throw Failure(e);
        }
    }

    private SimRuntimeException Failure(Exception e) =>
        new($"recording to '{Path}' failed: {e.Message} (the file keeps what was written before: replay recovers it)", e);
}
