using Simulator.Core;
using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Simulator.Learning.Env;

namespace Simulator.Learning.Driving;

/// <summary>Which action space the learner sees.</summary>
public enum DrivingActionMode
{
    /// <summary>[steer, accel] in [−1, 1]².</summary>
    Continuous,
    /// <summary>An index into Driving's <see cref="DiscreteActions"/> (15 choices).</summary>
    Discrete,
}

/// <summary>
/// The learner's view (<see cref="IVectorEnv"/>) of Driving's <see cref="VectorEnv"/>: vector observations as they
/// are, camera frames (when a frame source is given) with the alpha channel dropped (C = 3, HWC, the layout the frame
/// stacker reads), actions passed straight through (continuous) or as indices (discrete), rewards and episode flags
/// copied, and final observations for time-limit bootstrapping. One env per scene, so a list of generated tracks
/// trains on all of them at once. Stepping allocates nothing.
/// </summary>
public sealed class DrivingVectorEnv : IDrivingVectorEnv
{
    DrivingVectorEnv IDrivingEnvSource.DrivingEnv => this;

    private readonly VectorEnv _env;
    private readonly IFrameSource? _frames;
    private readonly float[] _continuous;
    private readonly bool[] _endedNow;
    private readonly EnvInfo[] _infos;
    private readonly bool[] _ended;
    private readonly byte[] _images;
    private readonly byte[] _finalImages;
    private bool _imagesStale;

    public DrivingVectorEnv(IReadOnlyList<CompiledScene> scenes, DrivingActionMode actions = DrivingActionMode.Continuous,
        EnvOptions? options = null, int threads = 0, Func<VectorEnv, IFrameSource>? frames = null)
    {
        _env = new VectorEnv(scenes, options, threads);
        NumEnvs = _env.Count;
        Mode = actions;
        _continuous = new float[NumEnvs * 2];
        _ended = new bool[NumEnvs];
        _endedNow = new bool[NumEnvs];
        _infos = new EnvInfo[NumEnvs];
        // Scenes whose ego has a camera sensor bring their own frames; a custom source (benchmarks) overrides them.
        _frames = frames?.Invoke(_env) ?? (_env.HasImages ? new CameraFrames(_env) : null);
        if (_frames != null)
        {
            if (_frames.Channels is not (3 or 4))
            {
                throw new SimInputException($"camera frames have {_frames.Channels} channels", hint: "expected RGBA8 (4) or RGB8 (3)");
            }
            ObservationSpec = new ObservationSpec(3, _frames.Height, _frames.Width, _env.ObservationSize);
            _images = GC.AllocateArray<byte>(NumEnvs * ObservationSpec.ImageBytes, pinned: true);
            _finalImages = new byte[_images.Length];
        }
        else
        {
            ObservationSpec = ObservationSpec.VectorOnly(_env.ObservationSize);
            _images = [];
            _finalImages = [];
        }
        ActionSpec = ActionSpecOf(actions);
    }

    /// <summary>The action spec of an action mode.</summary>
    public static ActionSpec ActionSpecOf(DrivingActionMode actions) => actions == DrivingActionMode.Discrete
        ? ActionSpec.Discrete(DiscreteActions.Count)
        : ActionSpec.Continuous([-1f, -1f], [1f, 1f]);

    /// <summary>
    /// The observation spec envs over <paramref name="scenes"/> would have (with their own camera frames), computed from
    /// the scenes' ego sensors alone: no world is stepped and no render device is opened.
    /// </summary>
    public static ObservationSpec ObservationSpecOf(IReadOnlyList<CompiledScene> scenes)
    {
        ArgumentNullException.ThrowIfNull(scenes);
        if (scenes.Count == 0)
        {
            throw new ArgumentException("no scenes", nameof(scenes));
        }
        ObservationSpec? spec = null;
        foreach (CompiledScene scene in scenes)
        {
            var layout = Simulator.Driving.Sensors.ObservationLayout.For(scene.Description.Egos[0]);
            var camera = layout.Cameras.IsEmpty ? null : layout.Cameras[0].Camera;
            var s = camera is null ? ObservationSpec.VectorOnly(layout.VectorSize) : new ObservationSpec(3, camera.Height, camera.Width, layout.VectorSize);
            if (spec is not null && s != spec)
            {
                throw new SimInputException($"scene '{scene.Name}' gives observations {s}, the first scene {spec}", hint: "give the egos of all scenes the same sensors");
            }
            spec = s;
        }
        return spec!;
    }

    public int NumEnvs { get; }
    public DrivingActionMode Mode { get; }
    public ObservationSpec ObservationSpec { get; }
    public ActionSpec ActionSpec { get; }

    /// <summary>The wrapped Driving env (infos, worlds, egos).</summary>
    public VectorEnv Inner => _env;

