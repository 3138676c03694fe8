using System.Diagnostics;
using Simulator.Core;
using Simulator.Driving.Cameras;
using Simulator.Driving.Runtime;
using Simulator.Driving.Snapshots;
using Simulator.Rendering.Vulkan;

namespace Simulator.Driving.Env;

/// <summary>
/// The cameras of a vector env: the one owner of its envs' camera rig. After a Step it renders the current
/// snapshots of all envs once (envs that ended show their new episode's first frame) and, in a second batch of the
/// same shape, only the final snapshots of the envs that ended, packed into rows [0, k) and copied back to their
/// <see cref="FinalImages"/> rows when first read. Frames are submitted at the end of Step and waited for when
/// first read, so whatever the caller does in between overlaps the render.
/// </summary>
public sealed partial class VectorEnv
{
    private CameraRig? _rig;
    private CameraRig? _finalRig;
    private WorldSnapshot[] _finalBatch = [];
    private int[] _finalRows = [];
    private int _finalCount;
    private byte[] _finalImages = [];
    private FrameView _frame;
    private long _pendingFrame = -1;
    private long _pendingFinal = -1;

    /// <summary>True when the envs have a camera sensor: then <see cref="Images"/> holds one frame per env.</summary>
    public bool HasImages => _rig is not null;
    public int ImageHeight => _rig?.Height ?? 0;
    public int ImageWidth => _rig?.Width ?? 0;
    public int ImageChannels => _rig is null ? 0 : CameraRig.Channels;

    /// <summary>
    /// The camera frames of the current observations, N×H×W×4 RGBA8 in one contiguous block (the renderer's mapped
    /// readback memory: no per-env copies); valid after Reset/Step until the next Step.
    /// </summary>
    public ReadOnlySpan<byte> Images => _rig is null ? default : CurrentFrame.Color;

    /// <summary>The last frame of envs that ended in the last Step (rows of other envs are stale).</summary>
    public ReadOnlySpan<byte> FinalImages
    {
        get
        {
            ResolveFinalImages();
            return _finalImages;
        }
    }

    /// <summary>The whole rendered frame (depth and segmentation when the camera sensor asks for them).</summary>
    public FrameView Frame => _rig is null ? throw new InvalidOperationException("these envs have no camera sensor") : CurrentFrame;

    public string? RenderDevice => _rig?.DeviceName;

    /// <summary>The camera rig of these envs (current frames), or null without camera sensors.</summary>
    public CameraRig? Cameras => _rig;

    /// <summary>Wall time spent submitting, rendering and reading back camera batches (a phase timer for benchmarks).</summary>
    public double RenderSeconds { get; private set; }

    /// <summary>Camera frames rendered (N per main batch, plus one per final frame).</summary>
    public long RenderedFrames { get; private set; }

    public void ResetTimers()
    {
        RenderSeconds = 0;
        RenderedFrames = 0;
    }

    private void CreateCameras(IReadOnlyList<CompiledScene> scenes, VulkanRenderer? renderer)
    {
        var camera = _envs[0].Observation.Cameras[0];
        for (int i = 1; i < Count; i++)
        {
            var other = _envs[i].Observation.Cameras;
            if (other.Length != 1 || other[0].Camera!.Width != camera.Camera!.Width || other[0].Camera!.Height != camera.Camera.Height)
            {
                throw new SimInputException($"env {i} ('{scenes[i].Name}') has a different camera than env 0 ('{scenes[0].Name}')",
                    scenes[i].Description.SourceFile, "$.egos[0].sensors", hint: "all envs of a vector env need one camera of the same size");
            }
        }
        _rig = new CameraRig(scenes, camera, renderer);
        try
        {
            _finalRig = _rig.CreatePeer();
        }
        catch
        {
            _rig.Dispose();
            _rig = null;
            throw;
        }
        _finalImages = new byte[Count * _rig.Width * _rig.Height * CameraRig.Channels];
        _finalBatch = new WorldSnapshot[Count];
        _finalRows = new int[Count];
    }

    private void RenderAfterReset()
    {
        if (_rig is not null)
        {
            _pendingFinal = -1;
            SubmitMain();
        }
    }

    private void RenderAfterStep(bool render)
    {
        if (_rig is null)
        {
            return;
        }
        // Final frames of an earlier step that nobody read still land in their rows, as they always did.
        ResolveFinalImages();
        _finalCount = 0;
        for (int i = 0; i < Count; i++)
        {
            if (_done[i])
            {
                _finalBatch[_finalCount] = _finalSnapshots[i];
                _finalRows[_finalCount++] = i;
            }
        }
        long t0 = Stopwatch.GetTimestamp();
        if (_finalCount > 0)
        {
            _pendingFinal = _finalRig!.Submit(_finalBatch.AsSpan(0, _finalCount));
            RenderedFrames += _finalCount;
        }
        RenderSeconds += Stopwatch.GetElapsedTime(t0).TotalSeconds;
        if (render)
        {
            SubmitMain();
        }
    }

    private void SubmitMain()
    {
        long t0 = Stopwatch.GetTimestamp();
        _pendingFrame = _rig!.Submit(_snapshots);
        RenderSeconds += Stopwatch.GetElapsedTime(t0).TotalSeconds;
        RenderedFrames += Count;
    }

    /// <summary>Waits for the submitted batch when the frame is first read.</summary>
    private ref readonly FrameView CurrentFrame
    {
        get
        {
            if (_pendingFrame >= 0)
            {
                long t0 = Stopwatch.GetTimestamp();
                _frame = _rig!.Wait(_pendingFrame);
                _pendingFrame = -1;
                RenderSeconds += Stopwatch.GetElapsedTime(t0).TotalSeconds;
            }
            return ref _frame;
        }
    }

    private void ResolveFinalImages()
    {
        if (_pendingFinal < 0)
        {
            return;
        }
        long t0 = Stopwatch.GetTimestamp();
        var frame = _finalRig!.Wait(_pendingFinal);
        _pendingFinal = -1;
        int bytes = frame.Width * frame.Height * CameraRig.Channels;
        for (int k = 0; k < _finalCount; k++)
        {
            frame.ColorOf(k).CopyTo(_finalImages.AsSpan(_finalRows[k] * bytes, bytes));
        }
        RenderSeconds += Stopwatch.GetElapsedTime(t0).TotalSeconds;
    }

    private void DisposeCameras()
    {
        _finalRig?.Dispose();
        _rig?.Dispose();
    }
}
