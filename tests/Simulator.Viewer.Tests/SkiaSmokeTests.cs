using SkiaSharp;

namespace Simulator.Viewer.Tests;

public class SkiaSmokeTests
{
    [Fact]
    public void Skia_draws_text_into_an_rgba_bitmap()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(64, 32, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Black);
            using var typeface = SKTypeface.FromFile("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
            Assert.NotNull(typeface);
            using var font = new SKFont(typeface, 20);
            using var paint = new SKPaint { Color = SKColors.White };
            canvas.DrawText("88", 4, 24, SKTextAlign.Left, font, paint);
        }
        int lit = 0;
        for (int y = 0; y < 32; y++)
        {
            for (int x = 0; x < 64; x++)
            {
                lit += bitmap.GetPixel(x, y).Red > 128 ? 1 : 0;
            }
        }
        Assert.InRange(lit, 20, 64 * 32 / 2);
    }
}
