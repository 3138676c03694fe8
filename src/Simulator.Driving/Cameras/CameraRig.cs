using System.Numerics;
using Simulator.Driving.Runtime;
using Simulator.Driving.Scenes;
using Simulator.Driving.Snapshots;
using Simulator.Rendering.Vulkan;

namespace Simulator.Driving.Cameras;

/// <summary>
/// Renders the first camera of up to N world snapshots as one batch: each snapshot's camera pose, its scene's static
/// set (built once per compiled scene), its actors as prop instances, its lighting and randomisation. It reads
/// snapshots only, never a live world, so it may run on another thread than the one stepping the envs.
/// <see cref="Submit"/> renders rows [0, k) for k snapshots; <see cref="Wait"/> returns the batch (N×H×W×4 RGBA8,
/// plus depth/segmentation when the sensor asks for them) without per-env copies. Not thread-safe: one thread
/// submits (a rig and its peers share static sets).
/// </summary>
public sealed class CameraRig : IDisposable
{
    private readonly VulkanRenderer _renderer;
    private readonly bool _ownsRenderer;
    private readonly CameraBatch _batch;
    private readonly SceneSets _sets;
    private long _lastFrame = -1;

    public CameraRig(IReadOnlyList<CompiledScene> scenes, SensorSpec camera, VulkanRenderer? shared = null)
    {
        ArgumentNullException.ThrowIfNull(scenes);
        Camera = camera.Camera ?? throw new ArgumentException("not a camera sensor", nameof(camera));
        Sensor = camera;
        _renderer = shared ?? VulkanRenderer.Create(RendererOptions.Default);
        _ownsRenderer = shared is null;
        try
        {
            _sets = new SceneSets(_renderer);
            foreach (var s in scenes)
            {
                _sets.StaticSet(s);
            }
            _batch = CreateBatch(scenes.Count, MaxInstances(scenes));
        }
        catch
        {
            if (_ownsRenderer)
            {
                _renderer.Dispose();
            }
            throw;
        }
    }

    private CameraRig(CameraRig peer)
    {
        Camera = peer.Camera;
        Sensor = peer.Sensor;
        _renderer = peer._renderer;
        _sets = peer._sets;
        _batch = CreateBatch(peer.EnvCount, peer._batch.Description.MaxInstancesPerEnv);
    }

    public CameraSpec Camera { get; }
    public SensorSpec Sensor { get; }
    public int EnvCount => _batch.EnvCount;
    public int Width => _batch.Width;
    public int Height => _batch.Height;
    public const int Channels = 4;
    public string DeviceName => _renderer.DeviceName;
    public VulkanRenderer Renderer => _renderer;

    /// <summary>
    /// A second rig of the same shape on the same renderer, sharing meshes and static sets (e.g. for final frames).
    /// Dispose it before this rig; submit both from one thread.
    /// </summary>
    public CameraRig CreatePeer() => new(this);

    /// <summary>
    /// Describes snapshots [0, k) into rows [0, k) of the batch and submits them (only those rows are rendered and
    /// read back when k &lt; <see cref="EnvCount"/>); returns the frame number. Each snapshot's first camera must have
    /// this rig's size.
    /// </summary>
    public long Submit(ReadOnlySpan<WorldSnapshot> snapshots)
    {
        if (snapshots.Length < 1 || snapshots.Length > EnvCount)
        {
            throw new ArgumentException($"the rig renders 1 to {EnvCount} snapshots, got {snapshots.Length}", nameof(snapshots));
        }
        _batch.ClearInstances();
        for (int i = 0; i < snapshots.Length; i++)
        {
            Describe(i, snapshots[i]);
        }
        _lastFrame = snapshots.Length == EnvCount ? _batch.Submit() : _batch.Submit(snapshots.Length);
        return _lastFrame;
    }

    /// <summary>Clears and reads back the batch without drawing: this device's ceiling for the same batch shape.</summary>
    public FrameView ClearOnly() => _batch.Wait(_batch.SubmitClearOnly());

    /// <summary>Waits for a submitted frame (the latest by default) and returns its read-only view.</summary>
    public FrameView Wait(long frame = -1) => _batch.Wait(frame < 0 ? _lastFrame : frame);

    private void Describe(int i, WorldSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var cameras = snapshot.Cameras;
        if (cameras.IsEmpty || snapshot.Scene is null)
        {
            throw new ArgumentException($"snapshot {i} ('{snapshot.SceneName}', env {snapshot.EnvIndex}) has no camera to render", nameof(snapshot));
        }
        ref readonly var camera = ref cameras[0];
        if (camera.Width != Width || camera.Height != Height)
        {
            throw new ArgumentException($"snapshot {i} has a {camera.Width}x{camera.Height} camera but the rig renders {Width}x{Height}", nameof(snapshot));
        }
        ref var view = ref _batch.Env(i);
        view.StaticSet = _sets.StaticSet(snapshot.Scene);
        view.Camera = camera.Pose;
        view.Lighting = snapshot.Lighting;
        view.Randomization = snapshot.Randomization;
        foreach (ref readonly var a in snapshot.Actors)
        {
            var instance = PropInstance.Create(_sets.Mesh(a.Mesh), a.Position, a.Yaw, a.Color, a.Class, a.InstanceId);
            instance.Scale = a.Scale;
            _batch.AddInstance(i, instance);
        }
    }

    private CameraBatch CreateBatch(int envs, int maxInstances)
    {
        var outputs = RenderOutputs.Color | (Camera.Depth ? RenderOutputs.Depth : 0) | (Camera.Segmentation ? RenderOutputs.Segmentation : 0);
        return _renderer.CreateBatch(new BatchDescription(envs, Camera.Width, Camera.Height, outputs, maxInstances));
    }

    private static int MaxInstances(IReadOnlyList<CompiledScene> scenes)
    {
        int maxInstances = 8;
        foreach (var s in scenes)
        {
            var d = s.Description;
            int walkers = 0;
            foreach (var c in d.Crosswalks)
            {
                walkers += c.Pedestrians;
            }
            maxInstances = Math.Max(maxInstances, d.Props.Length + d.Traffic.Length + d.Egos.Length + walkers + 4);
        }
        return maxInstances;
    }

    public void Dispose()
    {
        _batch.Dispose();
        if (_ownsRenderer)
        {
            _renderer.Dispose();
        }
    }
}
