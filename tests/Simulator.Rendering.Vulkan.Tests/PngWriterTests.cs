using Simulator.Rendering.Vulkan;

namespace Simulator.Rendering.Vulkan.Tests;

public sealed class PngWriterTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public void Written_png_decodes_to_the_same_pixels(int channels)
    {
        const int W = 7, H = 5;
        var pixels = new byte[W * H * channels];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(i * 37 + 11);
        }
        string path = Path.Combine(Path.GetTempPath(), $"sim-png-{Guid.NewGuid():N}.png");
        try
        {
            switch (channels)
            {
                case 1: PngWriter.WriteGray(path, W, H, pixels); break;
                case 3: PngWriter.WriteRgb(path, W, H, pixels); break;
                default: PngWriter.WriteRgba(path, W, H, pixels); break;
            }
            var (w, h, c, decoded) = PngDecoder.Decode(File.ReadAllBytes(path));
            Assert.Equal((W, H, channels), (w, h, c));
            Assert.Equal(pixels, decoded);
            Assert.False(File.Exists(path + ".tmp"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Segmentation_and_depth_are_colourised()
    {
        string seg = Path.Combine(Path.GetTempPath(), $"sim-seg-{Guid.NewGuid():N}.png");
        string depth = Path.Combine(Path.GetTempPath(), $"sim-depth-{Guid.NewGuid():N}.png");
        try
        {
            PngWriter.WriteSegmentation(seg, 3, 1, [0, 3, 200]);
            var (_, _, c, px) = PngDecoder.Decode(File.ReadAllBytes(seg));
            Assert.Equal(3, c);
            Assert.Equal(PngWriter.SegmentationPalette[..3], px[..3]);
            Assert.Equal(PngWriter.SegmentationPalette[9..12], px[3..6]);
            Assert.Equal(new byte[] { 255, 0, 255 }, px[6..9]);
            PngWriter.WriteDepth(depth, 2, 1, [1f, 100f], 1f, 100f);
            var (_, _, _, dp) = PngDecoder.Decode(File.ReadAllBytes(depth));
            Assert.NotEqual(dp[..3], dp[3..6]);
        }
        finally
        {
            File.Delete(seg);
            File.Delete(depth);
        }
    }
}
