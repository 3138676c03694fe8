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
        public byte[]? Bytes;
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
        while (_queue.Take(batch))
        {
            foreach (Work w in batch)
            {
                if (_writerError is null)
                {
                    try
                    {
                        Write(w);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException or InvalidOperationException or ArgumentException)
                    {
                        _writerError = e;
                    }
                }
                Recycle(w);
            }
        }
        try
        {
            _writer.Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            _writerError ??= e;
        }
    }

    private void Write(Work w)
    {
        switch (w.Kind)
        {
            case WorkKind.Block:
                _writer.WriteBlock(w.Block!);
                break;
            case WorkKind.Checkpoint:
                _writer.WriteCheckpoint(w.Step, w.Bytes!);
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

    private void Recycle(Work w)
    {
        switch (w.Kind)
        {
            case WorkKind.Block:
                _freeBlocks.Enqueue(w.Block!);
                _queue.BlockWritten();
                break;
            case WorkKind.Visual:
            case WorkKind.Camera:
            case WorkKind.Perception:
                _freeVisuals.Enqueue(w);
                break;
        }
    }

    /// <summary>
    /// The hand-over between the simulation thread and the writer: a list under a lock. The writer sleeps until a
    /// step block (or the end) arrives and then takes everything queued; checkpoints and visuals ride along without
    /// waking it, so it wakes twice per simulated second, not per item (waking per item cost more CPU in spinning and
    /// context switches than the writing itself). The simulation waits, without spinning, only when the writer is
    /// <c>maxInFlight</c> blocks behind.
    /// </summary>
    private sealed class WorkQueue
    {
        private readonly object _gate = new();
        private readonly List<Work> _items = [];
        private int _blocksPending;
        private bool _completed, _writerWaiting, _simWaiting;

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

        public void WaitForBlockSlot(int maxInFlight)
        {
            lock (_gate)
            {
                while (_blocksPending >= maxInFlight && !_completed)
                {
                    _simWaiting = true;
                    Monitor.Wait(_gate);
                    _simWaiting = false;
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

        /// <summary>Waits for work and swaps it into <paramref name="batch"/>; false once completed and drained.</summary>
        public bool Take(List<Work> batch)
        {
            lock (_gate)
            {
                batch.Clear();
                while (_items.Count == 0 && !_completed)
                {
                    _writerWaiting = true;
                    Monitor.Wait(_gate);
                    _writerWaiting = false;
                }
                if (_items.Count == 0)
                {
                    return false;
                }
                batch.AddRange(_items);
                _items.Clear();
                return true;
            }
        }
    }
}