    /// <summary>
    /// The current frames as RGB, converted on first read after Reset/Step: whatever the caller does between Step and
    /// this read (episode bookkeeping, final values) overlaps the render, which is waited for here.
    /// </summary>
    public ReadOnlySpan<byte> Images
    {
        get
        {
            if (_imagesStale)
            {
                _imagesStale = false;
                ToRgb(_frames!.Images, _images, null);
            }
            return _images;
        }
    }
    public ReadOnlySpan<float> Vectors => _env.Observations;
    public bool HasFinalObservations => true;
    public ReadOnlySpan<byte> FinalImages => _finalImages;
    public ReadOnlySpan<float> FinalVectors => _env.FinalObservations;

    public void Reset(ulong seed) => Reset(seed, 0);

    /// <summary>Resets env i as env <paramref name="firstIndex"/> + i of a larger batch (see <see cref="VectorEnv.Reset(ulong, int)"/>).</summary>
    public void Reset(ulong seed, int firstIndex)
    {
        _env.Reset(seed, firstIndex);
        _env.Infos.CopyTo(_infos, 0);
        if (_frames != null)
        {
            Array.Clear(_ended);
            _frames.Refresh(afterReset: true, _ended);
            _imagesStale = true;
        }
    }

    /// <summary>
    /// Physics steps per agent step (frame skip): the action is held, rewards are summed, and only the last physics
    /// step is rendered. An env that ends inside the repeat keeps its final observation and coasts (zero action) in
    /// its new episode for the remaining physics steps, whose rewards are not counted.
    /// </summary>
    public int ActionRepeat { get; init; } = 1;

    /// <summary>
    /// Per env, the info of the last physics step that counted in the last agent step: for an env that ended, its
    /// final info (with the repeat, the inner env's own <see cref="VectorEnv.Infos"/> row may already belong to the
    /// next episode).
    /// </summary>
    public ReadOnlySpan<EnvInfo> Infos => _infos;

    public void Step(ReadOnlySpan<float> actions, Span<float> rewards, Span<bool> terminated, Span<bool> truncated)
    {
        if (ActionRepeat < 1)
        {
            throw new SimInputException($"action repeat must be at least 1, got {ActionRepeat}", path: "action_repeat");
        }
        var continuous = _continuous.AsSpan();
        for (int n = 0; n < NumEnvs; n++)
        {
            // The learner stores discrete indices as floats; an index out of range is a bug upstream, which the env rejects.
            var a = Mode == DrivingActionMode.Discrete ? DiscreteActions.ToContinuous((int)actions[n]) : new DrivingAction(actions[2 * n], actions[2 * n + 1]);
            continuous[2 * n] = a.Steer;
            continuous[2 * n + 1] = a.Accel;
        }
        rewards.Clear();
        terminated.Clear();
        truncated.Clear();
        Array.Clear(_ended);
        for (int r = 0; r < ActionRepeat; r++)
        {
            _env.Step(continuous, render: r == ActionRepeat - 1);
            bool anyEnded = false;
            for (int n = 0; n < NumEnvs; n++)
            {
                if (_ended[n])
                {
                    continue;
                }
                rewards[n] += _env.Rewards[n];
                terminated[n] = _env.Terminated[n];
                truncated[n] = _env.Truncated[n];
                _infos[n] = _env.Infos[n];
                if (terminated[n] || truncated[n])
                {
                    _ended[n] = true;
                    _endedNow[n] = true;
                    anyEnded = true;
                    continuous[2 * n] = 0;
                    continuous[2 * n + 1] = 0;
                }
            }
            if (anyEnded && _frames != null)
            {
                _frames.Refresh(afterReset: false, _endedNow);
                ToRgb(_frames.FinalImages, _finalImages, _endedNow);
            }
            Array.Clear(_endedNow);
        }
        _imagesStale = _frames != null;
    }

    // RGBA8 → RGB8 (the colour carries the information; alpha is always opaque), for all rows or the flagged ones.
    private void ToRgb(ReadOnlySpan<byte> source, Span<byte> destination, bool[]? only)
    {
        int pixels = ObservationSpec.Height * ObservationSpec.Width;
        int c = _frames!.Channels;
        for (int n = 0; n < NumEnvs; n++)
        {
            if (only != null && !only[n])
            {
                continue;
            }
            ReadOnlySpan<byte> src = source.Slice(n * pixels * c, pixels * c);
            Span<byte> dst = destination.Slice(n * pixels * 3, pixels * 3);
            if (c == 3)
            {
                src.CopyTo(dst);
                continue;
            }
            for (int p = 0; p < pixels; p++)
            {
                dst[3 * p] = src[4 * p];
                dst[3 * p + 1] = src[4 * p + 1];
                dst[3 * p + 2] = src[4 * p + 2];
            }
        }
    }

    public void Dispose() => _env.Dispose();
}
