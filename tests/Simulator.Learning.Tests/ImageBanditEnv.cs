using Simulator.Core;
using Simulator.Learning.Env;

namespace Simulator.Learning.Tests;

/// <summary>
/// A 36×36 RGB image with a bright block on the left or right; action 0/1 names the side (reward 1 if right, else 0);
/// also a 2-float vector (constant). Episodes are cut after 4 steps (truncation, final observations provided). Exercises the image, vector, stacking and recurrent paths.
/// </summary>
public sealed class ImageBanditEnv : IVectorEnv
{
    private const int Size = 36, Channels = 3;
    private readonly byte[] _images;
    private readonly float[] _vectors;
    private readonly int[] _side, _steps;
    private readonly Rng[] _rngs;

    public ImageBanditEnv(int numEnvs)
    {
        NumEnvs = numEnvs;
        _images = new byte[numEnvs * Size * Size * Channels];
        _vectors = new float[numEnvs * 2];
        _side = new int[numEnvs];
        _steps = new int[numEnvs];
        _rngs = new Rng[numEnvs];
    }

    public int NumEnvs { get; }
    public ObservationSpec ObservationSpec { get; } = new(Channels, Size, Size, 2);
    public ActionSpec ActionSpec { get; } = ActionSpec.Discrete(2);
    public ReadOnlySpan<byte> Images => _images;
    public ReadOnlySpan<float> Vectors => _vectors;

    // Each step draws a fresh, independent image, so the observation after a reset is as good a final one as any.
    public bool HasFinalObservations => true;
    public ReadOnlySpan<byte> FinalImages => _images;
    public ReadOnlySpan<float> FinalVectors => _vectors;

    public void Reset(ulong seed)
    {
        for (int n = 0; n < NumEnvs; n++)
        {
            _rngs[n] = Rng.Create(seed, RngStream.Custom, 2000 + n);
            _steps[n] = 0;
            Draw(n);
        }
    }

    public void Step(ReadOnlySpan<float> actions, Span<float> rewards, Span<bool> terminated, Span<bool> truncated)
    {
        for (int n = 0; n < NumEnvs; n++)
        {
            rewards[n] = (int)actions[n] == _side[n] ? 1f : 0f;
            terminated[n] = false;
            truncated[n] = ++_steps[n] >= 4;
            if (truncated[n])
            {
                _steps[n] = 0;
            }
            Draw(n);
        }
    }

    private void Draw(int n)
    {
        _side[n] = _rngs[n].NextInt(2);
        Span<byte> img = _images.AsSpan(n * Size * Size * Channels, Size * Size * Channels);
        img.Clear();
        int x0 = _side[n] == 0 ? 4 : Size - 16;
        for (int y = 10; y < 26; y++)
        {
            for (int x = x0; x < x0 + 12; x++)
            {
                for (int c = 0; c < Channels; c++)
                {
                    img[(y * Size + x) * Channels + c] = 220;
                }
            }
        }
        _vectors[2 * n] = 1f;
        _vectors[2 * n + 1] = -1f;
    }
}
