namespace Simulator.Telemetry.Messages;

/// <summary>A camera frame to publish: rows of RGB or RGBA8 pixels, top row first (the renderer's read-back layout).</summary>
public readonly ref struct CameraFrame
{
    public CameraFrame(ReadOnlySpan<byte> pixels, int width, int height, int channels)
    {
        if (width <= 0 || height <= 0 || channels is not (3 or 4) || pixels.Length < width * height * channels)
        {
            throw new ArgumentException($"a {width}×{height}×{channels} frame needs {width * height * channels} bytes of RGB or RGBA, got {pixels.Length}", nameof(pixels));
        }
        Pixels = pixels[..(width * height * channels)];
        Width = width;
        Height = height;
        Channels = channels;
    }

    public ReadOnlySpan<byte> Pixels { get; }
    public int Width { get; }
    public int Height { get; }
    public int Channels { get; }
    public bool IsEmpty => Pixels.IsEmpty;
}
