using Simulator.Core;
using Simulator.Driving.Cameras;
using Simulator.Driving.Runtime;
using Simulator.Driving.Sensors;
using Simulator.Rendering.Vulkan;

namespace Simulator.Driving.Env;

/// <summary>
/// N environments stepped together with structure-of-arrays buffers (observations N×D, rewards, terminated,
/// truncated, infos) and auto-reset: when env i ends, its final observation goes to <see cref="FinalObservations"/>,
/// <see cref="Infos"/>[i] keeps the final info, and row i of <see cref="Observations"/> already holds the first
/// observation of its next episode (seeded from the reset seed, the env index and its episode count).
/// Envs are independent, so stepping them on several threads gives the same bits as stepping them on one.
/// </summary>
public sealed class VectorEnv : IDisposable
{
    private readonly DrivingEnv[] _envs;
    private readonly WorkerGroup _workers;
    private readonly Action<int, int> _stepRange;
    private readonly long[] _episodes;
    private float[] _actions = [];
    private ulong _seed;
    private readonly CameraRig? _rig;
    private readonly bool[] _done;
    private FrameView _frame;
    private long _pendingFrame = -1;
    private byte[] _finalImages = [];

    public VectorEnv(CompiledScene scene, int count, EnvOptions? options = null, int threads = 0)
        : this(Enumerable.Repeat(scene, count).ToArray(), options, threads)
    {
    }

    /// <summary>One env per scene (e.g. a different generated track per env); all must share an observation size.</summary>
    public VectorEnv(IReadOnlyList<CompiledScene> scenes, EnvOptions? options = null, int threads = 0)
    {
        if (scenes.Count is < 1 or > MaxEnvs)
        {
            throw new SimInputException($"a vector env holds 1 to {MaxEnvs} envs, asked for {scenes.Count}", path: "--envs");
        }
        Count = scenes.Count;
        _envs = new DrivingEnv[Count];
        var envOptions = (options ?? new EnvOptions()) with { CamerasManagedByVectorEnv = true };
        for (int i = 0; i < Count; i++)
        {
            _envs[i] = new DrivingEnv(scenes[i], envOptions, i);
            if (_envs[i].Observation.VectorSize != _envs[0].Observation.VectorSize)
            {
                throw new SimInputException($"env {i} ('{scenes[i].Name}') observes {_envs[i].Observation.VectorSize} values but env 0 observes {_envs[0].Observation.VectorSize}",
                    scenes[i].Description.SourceFile, "$.egos[0].sensors", hint: "all scenes of a vector env need the same sensor list");
            }
        }
        ObservationSize = _envs[0].Observation.VectorSize;
        Observations = new float[Count * ObservationSize];
        FinalObservations = new float[Count * ObservationSize];
        Rewards = new float[Count];
        Terminated = new bool[Count];
        Truncated = new bool[Count];
        Infos = new EnvInfo[Count];
        _episodes = new long[Count];
        _done = new bool[Count];
        if (_envs[0].HasCamera)
        {
            _rig = new CameraRig(scenes, _envs[0].Observation.Cameras[0], options?.Renderer);
            _finalImages = new byte[Count * _rig.Width * _rig.Height * CameraRig.Channels];
        }
        int workers = threads > 0 ? threads : Math.Min(Environment.ProcessorCount, Math.Max(1, Count / 4));
        _workers = new WorkerGroup(workers);
        _stepRange = StepRange;
    }

    public const int MaxEnvs = 1024;

    public int Count { get; }
    public int ObservationSize { get; }
    public ObservationLayout Observation => _envs[0].Observation;
    public float[] Observations { get; }
    public float[] FinalObservations { get; }
    public float[] Rewards { get; }
    public bool[] Terminated { get; }
    public bool[] Truncated { get; }
    public EnvInfo[] Infos { get; }
    public int Threads => _workers.Workers;

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
    public ReadOnlySpan<byte> FinalImages => _finalImages;

    /// <summary>The whole rendered frame (depth and segmentation when the camera sensor asks for them).</summary>
    public FrameView Frame => _rig is null ? throw new InvalidOperationException("these envs have no camera sensor") : CurrentFrame;

    public string? RenderDevice => _rig?.DeviceName;
    public DrivingEnv this[int index] => _envs[index];

    public void Reset(ulong seed)
    {
        _seed = seed;
        Array.Clear(_episodes);
        for (int i = 0; i < Count; i++)
        {
            ResetEnv(i);
        }
        Array.Clear(Rewards);
        Array.Clear(Terminated);
        Array.Clear(Truncated);
        Render();
    }

    /// <summary>Submits the camera batch of the current state; the frame is waited for when first read.</summary>
    private void Render()
    {
        if (_rig is not null)
        {
            long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
            _pendingFrame = _rig.Submit(_envs);
            RenderSeconds += System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalSeconds;
            RenderedFrames += Count;
        }
    }

