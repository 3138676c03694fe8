using System.Buffers.Binary;
using System.IO.Compression;
using Simulator.Perception.Dataset;
using Simulator.Rendering.Vulkan;

namespace Simulator.Perception.Tests;

public class DatasetFormatTests
{
    [Fact]
    public void Lane_x_at_an_image_row_by_hand()
    {
        // Bottom-up polyline (10, 90) -> (20, 70) -> (25, 40). Row 80 is half-way along the first segment: x = 15;
        // row 50 is 2/3 along the second: x = 20 + 5·(20/30) = 23.333; row 30 is above the line; row 95 below.
        (float, float)[] pts = [(10, 90), (20, 70), (25, 40)];
        Assert.Equal(15f, PerceptionDatasetWriter.XAtRow(pts, 80), 5);
        Assert.Equal(23.3333f, PerceptionDatasetWriter.XAtRow(pts, 50), 3);
        Assert.True(float.IsNaN(PerceptionDatasetWriter.XAtRow(pts, 30)));
        Assert.True(float.IsNaN(PerceptionDatasetWriter.XAtRow(pts, 95)));
        Assert.Equal([0, 2, 4, 6], PerceptionDatasetLayout.HSamples(96).Take(4));
        Assert.Equal(48, PerceptionDatasetLayout.HSamples(96).Length);
        Assert.Equal(40, PerceptionDatasetLayout.HSamples(40).Length);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public void Png_reader_reads_what_png_writer_writes(int channels)
    {
        var pixels = new byte[7 * 5 * channels];
        new Random(channels).NextBytes(pixels);
        using var ms = new MemoryStream();
        PngWriter.Encode(ms, 7, 5, pixels, channels);
        var (w, h, c, back) = PngReader.Decode(ms.ToArray(), "x.png");
        Assert.Equal((7, 5, channels), (w, h, c));
        Assert.Equal(pixels, back);
    }

    [Fact]
    public void Png_reader_undoes_every_row_filter()
    {
        // 4×5 RGB image, rows filtered with None, Sub, Up, Average and Paeth (as other encoders write them).
        const int width = 4, height = 5, bpp = 3, stride = width * bpp;
        var pixels = new byte[height * stride];
        new Random(7).NextBytes(pixels);
        var raw = new byte[height * (stride + 1)];
        for (int y = 0; y < height; y++)
        {
            raw[y * (stride + 1)] = (byte)y;
            for (int i = 0; i < stride; i++)
            {
                int a = i >= bpp ? pixels[y * stride + i - bpp] : 0;
                int b = y > 0 ? pixels[(y - 1) * stride + i] : 0;
                int c = i >= bpp && y > 0 ? pixels[(y - 1) * stride + i - bpp] : 0;
                int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
                int paeth = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
                int predictor = y switch { 0 => 0, 1 => a, 2 => b, 3 => (a + b) / 2, _ => paeth };
                raw[y * (stride + 1) + 1 + i] = (byte)(pixels[y * stride + i] - predictor);
            }
        }
        using var png = new MemoryStream();
        png.Write([137, 80, 78, 71, 13, 10, 26, 10]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 2;
        Chunk(png, "IHDR", header);
        using (var z = new MemoryStream())
        {
            using (var zs = new ZLibStream(z, CompressionLevel.Optimal, leaveOpen: true))
            {
                zs.Write(raw);
            }
            var data = z.ToArray();
            Chunk(png, "IDAT", data[..(data.Length / 2)]);
            Chunk(png, "IDAT", data[(data.Length / 2)..]);
        }
        Chunk(png, "IEND", []);
        var (_, _, _, back) = PngReader.Decode(png.ToArray(), "filters.png");
        Assert.Equal(pixels, back);
    }

    [Fact]
    public void Png_reader_refuses_what_it_cannot_read()
    {
        Assert.Throws<Core.SimInputException>(() => PngReader.Decode("GIF89a"u8.ToArray(), "x.gif"));
        using var ms = new MemoryStream();
        PngWriter.Encode(ms, 4, 4, new byte[48], 3);
        var cut = ms.ToArray()[..40];
        var e = Assert.Throws<Core.SimInputException>(() => PngReader.Decode(cut, "cut.png"));
        Assert.Contains("cut.png", e.Message);
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        var len = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(len, data.Length);
        s.Write(len);
        s.Write(System.Text.Encoding.ASCII.GetBytes(type));
        s.Write(data);
        s.Write(new byte[4]); // the reader does not check CRCs
    }
}
