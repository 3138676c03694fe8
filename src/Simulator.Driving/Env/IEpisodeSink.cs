namespace Simulator.Driving.Env;

/// <summary>
/// Sees every episode an env runs, step by step, with the actions as passed to Step: what a recorder needs. Called on
/// the thread that stepped the env (a <see cref="VectorEnv"/>'s workers call it concurrently for different envs, never
/// for the same env at once). Implementations must be quick and must not step or reset the env.
/// </summary>
public interface IEpisodeSink
{
    /// <summary>The env was just reset into a new episode with <paramref name="seed"/> (the seed passed to Reset).</summary>
    void EpisodeStarted(DrivingEnv env, ulong seed);

    /// <summary>The env just stepped with <paramref name="action"/>; the episode ended in it when the outcome is done.</summary>
    void Stepped(DrivingEnv env, DrivingAction action, in StepOutcome outcome);

    /// <summary>The caller stopped counting <paramref name="env"/>'s episode before it ended (a step limit such as
    /// <c>sim eval --max-steps</c>): the episode is over for whoever runs it, so a recorder closes it now as a whole
    /// recording of what ran, rather than as an unfinished one. Steps of the env after this belong to no episode until
    /// the next <see cref="EpisodeStarted"/>. Sinks that keep nothing per episode need not implement it.</summary>
    void EpisodeCut(DrivingEnv env)
    {
    }
}
