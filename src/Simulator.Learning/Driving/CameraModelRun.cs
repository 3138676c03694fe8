using Simulator.Core;
using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Simulator.Learning.Env;
using Simulator.Learning.Networks;
using Simulator.Learning.Ppo;
using Simulator.Learning.Runs;
using Simulator.Torch;

namespace Simulator.Learning.Driving;

/// <summary>
/// A camera model driving one env one agent step at a time, the way <see cref="PolicyEvaluator"/> drives it (for a
/// watcher: the viewer window, Foxglove): a one-env driving env (<see cref="DrivingEnvs.ForModel"/>, with the model's
/// perception when it was trained with one) renders the ego's camera, the
/// <see cref="PolicyRunner"/> stacks the frames and picks greedy actions, each action is held for the model's action
/// repeat. Episode k is reset as env k of the evaluator's batch (reset seed Rng.Derive(seed, k, 0)), so for up to
/// <see cref="EvalSettings.MaxEnvsPerScene"/> episodes its results equal `sim drive --model`'s.
/// </summary>
public sealed class CameraModelRun : IDisposable
{
    private readonly IDrivingVectorEnv _env;
    private readonly PolicyRunner _runner;
    private readonly ulong _seed;
    private readonly float[] _actions;
    private readonly float[] _rewards = new float[1];
    private readonly bool[] _terminated = new bool[1];
    private readonly bool[] _truncated = new bool[1];
    private readonly bool[] _started = new bool[1];
    private double _return;
    private long _episode = -1;

    /// <param name="perceptionRoot">The folder the relative model paths of the model's perception are read from (the repository root).</param>
    public CameraModelRun(ActorCritic policy, ModelMeta meta, CompiledScene scene, ulong seed, string perceptionRoot = "")
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(meta);
        _env = DrivingEnvs.ForModel(meta, [scene], perceptionRoot);
        if (policy.Observation != _env.ObservationSpec)
        {
            _env.Dispose();
            throw new SimInputException($"the model takes {ModelMeta.Describe(policy.Observation)}, but scene '{scene.Name}' provides {ModelMeta.Describe(_env.ObservationSpec)}",
                file: scene.Description.SourceFile, hint: "drive it on a scene with the sensors the model was trained with");
        }
        _runner = new PolicyRunner(policy, 1, Device.Cpu, Rng.Derive(seed, (ulong)RngStream.Policy));
        _actions = new float[_env.ActionSpec.ValuesPerEnv];
        _seed = seed;
        Scene = scene;
    }

    public CompiledScene Scene { get; }

    /// <summary>Sees the env's resets and physics steps (a recorder); set before the first <see cref="Reset"/>.</summary>
    public IEpisodeSink? Sink
    {
        get => _env.DrivingEnv.Inner.Sink;
        set => _env.DrivingEnv.Inner.Sink = value;
    }

    /// <summary>The driven env (snapshot, ego, info) for drawing and telemetry.</summary>
    public DrivingEnv Env => _env.DrivingEnv.Inner[0];

    /// <summary>Physics steps per agent step.</summary>
    public int ActionRepeat => _env.DrivingEnv.ActionRepeat;

    /// <summary>The camera frame the model saw last, RGBA8 (<see cref="FrameWidth"/> × <see cref="FrameHeight"/> × 4).</summary>
    public ReadOnlySpan<byte> Frame => _env.DrivingEnv.Inner.Images;
    public int FrameWidth => _env.DrivingEnv.Inner.ImageWidth;
    public int FrameHeight => _env.DrivingEnv.Inner.ImageHeight;
    public int FrameChannels => _env.DrivingEnv.Inner.ImageChannels;

    /// <summary>Info of the last agent step's last counted physics step (the final info when the episode ended).</summary>
    public EnvInfo Info => _env.DrivingEnv.Infos[0];

    /// <summary>Starts episode <paramref name="episode"/> (the evaluator's env <paramref name="episode"/>).</summary>
    public void Reset(long episode)
    {
        _episode = episode;
        _env.Reset(_seed, checked((int)episode));
        _started[0] = true;
        _return = 0;
        _runner.Observe(_env.Images, _env.Vectors, _started);
    }

    /// <summary>One agent step (ActionRepeat physics steps); true when the episode ended in it.</summary>
    public bool Step(out float reward)
    {
        if (_episode < 0)
        {
            throw new InvalidOperationException("call Reset before Step");
        }
        _runner.ActForEnv(deterministic: true, _actions);
        _env.Step(_actions, _rewards, _terminated, _truncated);
        bool ended = _terminated[0] || _truncated[0];
        _started[0] = ended;
        reward = _rewards[0];
        _return += reward;
        _runner.Observe(_env.Images, _env.Vectors, _started);
        return ended;
    }

    /// <summary>The summary of the episode that just ended, as <see cref="PolicyEvaluator"/> reports it.</summary>
    public EpisodeSummary Summary() => EpisodeSummary.From(Scene.Name, Rng.Derive(_seed, (ulong)_episode, 0), Info, _return);

    /// <summary>Drives <paramref name="episodes"/> episodes headless, calling <paramref name="observer"/> after each reset and agent step.</summary>
    public List<EpisodeSummary> RunEpisodes(int episodes, Action<CameraModelRun>? observer = null)
    {
        var results = new List<EpisodeSummary>(episodes);
        for (int k = 0; k < episodes; k++)
        {
            Reset(k);
            observer?.Invoke(this);
            bool ended;
            do
            {
                ended = Step(out _);
                observer?.Invoke(this);
            }
            while (!ended);
            results.Add(Summary());
        }
        return results;
    }

    public void Dispose()
    {
        _runner.Dispose();
        _env.Dispose();
    }
}
