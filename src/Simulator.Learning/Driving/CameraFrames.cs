using Simulator.Driving.Env;

namespace Simulator.Learning.Driving;

/// <summary>
/// Camera frames straight from a Driving <see cref="VectorEnv"/> whose ego has a camera sensor: the env renders all
/// envs in one batch after each step (and renders final frames before auto-reset), so this source only exposes them.
/// </summary>
public sealed class CameraFrames : IFrameSource
{
    private readonly VectorEnv _env;

    public CameraFrames(VectorEnv env)
    {
        if (!env.HasImages)
        {
            throw new ArgumentException("the vector env has no camera sensor", nameof(env));
        }
        _env = env;
    }

    public int Height => _env.ImageHeight;
    public int Width => _env.ImageWidth;
    public int Channels => _env.ImageChannels;
    public ReadOnlySpan<byte> Images => _env.Images;
    public ReadOnlySpan<byte> FinalImages => _env.FinalImages;

    /// <summary>Nothing to do: the env already rendered this step's frames (and the final ones) in its Step.</summary>
    public void Refresh(bool afterReset, ReadOnlySpan<bool> ended)
    {
    }
}
