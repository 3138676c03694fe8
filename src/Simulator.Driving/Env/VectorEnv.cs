using Simulator.Core;
using Simulator.Driving.Runtime;
using Simulator.Driving.Sensors;
using Simulator.Driving.Snapshots;

namespace Simulator.Driving.Env;

/// <summary>
/// N environments stepped together with structure-of-arrays buffers (observations N×D, rewards, terminated,
/// truncated, infos) and auto-reset: when env i ends, its final observation goes to <see cref="FinalObservations"/>,
/// <see cref="Infos"/>[i] keeps the final info, and row i of <see cref="Observations"/> already holds the first
/// observation of its next episode (seeded from the reset seed, the env index and its episode count).
/// Envs are independent, so stepping them on several threads gives the same bits as stepping them on one.
/// The vector env is the one owner of its envs' cameras (see VectorEnv.Cameras.cs): it renders their snapshots.
/// </summary>
public sealed partial class VectorEnv : IDisposable
{
    private readonly DrivingEnv[] _envs;
    private readonly WorkerGroup _workers;
    private readonly Action<int, int> _stepRange;
    private readonly long[] _episodes;
    private float[] _actions = [];
    private ulong _seed;
    private int _indexBase;
    private readonly bool[] _done;
    private readonly WorldSnapshot[] _snapshots;
    private readonly WorldSnapshot[] _finalSnapshots;

    public VectorEnv(CompiledScene scene, int count, EnvOptions? options = null, int threads = 0)
        : this(Enumerable.Repeat(scene, count).ToArray(), options, threads)
    {
    }

    /// <summary>One env per scene (e.g. a different generated track per env); all must share an observation size.</summary>
    public VectorEnv(IReadOnlyList<CompiledScene> scenes, EnvOptions? options = null, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(scenes);
        if (scenes.Count is < 1 or > MaxEnvs)
        {
            throw new SimInputException($"a vector env holds 1 to {MaxEnvs} envs, asked for {scenes.Count}", path: "--envs");
        }
        Count = scenes.Count;
        _envs = new DrivingEnv[Count];
        _snapshots = new WorldSnapshot[Count];
        _finalSnapshots = new WorldSnapshot[Count];
        var envOptions = options ?? new EnvOptions();
        for (int i = 0; i < Count; i++)
        {
            _envs[i] = new DrivingEnv(scenes[i], envOptions, i);
            if (_envs[i].Observation.VectorSize != _envs[0].Observation.VectorSize)
            {
                throw new SimInputException($"env {i} ('{scenes[i].Name}') observes {_envs[i].Observation.VectorSize} values but env 0 observes {_envs[0].Observation.VectorSize}",
                    scenes[i].Description.SourceFile, "$.egos[0].sensors", hint: "all scenes of a vector env need the same sensor list");
            }
            _snapshots[i] = _envs[i].Snapshot;
            _finalSnapshots[i] = new WorldSnapshot();
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
        int workers = threads > 0 ? threads : Math.Min(Environment.ProcessorCount, Math.Max(1, Count / 4));
        _workers = new WorkerGroup(workers);
        _stepRange = StepRange;
        if (_envs[0].HasCamera)
        {
            try
            {
                CreateCameras(scenes, options?.Renderer);
            }
            catch
            {
                _workers.Dispose();
                throw;
            }
        }
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
    public DrivingEnv this[int index] => _envs[index];

    /// <summary>Each env's snapshot of the current state (after auto-reset: the new episode's first), refilled by Step.</summary>
    public ReadOnlySpan<WorldSnapshot> Snapshots => _snapshots;

    /// <summary>The last snapshot of env <paramref name="env"/>'s previous episode: valid when it ended in the last Step.</summary>
    public WorldSnapshot FinalSnapshotOf(int env) => _finalSnapshots[env];

    public void Reset(ulong seed) => Reset(seed, 0);

    /// <summary>Sees every env's resets and steps (e.g. a recorder); set it before <see cref="Reset(ulong)"/>.</summary>
    public IEpisodeSink? Sink { get; set; }

    /// <summary>
    /// Resets every env as if env i were env <paramref name="firstIndex"/> + i of a larger batch (its env index and its
    /// episode seeds Rng.Derive(seed, firstIndex + i, k)): one env can replay, alone, what env k of a batch drove.
    /// </summary>
    public void Reset(ulong seed, int firstIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstIndex);
        _seed = seed;
        _indexBase = firstIndex;
        Array.Clear(_episodes);
        for (int i = 0; i < Count; i++)
        {
            _envs[i].EnvIndex = firstIndex + i;
            ResetEnv(i);
        }
        Array.Clear(Rewards);
        Array.Clear(Terminated);
        Array.Clear(Truncated);
        Array.Clear(_done);
        RenderAfterReset();
    }

    /// <summary>Steps every env with continuous actions laid out N×2 (steer, accel).</summary>
    public void Step(ReadOnlySpan<float> actions) => Step(actions, render: true);

    /// <summary>
    /// Steps every env; with <paramref name="render"/> false the camera batch is not rendered (an intermediate step
    /// of an action repeat), except that envs which ended still get their final frame.
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
        // No wait for the render here: the rig copied everything it needs from the snapshots inside Submit.
        _workers.Run(Count, _stepRange);
        RenderAfterStep(render);
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

    // Runs on the worker threads: an env that ends keeps its final observation and snapshot, then resets at once.
    private void StepRange(int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            var row = Observations.AsSpan(i * ObservationSize, ObservationSize);
            var action = new DrivingAction(_actions[2 * i], _actions[2 * i + 1]);
            var outcome = _envs[i].Step(action, row);
            Sink?.Stepped(_envs[i], action, outcome);
            Rewards[i] = outcome.Reward;
            Terminated[i] = outcome.Terminated;
            Truncated[i] = outcome.Truncated;
            Infos[i] = _envs[i].Info;
            _done[i] = outcome.Done;
            if (outcome.Done)
            {
                row.CopyTo(FinalObservations.AsSpan(i * ObservationSize, ObservationSize));
                _envs[i].Snapshot.CopyTo(_finalSnapshots[i]);
                ResetEnv(i);
            }
        }
    }

    private void ResetEnv(int i)
    {
        ulong episodeSeed = Rng.Derive(_seed, (ulong)(_indexBase + i), (ulong)_episodes[i]++);
        _envs[i].Reset(episodeSeed, Observations.AsSpan(i * ObservationSize, ObservationSize));
        Sink?.EpisodeStarted(_envs[i], episodeSeed);
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
        DisposeCameras();
        _workers.Dispose();
        foreach (var e in _envs)
        {
            e.Dispose();
        }
    }
}
