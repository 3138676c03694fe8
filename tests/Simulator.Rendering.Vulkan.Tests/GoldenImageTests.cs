using Simulator.Rendering.Vulkan;

namespace Simulator.Rendering.Vulkan.Tests;

/// <summary>
/// Renders small fixed scenes and compares them with PNGs committed under Golden/ with a tolerance (drivers may
/// round differently). SIM_REGENERATE_GOLDEN=1 rewrites the PNGs; inspect them before committing.
/// </summary>
[Collection(VulkanCollection.Name)]
public sealed class GoldenImageTests(VulkanFixture fx)
{
    private const int W = 64, H = 48;

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(6)]
    public void Scene_matches_golden_image(int index)
    {
        using var renderer = new VulkanRenderer(fx.Context);
        PropLibrary props = PropLibrary.Load(renderer);
        int set = renderer.AddStaticSet(BenchmarkScene.BuildStaticParts());
        using CameraBatch batch = renderer.CreateBatch(new BatchDescription(1, W, H, RenderOutputs.Segmentation));
        batch.Env(0) = BenchmarkScene.View(index, 8, set);
        BenchmarkScene.AddProps(batch, 0, props, index, 8);
        FrameView view = batch.Wait(batch.Submit());
        fx.AssertNoValidationMessages();
        Compare($"scene{index}_color.png", view.ColorOf(0), 4, W, H, tolerance: 4, maxBadFraction: 0.01);
        Compare($"scene{index}_seg.png", view.SegmentationOf(0), 1, W, H, tolerance: 0, maxBadFraction: 0.01);
    }

    private static void Compare(string name, ReadOnlySpan<byte> actual, int channels, int w, int h, int tolerance, double maxBadFraction)
    {
        string path = Path.Combine(TestPaths.Golden, name);
        if (Environment.GetEnvironmentVariable("SIM_REGENERATE_GOLDEN") == "1")
        {
            if (channels == 4)
            {
                PngWriter.WriteRgba(path, w, h, actual);
            }
            else
            {
                PngWriter.WriteGray(path, w, h, actual);
            }
        }
        Assert.True(File.Exists(path), $"{path} missing: run the tests with SIM_REGENERATE_GOLDEN=1");
        var (gw, gh, gc, expected) = PngDecoder.Decode(File.ReadAllBytes(path));
        Assert.Equal((w, h, channels), (gw, gh, gc));
        int bad = 0;
        for (int p = 0; p < w * h; p++)
        {
            for (int c = 0; c < channels; c++)
            {
                if (Math.Abs(expected[p * channels + c] - actual[p * channels + c]) > tolerance)
                {
                    bad++;
                    break;
                }
            }
        }
        Assert.True(bad <= maxBadFraction * w * h, $"{name}: {bad} of {w * h} pixels differ by more than {tolerance}");
    }
}
