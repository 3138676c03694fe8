using Simulator.Learning.Env;
using Simulator.Learning.Ppo;
using Simulator.Viewer.Training;
using SkiaSharp;

namespace Simulator.Viewer.Tests;

/// <summary>An env whose frames are solid colours (one per env), for checking what the env grid draws where.</summary>
internal sealed class SolidColourEnv : IVectorEnv
{
    public static readonly SKColor[] Colours =
    [
        new(220, 40, 40), new(40, 200, 60), new(50, 90, 230), new(230, 200, 30), new(200, 50, 210), new(30, 210, 210),
        new(250, 130, 20), new(130, 80, 40), new(120, 200, 120), new(90, 40, 160), new(250, 160, 190), new(0, 120, 110),
        new(170, 170, 40), new(110, 110, 250), new(200, 0, 90), new(60, 160, 240),
    ];

    private readonly byte[] _images;

    public SolidColourEnv(int numEnvs, int width, int height)
    {
        NumEnvs = numEnvs;
        ObservationSpec = new ObservationSpec(3, height, width, 1);
        _images = new byte[numEnvs * width * height * 3];
        for (int n = 0; n < numEnvs; n++)
        {
            for (int p = 0; p < width * height; p++)
            {
                int o = (n * width * height + p) * 3;
                (_images[o], _images[o + 1], _images[o + 2]) = (Colours[n].Red, Colours[n].Green, Colours[n].Blue);
            }
        }
    }

    public int NumEnvs { get; }
    public ObservationSpec ObservationSpec { get; }
    public ActionSpec ActionSpec { get; } = ActionSpec.Discrete(2);
    public ReadOnlySpan<byte> Images => _images;
    public ReadOnlySpan<float> Vectors => new float[NumEnvs];

    public void Reset(ulong seed)
    {
    }

    public void Step(ReadOnlySpan<float> actions, Span<float> rewards, Span<bool> terminated, Span<bool> truncated)
    {
    }
}

internal static class TrainingTestData
{
    /// <summary>Publishes <paramref name="iterations"/> made-up iterations: rising return and clean-lap rate, falling losses.</summary>
    public static void Iterations(TrainingFeed feed, int iterations, int stepsPerIteration = 2048)
    {
        for (int i = 1; i <= iterations; i++)
        {
            double t = i / (double)iterations;
            for (int e = 0; e < 8; e++)
            {
                feed.RecordEpisode((i * 8 + e) % 10 < 10 * t * t); // clean laps become common
            }
            var stats = new PpoIterationStats(i, (long)i * stepsPerIteration, 3e-4, 0.05 * (1 - t) - 0.01, 2.0 * (1 - t) + 0.2, 1.4 - 0.6 * t,
                0.01, 0.1, 0.5, 0.4, 8, -20 + 120 * t * t, 400);
            feed.IterationCompleted(stats, 9000 + 1500 * Math.Sin(i / 5.0));
        }
    }

    public static string SavePng(SKBitmap bitmap, string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, name);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }

    /// <summary>Pixels in <paramref name="region"/> within <paramref name="tolerance"/> of <paramref name="colour"/> on every channel.</summary>
    public static int CountNear(SKBitmap bitmap, SKRectI region, SKColor colour, int tolerance = 40)
    {
        int count = 0;
        for (int y = Math.Max(0, region.Top); y < Math.Min(bitmap.Height, region.Bottom); y++)
        {
            for (int x = Math.Max(0, region.Left); x < Math.Min(bitmap.Width, region.Right); x++)
            {
                SKColor c = bitmap.GetPixel(x, y);
                if (Math.Abs(c.Red - colour.Red) <= tolerance && Math.Abs(c.Green - colour.Green) <= tolerance && Math.Abs(c.Blue - colour.Blue) <= tolerance)
                {
                    count++;
                }
            }
        }
        return count;
    }

    /// <summary>Light grey to white pixels (text) in a region.</summary>
    public static int CountLight(SKBitmap bitmap, SKRectI region)
    {
        int count = 0;
        for (int y = Math.Max(0, region.Top); y < Math.Min(bitmap.Height, region.Bottom); y++)
        {
            for (int x = Math.Max(0, region.Left); x < Math.Min(bitmap.Width, region.Right); x++)
            {
                SKColor c = bitmap.GetPixel(x, y);
                count += c.Red > 170 && c.Green > 170 && c.Blue > 170 && Math.Abs(c.Red - c.Blue) < 30 ? 1 : 0;
            }
        }
        return count;
    }

    public static SKBitmap Canvas(out SKCanvas canvas)
    {
        var bitmap = new SKBitmap(new SKImageInfo(1280, 720, SKColorType.Rgba8888, SKAlphaType.Premul));
        canvas = new SKCanvas(bitmap);
        // A stand-in for the 3D view under the panels.
        canvas.Clear(new SKColor(70, 90, 110));
        return bitmap;
    }
}
