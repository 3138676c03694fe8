namespace Simulator.World;

/// <summary>
/// A component with Unity-style lifecycle callbacks, all called on the simulation thread:
/// <list type="bullet">
/// <item><see cref="Awake"/> as soon as it is added to an entity;</item>
/// <item><see cref="Start"/> at the beginning of the first step it takes part in;</item>
/// <item><see cref="FixedUpdate"/> every step inside <see cref="SimPhase.Decide"/>, in entity id order;</item>
/// <item><see cref="Update"/> once per step after <see cref="SimPhase.PostStep"/> (the hook for watchers);</item>
/// <item><see cref="OnDestroy"/> when its entity is destroyed (end of the step, or at once outside a step).</item>
/// </list>
/// </summary>
public abstract class Behaviour : Component
{
    /// <summary>Disabled behaviours skip FixedUpdate and Update; Start and OnDestroy still run.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>True once <see cref="Start"/> has run.</summary>
    public bool Started { get; internal set; }

    internal bool Awoken { get; set; }

    protected virtual void Awake() { }

    protected virtual void Start() { }

    protected virtual void FixedUpdate(in StepInfo step) { }

    protected virtual void Update(in StepInfo step) { }

    protected virtual void OnDestroy() { }

    // The world calls the callbacks through these, so subclasses in other assemblies override plain protected members.
    internal void InvokeAwake() => Awake();

    internal void InvokeStart() => Start();

    internal void InvokeFixedUpdate(in StepInfo step) => FixedUpdate(in step);

    internal void InvokeUpdate(in StepInfo step) => Update(in step);

    internal void InvokeOnDestroy() => OnDestroy();
}
