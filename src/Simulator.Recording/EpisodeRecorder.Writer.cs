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
        foreach (Work w in _queue.GetConsumingEnumerable())
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
                _blockSlot.Release();
                break;
            case WorkKind.Visual:
            case WorkKind.Camera:
                _freeVisuals.Enqueue(w);
                break;
        }
    }
}
