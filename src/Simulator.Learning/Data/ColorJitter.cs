using Simulator.Core;

namespace Simulator.Learning.Data;

/// <summary>
/// Colour jitter of byte images [frames·C, H, W] in place: per image one brightness, contrast and saturation factor,
/// drawn uniformly in [1 − strength, 1 + strength] and applied in that order to each of its stacked frames; values
/// are rounded and clamped to 0..255.
/// </summary>
public static class ColorJitter
{
    /// <summary>Jitters each of the <paramref name="count"/> images in <paramref name="images"/>; frames of <paramref name="frameChannels"/> channels.</summary>
    public static void Apply(Span<byte> images, int count, int frames, int frameChannels, int height, int width,
        double brightness, double contrast, double saturation, Rng rng)
    {
        int plane = height * width;
        int frame = frameChannels * plane;
        int image = frames * frame;
        if (images.Length < count * image)
        {
            throw new ArgumentException("buffer is smaller than count images");
        }
        for (int i = 0; i < count; i++)
        {
            float b = (float)rng.Range(1 - brightness, 1 + brightness);
            float c = (float)rng.Range(1 - contrast, 1 + contrast);
            float s = (float)rng.Range(1 - saturation, 1 + saturation);
            for (int f = 0; f < frames; f++)
            {
                Span<byte> pixels = images.Slice(i * image + f * frame, frame);
                if (frameChannels == 3)
                {
                    JitterRgb(pixels, plane, b, c, s);
                }
                else
                {
                    JitterPlanes(pixels, b, c);
                }
            }
        }
    }

    private static void JitterRgb(Span<byte> rgb, int plane, float b, float c, float s)
    {
        Span<byte> red = rgb[..plane], green = rgb.Slice(plane, plane), blue = rgb.Slice(2 * plane, plane);
        double sum = 0;
        for (int p = 0; p < plane; p++)
        {
            sum += Grey(red[p], green[p], blue[p]);
        }
        float mean = (float)(sum / plane) * b;
        for (int p = 0; p < plane; p++)
        {
            float r = (red[p] * b - mean) * c + mean;
            float g = (green[p] * b - mean) * c + mean;
            float bl = (blue[p] * b - mean) * c + mean;
            float grey = Grey(r, g, bl);
            red[p] = ToByte(grey + (r - grey) * s);
            green[p] = ToByte(grey + (g - grey) * s);
            blue[p] = ToByte(grey + (bl - grey) * s);
        }
    }

    private static void JitterPlanes(Span<byte> values, float b, float c)
    {
        double sum = 0;
        foreach (byte v in values)
        {
            sum += v;
        }
        float mean = (float)(sum / values.Length) * b;
        for (int p = 0; p < values.Length; p++)
        {
            values[p] = ToByte((values[p] * b - mean) * c + mean);
        }
    }

    private static float Grey(float r, float g, float b) => 0.299f * r + 0.587f * g + 0.114f * b;

    private static byte ToByte(float v) => (byte)Math.Clamp(MathF.Round(v), 0f, 255f);
}
