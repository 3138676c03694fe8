using Simulator.Driving.Cameras;
using Simulator.Driving.Runtime;
using Simulator.Driving.Scenes;
using Simulator.Learning.Driving;
using Simulator.Learning.Networks;
using Simulator.Learning.Ppo;
using Simulator.Viewer.Training;
using SkiaSharp;
using Xunit.Abstractions;

namespace Simulator.Viewer.Tests;

/// <summary>The panels over a real run: Driving envs with a front camera rendered by Vulkan (lavapipe in CI).</summary>
public class TrainingWatchDrivingTests(ITestOutputHelper output)
{
    [Fact]
    public void Panels_show_a_camera_driving_run()
    {
        var generator = new SceneGeneratorOptions { Length = 400, TimeLimit = 2 };
        var scenes = new List<CompiledScene>();
        for (ulong seed = 1; seed <= 4; seed++)
        {
            scenes.Add(SceneCompiler.Compile(CameraSetups.WithCamera(SceneGenerator.Generate(seed, generator).Description, CameraSetups.Front(64, 64))));
        }
        using var env = new DrivingVectorEnv(scenes);
        var feed = new TrainingFeed(new TrainingFeedOptions { PublishHz = 0, WatchedEnvs = 4 });
        var options = new PpoOptions { RolloutLength = 16, Epochs = 1, Minibatches = 2, Seed = 1, Network = new NetworkOptions { ImageFeatures = 32, VectorHidden = [16] } };
        using (var ppo = new PpoTrainer(env, options) { Observer = feed })
        {
            for (int i = 0; i < 3; i++)
            {
                ppo.Iterate();
            }
        }
        feed.Flush();
        using var plots = new TrainingPlotsPanel(feed) { MinRenderInterval = TimeSpan.Zero };
        using var grid = new EnvGridPanel(feed);
        using SKBitmap bitmap = TrainingTestData.Canvas(out SKCanvas canvas);
        plots.Draw(canvas, new SKRect(640, 0, 1280, 360));
        grid.Draw(canvas, new SKRect(0, 360, 1280, 720));
        canvas.Dispose();
        output.WriteLine("saved " + TrainingTestData.SavePng(bitmap, "training-watch-driving.png"));

        Assert.Equal(4, grid.TileCount);
        for (int i = 0; i < 4; i++)
        {
            // A rendered road scene, not a flat colour: sky and ground differ between the top and bottom of the frame.
            SKRect r = grid.ImageRect(i);
            SKColor top = bitmap.GetPixel((int)r.MidX, (int)(r.Top + r.Height * 0.15f));
            SKColor bottom = bitmap.GetPixel((int)r.MidX, (int)(r.Top + r.Height * 0.85f));
            Assert.True(Math.Abs(top.Red - bottom.Red) + Math.Abs(top.Green - bottom.Green) + Math.Abs(top.Blue - bottom.Blue) > 30, $"tile {i}: {top} vs {bottom}");
        }
        Assert.True(feed.Envs.Front.Tiles[0].Snapshot!.Cameras.Length == 1);
    }
}
