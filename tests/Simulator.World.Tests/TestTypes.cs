using Simulator.Core;

namespace Simulator.World.Tests;

/// <summary>Records every lifecycle call with its owner, so tests can assert exact order.</summary>
internal sealed class Recorder : Behaviour
{
    private readonly List<string> _log;

    public Recorder(List<string> log, string label)
    {
        _log = log;
        Label = label;
    }

    public string Label { get; }
    public Action<Recorder, StepInfo>? OnFixed { get; set; }
    public Action<Recorder>? OnStart { get; set; }
    public Action<Recorder>? OnDestroyed { get; set; }

    protected override void Awake() => _log.Add($"{Label}.Awake");

    protected override void Start()
    {
        _log.Add($"{Label}.Start");
        OnStart?.Invoke(this);
    }

    protected override void FixedUpdate(in StepInfo step)
    {
        _log.Add($"{Label}.Fixed{step.Index}");
        OnFixed?.Invoke(this, step);
    }

    protected override void Update(in StepInfo step) => _log.Add($"{Label}.Update{step.Index}");

    protected override void OnDestroy()
    {
        _log.Add($"{Label}.OnDestroy");
        OnDestroyed?.Invoke(this);
    }
}

/// <summary>A system that logs its name each step.</summary>
internal sealed class LogSystem(List<string> log, string name, SimPhase phase, int order = 0) : IWorldSystem
{
    public SimPhase Phase => phase;
    public int Order => order;

    public void Execute(World world, in StepInfo step) => log.Add(name);
}

/// <summary>Plain data component.</summary>
internal sealed class Position : Component, IStateHashable
{
    public Vec2 Value;

    public void AddToHash(ref StateHasher hasher) => hasher.Add(Value);
}

/// <summary>A random walker: draws from its own Rng stream each step (determinism tests).</summary>
internal sealed class RandomWalker(ulong seed, int index) : Behaviour, IStateHashable
{
    private readonly Rng _rng = Rng.Create(seed, RngStream.Custom, index);
    private Position? _position;

    protected override void Start() => _position = Entity.RequireComponent<Position>();

    protected override void FixedUpdate(in StepInfo step)
    {
        _position!.Value += new Vec2(_rng.NextGaussian(), _rng.NextGaussian()) * step.DeltaTime;
    }

    public void AddToHash(ref StateHasher hasher) => hasher.Add(_rng.State.Item1);
}
