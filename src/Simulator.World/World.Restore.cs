namespace Simulator.World;

// Restoring a checkpoint: the owner rebuilds the entities (as its reset does), then sets what the loop itself keeps.
public sealed partial class World
{
    /// <summary>
    /// Sets the step index of a world restored from a checkpoint (its entities rebuilt and their values overwritten
    /// by the owner). Only between steps.
    /// </summary>
    public void RestoreStepIndex(long stepIndex)
    {
        ThrowIfBusy("restore the step index");
        ArgumentOutOfRangeException.ThrowIfNegative(stepIndex);
        _stepIndex = stepIndex;
    }

    /// <summary>
    /// Marks a behaviour of a restored world as started without calling Start (its Start ran before the checkpoint
    /// was taken), so the next step does not run it again. Only between steps.
    /// </summary>
    public void RestoreStarted(Behaviour behaviour)
    {
        ArgumentNullException.ThrowIfNull(behaviour);
        ThrowIfBusy("restore a behaviour's Start flag");
        if (behaviour.Entity.World != this)
        {
            throw new InvalidOperationException($"{behaviour} belongs to another world.");
        }
        behaviour.Started = true;
    }
}
