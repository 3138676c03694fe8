using Simulator.Driving.Env;
using Simulator.Driving.Snapshots;
using Simulator.Telemetry.Messages;

namespace Simulator.Recording;

public sealed partial class EpisodeRecorder
{
    private enum WorkKind
    {
        Block,
        Checkpoint,
        Visual,
        Camera,
        Perception,
        Episode,
    }

    /// <summary>One item for the writer thread (pooled: blocks and visuals are reused).</summary>
    private sealed class Work
    {
        public WorkKind Kind;
        public long Step;
        public StepBlock? Block;
        public System.Buffers.ArrayBufferWriter<byte>? State;
        public WorldSnapshot? Snapshot;
        public EgoSample Ego;
        public byte[] Pixels = [];
        public int Width, Height, Channels;
        public PerceptionOverlay? Perception;
        public EpisodeSummary? Summary;
        public ulong Hash;
    }

    /// <summary>A camera frame borrowed from the caller until it is copied into a work item.</summary>
    private readonly ref struct FrameCopy(ReadOnlySpan<byte> pixels, int width, int height, int channels)
    {
        private readonly ReadOnlySpan<byte> _pixels = pixels;

        public bool IsEmpty => _pixels.IsEmpty;

        public void CopyTo(Work w)
        {
            if (w.Pixels.Length < _pixels.Length)
            {
                w.Pixels = new byte[_pixels.Length];
            }
            _pixels.CopyTo(w.Pixels);
            (w.Width, w.Height, w.Channels) = (width, height, channels);
        }
    }

    private void WriterLoop()
    {
        var batch = new List<Work>();
        while (true)
        {
            HoldWriter?.Wait();
            if (!_queue.Take(batch))
            {
                break;
            }
            // Replay data first, in order: a step block is handed to the operating system (and the simulation may go
            // on) before the visuals that arrived with it are encoded and before the writer's slower upkeep (the
            // visual chunk, fsync).
            foreach (Work w in batch)
            {
                if (IsReplay(w))
                {
                    Process(w);
                }
            }
            _queue.ReplayDone();
            foreach (Work w in batch)
            {
                if (!IsReplay(w))
                {
                    Process(w);
                }
            }
            Upkeep();
        }
        try
        {
            _writer.Dispose();
        }
        catch (Exception e) when (IsWriteFailure(e))
        {
            _writerError ??= e;
        }
        finally
        {
            _writerScratch.Dispose();
            _simulationScratch.Dispose();
        }
    }

    /// <summary>Replay data: never dropped, handed to the operating system within a block's time.</summary>
    private static bool IsReplay(Work w) => w.Kind is WorkKind.Block or WorkKind.Checkpoint;

    private void Process(Work w)
    {
        try
        {
            if (_writerError is null)
            {
                Write(w);
            }
        }
        catch (Exception e) when (IsWriteFailure(e))
        {
            _writerError = e;
        }
        Recycle(w);
    }

    private void Upkeep()
    {
        try
        {
            if (_writerError is null)
            {
                _writer.Upkeep();
            }
        }
        catch (Exception e) when (IsWriteFailure(e))
        {
            _writerError = e;
        }
    }

    /// <summary>Failures of writing the file, kept for the simulation thread (which throws them on its next call).</summary>
    private static bool IsWriteFailure(Exception e) =>
        e is IOException or UnauthorizedAccessException or ObjectDisposedException or InvalidOperationException or ArgumentException;

    private void Write(Work w)
    {
        switch (w.Kind)
        {
            case WorkKind.Block:
            case WorkKind.Checkpoint:
                WriteReplay(w, _writerScratch);
                break;
            case WorkKind.Visual:
                _writer.WriteVisual(w.Step, w.Snapshot!, w.Ego);
                break;
            case WorkKind.Camera:
                _writer.WriteCamera(w.Step, new CameraFrame(w.Pixels.AsSpan(0, w.Width * w.Height * w.Channels), w.Width, w.Height, w.Channels));
                break;
            case WorkKind.Perception:
                _writer.WritePerception(w.Step, w.Perception!);
                break;
            case WorkKind.Episode:
                _writer.WriteEpisode(w.Summary!, w.Hash);
                break;
        }
    }

    private void WriteReplay(Work w, RecordingWriter.ReplayScratch scratch)
    {
        if (w.Kind == WorkKind.Block)
        {
            _writer.WriteBlock(w.Block!, scratch);
        }
        else
        {
            _writer.WriteCheckpoint(w.Step, w.State!.WrittenSpan, scratch);
        }
    }

    /// <summary>Returns a work item's buffers to their pools; <paramref name="counted"/>: a block the queue still counts as pending.</summary>
    private void Recycle(Work w, bool counted = true)
    {
        switch (w.Kind)
        {
            case WorkKind.Block:
                _freeBlocks.Enqueue(w.Block!);
                if (counted)
                {
                    _queue.BlockWritten();
                }
                break;
            case WorkKind.Checkpoint:
                _freeCheckpoints.Enqueue(w);
                break;
            case WorkKind.Visual:
            case WorkKind.Camera:
            case WorkKind.Perception:
                _freeVisuals.Enqueue(w);
                _queue.VisualDone();
                break;
        }
    }

    /// <summary>
    /// The hand-over between the simulation thread and the writer: a list under a lock. The writer takes everything
    /// queued at once. While work keeps coming it polls with sub-millisecond naps; once idle for a few milliseconds it
    /// sleeps until a step block (or the end) wakes it, and checkpoints and visuals ride along without waking it. A
    /// fast headless run thus never pays for a wake-up (measured in this VM: 25 µs of the simulation thread per
    /// block, 4 % of its steps/s) and a slow or paused one costs no polling. The simulation waits, without spinning,
    /// only when the writer is <c>maxInFlight</c> blocks behind.
    /// </summary>
    private sealed class WorkQueue
    {
        private readonly object _gate = new();
        private readonly List<Work> _items = [];
        private int _blocksPending;
        private bool _completed, _writerWaiting, _simWaiting, _replayBusy;
        private long _waitedTicks;

