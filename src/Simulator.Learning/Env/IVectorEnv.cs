namespace Simulator.Learning.Env;

/// <summary>
/// N environments stepped together, the learner's view of a simulator (Driving's VectorEnv gets an adapter).
/// Observations live in buffers the env owns and overwrites on every Reset/Step; the learner copies what it keeps.
///
/// Auto-reset: when env i terminates or is truncated during <see cref="Step"/>, it resets itself inside the same
/// call; its reward and flags describe the finished step, and its observation is already the first of the new
/// episode. A terminated step ends the return there; for a truncated one (time limit) the learner adds
/// γ·V(final observation) when the env provides final observations (<see cref="HasFinalObservations"/>), and
/// otherwise treats it like a termination.
/// </summary>
public interface IVectorEnv
{
    int NumEnvs { get; }

    ObservationSpec ObservationSpec { get; }

    ActionSpec ActionSpec { get; }

    /// <summary>Resets every env; env i uses a seed derived from (seed, i). Fills the observation buffers.</summary>
    void Reset(ulong seed);

    /// <summary>
    /// Advances every env by one step. <paramref name="actions"/> holds NumEnvs × ActionSpec.Dim values, env-major:
    /// continuous actions within [Low, High], or for discrete actions one index per env stored as a float.
    /// Writes one reward and the two episode-end flags per env.
    /// </summary>
    void Step(ReadOnlySpan<float> actions, Span<float> rewards, Span<bool> terminated, Span<bool> truncated);

    /// <summary>Camera frames, NumEnvs × Height × Width × Channels bytes (empty when the spec has no image).</summary>
    ReadOnlySpan<byte> Images { get; }

    /// <summary>Vector observations, NumEnvs × VectorSize floats (empty when VectorSize is 0).</summary>
    ReadOnlySpan<float> Vectors { get; }

    /// <summary>Whether <see cref="FinalImages"/>/<see cref="FinalVectors"/> are filled by Step.</summary>
    bool HasFinalObservations => false;

    /// <summary>
    /// After Step: for each env that ended in it, the observation it reached before the auto-reset (same layout as
    /// <see cref="Images"/>); entries of other envs are unspecified.
    /// </summary>
    ReadOnlySpan<byte> FinalImages => [];

    /// <summary>As <see cref="FinalImages"/> for the vector observation.</summary>
    ReadOnlySpan<float> FinalVectors => [];
}
