namespace Simulator.Learning.Driving;

/// <summary>
/// Frames made from the env's own vector observation (each observation value paints a horizontal band): stands in
/// for a camera in throughput benchmarks of the pixel pipeline (copy, frame stack, CNN) until rendered frames are
/// wired in. The pictures change with the state, so nothing downstream can cache them, but they carry no scene.
/// </summary>
public sealed class SyntheticFrames : IFrameSource
{
    private readonly Func<ReadOnlyMemory<float>> _vectors;
    private readonly int _numEnvs;
    private readonly byte[] _images;
    private readonly byte[] _final;

    public SyntheticFrames(int numEnvs, int height, int width, Func<ReadOnlyMemory<float>> vectors)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numEnvs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        _numEnvs = numEnvs;
        Height = height;
        Width = width;
        _vectors = vectors;
        _images = new byte[numEnvs * height * width * Channels];
        _final = new byte[_images.Length];
    }

    public int Height { get; }
    public int Width { get; }
    public int Channels => 4;
    public ReadOnlySpan<byte> Images => _images;
    public ReadOnlySpan<byte> FinalImages => _final;

    public void Refresh(bool afterReset, ReadOnlySpan<bool> ended)
    {
        int frame = Height * Width * Channels;
        if (!afterReset)
        {
            for (int n = 0; n < _numEnvs; n++)
            {
                if (ended[n])
                {
                    _images.AsSpan(n * frame, frame).CopyTo(_final.AsSpan(n * frame));
                }
            }
        }
        ReadOnlySpan<float> v = _vectors().Span;
        int size = v.Length / _numEnvs;
        int row = Width * Channels;
        for (int n = 0; n < _numEnvs; n++)
        {
            for (int y = 0; y < Height; y++)
            {
                float value = size > 0 ? v[n * size + y * size / Height] : 0f;
                byte shade = (byte)Math.Clamp((int)(128 + 100 * value), 0, 255);
                _images.AsSpan(n * frame + y * row, row).Fill(shade);
            }
        }
    }
}