        /// <summary>How long the simulation has waited in <see cref="WaitForBlockSlot"/>.</summary>
        public TimeSpan Waited => System.Diagnostics.Stopwatch.GetElapsedTime(0, Volatile.Read(ref _waitedTicks));

        public void Add(Work w, bool wake)
        {
            lock (_gate)
            {
                _items.Add(w);
                _blocksPending += w.Kind == WorkKind.Block ? 1 : 0;
                if (wake && _writerWaiting)
                {
                    Monitor.PulseAll(_gate);
                }
            }
        }

        public bool TryAddOptional(Work w, int max)
        {
            lock (_gate)
            {
                if (_items.Count >= max)
                {
                    return false;
                }
                _items.Add(w);
                return true;
            }
        }

        /// <summary>
        /// Called by the simulation before it queues a block: returns at once while fewer than
        /// <paramref name="maxInFlight"/> blocks wait for the writer. Otherwise, if the writer is not busy with replay
        /// data (it has not been scheduled since, or is compressing visuals), the waiting blocks and checkpoints are
        /// taken back into <paramref name="takenBack"/> (in order; true is returned) for the simulation to write itself.
        /// The simulation waits only while the writer is writing replay data.
        /// </summary>
        public bool WaitForBlockSlot(int maxInFlight, List<Work> takenBack)
        {
            lock (_gate)
            {
                while (_blocksPending >= maxInFlight && !_completed)
                {
                    if (!_replayBusy)
                    {
                        foreach (Work w in _items)
                        {
                            if (IsReplay(w))
                            {
                                takenBack.Add(w);
                                _blocksPending -= w.Kind == WorkKind.Block ? 1 : 0;
                            }
                        }
                        _items.RemoveAll(IsReplay);
                        return true;
                    }
                    long start = System.Diagnostics.Stopwatch.GetTimestamp();
                    _simWaiting = true;
                    Monitor.Wait(_gate);
                    _simWaiting = false;
                    _waitedTicks += System.Diagnostics.Stopwatch.GetTimestamp() - start;
                }
                return false;
            }
        }

        /// <summary>
        /// Waits while more than <paramref name="limit"/> visual items of <paramref name="recorder"/> wait for the
        /// writer (waking the writer if it sleeps: visuals alone never wake it).
        /// </summary>
        public void WaitForVisualRoom(EpisodeRecorder recorder, int limit)
        {
            if (recorder.VisualsOutstanding <= limit)
            {
                return;
            }
            lock (_gate)
            {
                while (recorder.VisualsOutstanding > limit && !_completed)
                {
                    if (_writerWaiting)
                    {
                        Monitor.PulseAll(_gate);
                    }
                    long start = System.Diagnostics.Stopwatch.GetTimestamp();
                    _simWaiting = true;
                    Monitor.Wait(_gate);
                    _simWaiting = false;
                    _waitedTicks += System.Diagnostics.Stopwatch.GetTimestamp() - start;
                }
            }
        }

        /// <summary>The writer has put a visual item back in the pool.</summary>
        public void VisualDone()
        {
            lock (_gate)
            {
                if (_simWaiting)
                {
                    Monitor.PulseAll(_gate);
                }
            }
        }

        /// <summary>The writer has written the replay data of its batch.</summary>
        public void ReplayDone()
        {
            lock (_gate)
            {
                _replayBusy = false;
                if (_simWaiting)
                {
                    Monitor.PulseAll(_gate);
                }
            }
        }

        public void BlockWritten()
        {
            lock (_gate)
            {
                _blocksPending--;
                if (_simWaiting)
                {
                    Monitor.PulseAll(_gate);
                }
            }
        }

        public void Complete()
        {
            lock (_gate)
            {
                _completed = true;
                Monitor.PulseAll(_gate);
            }
        }

        /// <summary>
        /// Waits for work and swaps it into <paramref name="batch"/>; false once completed and drained. While work keeps
        /// coming (a fast headless run hands over a block every millisecond or so) the writer polls with short naps,
        /// so the simulation never pays for waking it; after <see cref="HotMilliseconds"/> without work it sleeps until
        /// woken.
        /// </summary>
        public bool Take(List<Work> batch)
        {
            batch.Clear();
            long idleSince = System.Diagnostics.Stopwatch.GetTimestamp();
            while (true)
            {
                lock (_gate)
                {
                    if (_items.Count > 0)
                    {
                        batch.AddRange(_items);
                        _items.Clear();
                        _replayBusy = batch.Exists(IsReplay);
                        return true;
                    }
                    if (_completed)
                    {
                        return false;
                    }
                    if (System.Diagnostics.Stopwatch.GetElapsedTime(idleSince).TotalMilliseconds > HotMilliseconds)
                    {
                        _writerWaiting = true;
                        Monitor.Wait(_gate);
                        _writerWaiting = false;
                        idleSince = System.Diagnostics.Stopwatch.GetTimestamp();
                        continue;
                    }
                }
                Core.Nap.For(NapMicroseconds);
            }
        }

        /// <summary>How long the writer keeps polling after its last work before it sleeps until woken.</summary>
        public const int HotMilliseconds = 5;

        /// <summary>The writer's nap between polls: well under a block's wall time in a fast run (30 steps at 40,000
        /// steps/s take 750 µs), so the simulation seldom waits for a block slot.</summary>
        public const int NapMicroseconds = 150;
    }
}
