namespace Simulator.Learning.Data;

/// <summary>
/// Keeps the last k frames of every env as one channels-first byte image [N, k·C, H, W] (oldest block first), the
/// network's input layout. Where an episode starts, all k slots are filled with the new frame. The buffer is pinned,
/// so a tensor can be made over it once and reused.
/// </summary>
public sealed class FrameStacker
{
    private readonly int _numEnvs;
    private readonly int _channels;
    private readonly int _height;
    private readonly int _width;
    private readonly int _stack;

    public FrameStacker(int numEnvs, int channels, int height, int width, int stack)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stack, 1);
        _numEnvs = numEnvs;
        _channels = channels;
        _height = height;
        _width = width;
        _stack = stack;
        Stacked = GC.AllocateArray<byte>(numEnvs * EnvBytes, pinned: true);
    }

    /// <summary>[N, k·C, H, W] bytes.</summary>
    public byte[] Stacked { get; }

    /// <summary>Bytes of one env's stacked observation.</summary>
    public int EnvBytes => _stack * _channels * _height * _width;

    /// <summary>Fills every slot of every env from <paramref name="imagesHwc"/> (N × H × W × C).</summary>
    public void Reset(ReadOnlySpan<byte> imagesHwc)
    {
        for (int n = 0; n < _numEnvs; n++)
        {
            FillEnv(imagesHwc, n);
        }
    }

    /// <summary>Appends the newest frames; envs flagged in <paramref name="episodeStarted"/> are refilled instead.</summary>
    public void Push(ReadOnlySpan<byte> imagesHwc, ReadOnlySpan<bool> episodeStarted)
    {
        int frame = _channels * _height * _width;
        for (int n = 0; n < _numEnvs; n++)
        {
            if (episodeStarted[n])
            {
                FillEnv(imagesHwc, n);
                continue;
            }
            Span<byte> env = Stacked.AsSpan(n * EnvBytes, EnvBytes);
            env[frame..].CopyTo(env); // drop the oldest block (overlapping copy is safe with Span)
            HwcToChw(imagesHwc.Slice(n * frame, frame), env[((_stack - 1) * frame)..], _channels, _height, _width);
        }
    }

    private void FillEnv(ReadOnlySpan<byte> imagesHwc, int n)
    {
        int frame = _channels * _height * _width;
        Span<byte> env = Stacked.AsSpan(n * EnvBytes, EnvBytes);
        HwcToChw(imagesHwc.Slice(n * frame, frame), env[..frame], _channels, _height, _width);
        for (int s = 1; s < _stack; s++)
        {
            env[..frame].CopyTo(env.Slice(s * frame, frame));
        }
    }

    /// <summary>Reorders one H × W × C image into C × H × W.</summary>
    public static void HwcToChw(ReadOnlySpan<byte> hwc, Span<byte> chw, int channels, int height, int width)
    {
        int plane = height * width;
        for (int p = 0; p < plane; p++)
        {
            int src = p * channels;
            for (int c = 0; c < channels; c++)
            {
                chw[c * plane + p] = hwc[src + c];
            }
        }
    }
}
