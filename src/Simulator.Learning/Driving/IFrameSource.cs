namespace Simulator.Learning.Driving;

/// <summary>
/// Camera frames of a Driving vector env, N × H × W × C bytes (RGBA8: C = 4), refreshed by the env's Reset/Step.
/// The seam between the learner and whatever renders: Driving's camera-equipped VectorEnv (HasImages, Images,
/// FinalImages) fits it one to one, and benchmarks can plug synthetic frames into the same path.
/// </summary>
public interface IFrameSource
{
    int Height { get; }
    int Width { get; }
    int Channels { get; }

    /// <summary>Current frames of every env (valid after Reset/Step until the next Step).</summary>
    ReadOnlySpan<byte> Images { get; }

    /// <summary>Last frames of the envs that ended in the latest Step (rows of other envs unspecified).</summary>
    ReadOnlySpan<byte> FinalImages { get; }

    /// <summary>Called by the adapter after the wrapped env was reset or stepped (sources that render on demand
    /// produce their frames here; sources fed by the env itself do nothing).</summary>
    void Refresh(bool afterReset, ReadOnlySpan<bool> ended);
}
