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

    protected internal virtual void Awake() { }

    protected internal virtual void Start() { }

    protected internal virtual void FixedUpdate(in StepInfo step) { }

    protected internal virtual void Update(in StepInfo step) { }

    protected internal virtual void OnDestroy() { }
}