    /// <summary>
    /// Waits for the submitted batch. Stepping submits the frame and returns; whatever the caller does before reading
    /// <see cref="Images"/> (bookkeeping, the previous step's learning work) overlaps the render and readback.
    /// </summary>
    private ref readonly FrameView CurrentFrame
    {
        get
        {
            if (_pendingFrame >= 0)
            {
                long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
                _frame = _rig!.Wait(_pendingFrame);
                _pendingFrame = -1;
                RenderSeconds += System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalSeconds;
            }
            return ref _frame;
        }
    }

    /// <summary>Wall time spent rendering and reading back camera batches (a phase timer for benchmarks).</summary>
    public double RenderSeconds { get; private set; }

    /// <summary>Camera frames rendered (N per batch).</summary>
    public long RenderedFrames { get; private set; }

    /// <summary>The camera rig of these envs, or null without camera sensors.</summary>
    public CameraRig? Cameras => _rig;

    public void ResetTimers()
    {
        RenderSeconds = 0;
        RenderedFrames = 0;
    }

    /// <summary>Steps every env with continuous actions laid out N×2 (steer, accel).</summary>
    public void Step(ReadOnlySpan<float> actions) => Step(actions, render: true);

    /// <summary>
    /// Steps every env; with <paramref name="render"/> false the camera batch is not rendered (an intermediate step
    /// of an action repeat), except that envs which ended still get their final frame and a fresh first frame.
    /// </summary>
    public void Step(ReadOnlySpan<float> actions, bool render)
    {
        if (actions.Length != Count * DrivingAction.Size)
        {
            throw new ArgumentException($"expected {Count * DrivingAction.Size} action values (N×2), got {actions.Length}", nameof(actions));
        }
        if (_actions.Length != actions.Length)
        {
            _actions = new float[actions.Length];
        }
        actions.CopyTo(_actions);
        _workers.Run(Count, _stepRange);
        if (_rig is null)
        {
            return;
        }
        // With cameras, envs that ended are reset only after their final frame is rendered (for bootstrapping),
        // and then the batch is rendered again so every row shows the current episode.
        if (!render && Array.IndexOf(_done, true) < 0)
        {
            return;
        }
        Render();
        bool anyDone = false;
        int frameBytes = _rig.Width * _rig.Height * CameraRig.Channels;
        for (int i = 0; i < Count; i++)
        {
            if (_done[i])
            {
                CurrentFrame.ColorOf(i).CopyTo(_finalImages.AsSpan(i * frameBytes, frameBytes));
                ResetEnv(i);
                anyDone = true;
            }
        }
        if (anyDone)
        {
            Render();
        }
    }

    /// <summary>Steps every env with indices into <see cref="DiscreteActions"/>.</summary>
    public void Step(ReadOnlySpan<int> discrete)
    {
        if (discrete.Length != Count)
        {
            throw new ArgumentException($"expected {Count} discrete actions, got {discrete.Length}", nameof(discrete));
        }
        Span<float> continuous = Count <= 512 ? stackalloc float[Count * 2] : new float[Count * 2];
        for (int i = 0; i < Count; i++)
        {
            var a = DiscreteActions.ToContinuous(discrete[i]);
            continuous[2 * i] = a.Steer;
            continuous[2 * i + 1] = a.Accel;
        }
        Step(continuous);
    }

    private void StepRange(int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            var row = Observations.AsSpan(i * ObservationSize, ObservationSize);
            var outcome = _envs[i].Step(new DrivingAction(_actions[2 * i], _actions[2 * i + 1]), row);
            Rewards[i] = outcome.Reward;
            Terminated[i] = outcome.Terminated;
            Truncated[i] = outcome.Truncated;
            Infos[i] = _envs[i].Info;
            _done[i] = outcome.Done;
            if (outcome.Done)
            {
                row.CopyTo(FinalObservations.AsSpan(i * ObservationSize, ObservationSize));
                if (_rig is null)
                {
                    ResetEnv(i);
                }
            }
        }
    }

    private void ResetEnv(int i)
    {
        ulong episodeSeed = Rng.Derive(_seed, (ulong)i, (ulong)_episodes[i]++);
        _envs[i].Reset(episodeSeed, Observations.AsSpan(i * ObservationSize, ObservationSize));
        if (_episodes[i] == 1)
        {
            Infos[i] = _envs[i].Info;
        }
    }

    /// <summary>Combined hash of every env's state.</summary>
    public ulong StateHash()
    {
        var h = new StateHasher();
        foreach (var e in _envs)
        {
            h.Add(e.StateHash());
        }
        return h.Value;
    }

    public void Dispose()
    {
        _workers.Dispose();
        _rig?.Dispose();
        foreach (var e in _envs)
        {
            e.Dispose();
        }
    }
}
