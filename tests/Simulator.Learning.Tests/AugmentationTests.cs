using Simulator.Core;
using Simulator.Learning.Data;
using Simulator.Learning.Networks;
using Simulator.Learning.Ppo;
using Simulator.Learning.Runs;
using Simulator.Torch;

namespace Simulator.Learning.Tests;

/// <summary>Colour jitter and cutout: shapes and 0..255 ranges kept, deterministic under the seed, off = unchanged.</summary>
public sealed class AugmentationTests
{
    private const int Count = 5, Frames = 2, Channels = 3, H = 12, W = 10;
    private const int Image = Frames * Channels * H * W;

    private static byte[] Images(ulong seed)
    {
        var rng = Rng.Create(seed, RngStream.Custom, 7);
        var a = new byte[Count * Image + 17]; // a tail past the images that must stay untouched
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = (byte)rng.Range(0, 256);
        }
        return a;
    }

    private static byte[] Jitter(byte[] source, ulong seed, double b = 0.5, double c = 0.5, double s = 0.5)
    {
        byte[] x = (byte[])source.Clone();
        ColorJitter.Apply(x.AsSpan(0, Count * Image), Count, Frames, Channels, H, W, b, c, s, Rng.Create(seed, RngStream.Training, 1));
        return x;
    }

    private static byte[] Cut(byte[] source, ulong seed, int holes = 2, double size = 0.3)
    {
        byte[] x = (byte[])source.Clone();
        Cutout.Apply(x.AsSpan(0, Count * Image), Count, Frames * Channels, H, W, holes, size, Rng.Create(seed, RngStream.Training, 1));
        return x;
    }

    [Fact]
    public void ColorJitterIsDeterministicUnderTheSeedAndKeepsTheBuffer()
    {
        byte[] src = Images(1);
        byte[] a = Jitter(src, 3);
        Assert.Equal(a, Jitter(src, 3));
        Assert.NotEqual(a, Jitter(src, 4));
        Assert.NotEqual(src, a);
        Assert.Equal(src.Length, a.Length);
        Assert.Equal(src.AsSpan(Count * Image).ToArray(), a.AsSpan(Count * Image).ToArray());
        // Zero strengths are the identity (factors of exactly 1).
        Assert.Equal(src, Jitter(src, 3, 0, 0, 0));
    }

    [Fact]
    public void ColorJitterSaturatesAtTheEndsOfTheByteRangeInsteadOfWrapping()
    {
        // A white and a black image under the strongest brightness: values clamp to 255 and 0, never wrap around.
        byte[] white = new byte[Count * Image];
        Array.Fill(white, (byte)255);
        byte[] jittered = (byte[])white.Clone();
        ColorJitter.Apply(jittered, Count, Frames, Channels, H, W, 1, 0, 0, Rng.Create(9, RngStream.Training, 1));
        int darker = 0;
        for (int i = 0; i < Count; i++)
        {
            byte first = jittered[i * Image];
            Assert.All(jittered.AsSpan(i * Image, Image).ToArray(), v => Assert.Equal(first, v)); // one factor per image, all frames
            darker += first < 255 ? 1 : 0;
        }
        Assert.InRange(darker, 1, Count - 1); // some images were brightened (clamped at 255), some darkened
        byte[] black = new byte[Count * Image];
        ColorJitter.Apply(black, Count, Frames, Channels, H, W, 1, 1, 1, Rng.Create(9, RngStream.Training, 1));
        Assert.All(black, v => Assert.Equal(0, v));
    }

    [Fact]
    public void SaturationZeroFactorGivesGreyAndOneChannelFramesAreJitteredToo()
    {
        // A pure red image with saturation strength 1: some draws give factor ≈ 0 (grey), the channels move toward each other.
        byte[] red = new byte[Channels * H * W];
        red.AsSpan(0, H * W).Fill(200);
        byte[] x = (byte[])red.Clone();
        ColorJitter.Apply(x, 1, 1, Channels, H, W, 0, 0, 1, Rng.Create(2, RngStream.Training, 1));
        Assert.All(x, v => Assert.InRange(v, (byte)0, (byte)255));
        Assert.Equal(x[0], x[H * W - 1]);
        byte[] grey = new byte[Frames * H * W];
        grey.AsSpan().Fill(100);
        ColorJitter.Apply(grey, 1, Frames, 1, H, W, 0.5, 0, 0, Rng.Create(2, RngStream.Training, 1));
        Assert.NotEqual(100, grey[0]);
        Assert.Equal(grey[0], grey[^1]);
    }

    [Fact]
    public void CutoutFillsRectanglesInEveryChannelDeterministically()
    {
        byte[] src = Images(2);
        byte[] a = Cut(src, 5);
        Assert.Equal(a, Cut(src, 5));
        Assert.NotEqual(a, Cut(src, 6));
        Assert.Equal(src.AsSpan(Count * Image).ToArray(), a.AsSpan(Count * Image).ToArray());
        int plane = H * W;
        for (int i = 0; i < Count; i++)
        {
            // Every changed pixel is changed in all channels and frames, to one value per pixel.
            int changed = 0;
            for (int p = 0; p < plane; p++)
            {
                bool any = false;
                for (int c = 0; c < Frames * Channels; c++)
                {
                    any |= a[i * Image + c * plane + p] != src[i * Image + c * plane + p];
                }
                if (any)
                {
                    changed++;
                    byte v = a[i * Image + p];
                    for (int c = 1; c < Frames * Channels; c++)
                    {
                        Assert.Equal(v, a[i * Image + c * plane + p]);
                    }
                }
            }
            // Two rectangles of 4×3 at most (clipped at the edges): at most 24 pixels, and at least one.
            Assert.InRange(changed, 1, 24);
        }
        // Size 1 with the rectangle centred anywhere still stays inside the image (clipped), never past the buffer.
        byte[] full = Cut(src, 5, holes: 16, size: 1);
        Assert.Equal(src.AsSpan(Count * Image).ToArray(), full.AsSpan(Count * Image).ToArray());
    }

    private static float[] TrainImages(AugmentOptions augment, int shiftPad)
    {
        var options = new PpoOptions
        {
            RolloutLength = 8,
            Epochs = 2,
            Minibatches = 2,
            Seed = 3,
            ShiftPad = shiftPad,
            Augment = augment,
            Network = new NetworkOptions { FrameStack = 2, ImageFeatures = 16, VectorHidden = [8] },
        };
        using var ppo = new PpoTrainer(new ImageBanditEnv(4), options);
        for (int i = 0; i < 2; i++)
        {
            Assert.True(double.IsFinite(ppo.Iterate().PolicyLoss));
        }
        using var scope = TorchScope.Enter();
        return ppo.Policy.Parameters().SelectMany(p => p.ToArray<float>()).ToArray();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void OffIsBitIdenticalAndOnChangesTraining(int shiftPad)
    {
        float[] baseline = TrainImages(new AugmentOptions(), shiftPad);
        // Strengths set but both switches off: nothing drawn, nothing changed.
        Assert.Equal(baseline, TrainImages(new AugmentOptions { Brightness = 0.9, CutoutCount = 4 }, shiftPad));
        float[] jitter = TrainImages(new AugmentOptions { ColorJitter = true }, shiftPad);
        float[] cutout = TrainImages(new AugmentOptions { Cutout = true }, shiftPad);
        Assert.NotEqual(baseline, jitter);
        Assert.NotEqual(baseline, cutout);
        Assert.Equal(cutout, TrainImages(new AugmentOptions { Cutout = true }, shiftPad));
    }

    [Fact]
    public void TrainerConfigReadsAugmentAndRefusesOutOfRangeStrengths()
    {
        var c = TrainerConfigYaml.Parse("""
            name: t
            ppo:
              augment:
                color_jitter: true
                brightness: 0.4
                cutout: true
                cutout_count: 3
                cutout_size: 0.1
            """);
        Assert.True(c.Ppo.Augment.ColorJitter);
        Assert.Equal(0.4, c.Ppo.Augment.Brightness);
        Assert.True(c.Ppo.Augment.Cutout);
        Assert.Equal(3, c.Ppo.Augment.CutoutCount);
        Assert.Equal(0.1, c.Ppo.Augment.CutoutSize);
        var e = Assert.Throws<SimInputException>(() => TrainerConfigYaml.Parse("name: t\nppo:\n  augment:\n    contrast: 1.5\n", "cfg.yaml"));
        Assert.Equal("cfg.yaml", e.File);
        Assert.Equal(4, e.Line);
        Assert.Contains("contrast", e.Message);
        e = Assert.Throws<SimInputException>(() => TrainerConfigYaml.Parse("name: t\nppo:\n  augment:\n    cutout_count: 0\n", "cfg.yaml"));
        Assert.Contains("cutout_count", e.Message);
        Assert.Throws<SimInputException>(() => new PpoTrainer(new ImageBanditEnv(2), new PpoOptions { Augment = new AugmentOptions { Saturation = -0.1 } }));
    }
}
