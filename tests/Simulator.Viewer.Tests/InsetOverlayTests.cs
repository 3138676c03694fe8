using Simulator.Telemetry.Messages;
using SkiaSharp;

namespace Simulator.Viewer.Tests;

/// <summary>Perception overlays over the agent-camera inset: boxes in class colours at the scaled place, lines, scores.</summary>
public sealed class InsetOverlayTests
{
    [Fact]
    public void Detections_lanes_and_scores_are_drawn_scaled_onto_the_inset()
    {
        var state = new ViewerState();
        var frame = new ViewerFrame();
        var overlay = new PerceptionOverlay { ImageWidth = 96, ImageHeight = 96, Scores = new PerceptionScores(0.95, 0.1, 0.9, 0.8, 0.91, 0.6, 1.2, 50) };
        var grey = new byte[96 * 96 * 4];
        for (int i = 0; i < grey.Length; i++)
        {
            grey[i] = (byte)(i % 4 == 3 ? 255 : 60);   // opaque, as camera frames are
        }
        overlay.SetImage(grey);
        overlay.Boxes.Add(new OverlayBox(24, 24, 48, 48, 0, "vehicle", 0.87f, GroundTruth: false));
        overlay.Lines.Add(new OverlayLine(0, [(72, 95), (72, 50)], GroundTruth: false));
        frame.FillPerception(overlay);
        state.Frame = frame;
        using var inset = new InsetPanel(state, 192, 192);
        inset.Bitmap.Erase(new SKColor(20, 20, 20));
        inset.HasImage = true;
        using var image = new SKBitmap(new SKImageInfo(300, 260, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(image))
        {
            canvas.Clear(SKColors.Black);
            inset.Draw(canvas, new SKRect(10, 10, 202, 202));
        }
        // The inset is twice the camera's size: the box's left edge (x 24) lands at 10 + 48, its top at 10 + 48.
        var (r, g, b) = TelemetryEncoder.OverlayColor(0);
        var vehicle = new SKColor((byte)(r * 255), (byte)(g * 255), (byte)(b * 255));
        Assert.Equal(vehicle, image.GetPixel(58, 80));
        Assert.Equal(vehicle, image.GetPixel(80, 58));
        Assert.Equal(new SKColor(60, 60, 60), image.GetPixel(80, 80));   // a box is an outline over the perception frame
        // The lane line (x 72 → 10 + 144) is yellow.
        SKColor lane = image.GetPixel(154, 170);
        Assert.True(lane.Red > 200 && lane.Green > 180 && lane.Blue < 80, $"lane pixel {lane}");
        // Scores under the inset: light text on the dark label.
        int light = 0;
        for (int x = 12; x < 290; x++)
        {
            for (int y = 204; y < 220; y++)
            {
                light += image.GetPixel(x, y).Red > 180 ? 1 : 0;
            }
        }
        Assert.True(light > 40, $"{light} text pixels under the inset");

        // Without perception the inset shows its own camera image and nothing over it.
        frame.FillPerception(null);
        using var plain = new SKBitmap(new SKImageInfo(300, 260, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(plain))
        {
            canvas.Clear(SKColors.Black);
            inset.Draw(canvas, new SKRect(10, 10, 202, 202));
        }
        Assert.NotEqual(vehicle, plain.GetPixel(58, 80));
    }
}
