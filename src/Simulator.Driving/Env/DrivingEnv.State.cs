using System.Buffers;

namespace Simulator.Driving.Env;

// CONTRACT SKELETON (to be implemented by the state helper; bodies are replaced, signatures kept).
public sealed partial class DrivingEnv
{
    /// <summary>
    /// Writes the env's complete simulation state after its last Reset/Step (every component and system value that
    /// the next steps depend on, random stream states, step index, episode), so that <see cref="LoadState"/> on
    /// another env of the same scene and options continues bit-identically (same state hashes, snapshots, rewards).
    /// </summary>
    public void SaveState(IBufferWriter<byte> output) => throw new NotImplementedException();

    /// <summary>The state as a new array (see <see cref="SaveState(IBufferWriter{byte})"/>).</summary>
    public byte[] SaveState() => throw new NotImplementedException();

    /// <summary>
    /// Restores a state written by <see cref="SaveState(IBufferWriter{byte})"/> (the env need not have been reset).
    /// A state of another scene, another format version, or damaged bytes is refused with a clear
    /// <see cref="Core.SimInputException"/> and leaves the env needing a Reset.
    /// </summary>
    public void LoadState(ReadOnlySpan<byte> state) => throw new NotImplementedException();
}
