using Simulator.Core;
using Simulator.Learning.Ppo;
using Simulator.Viewer.Training;
using SkiaSharp;
using Xunit.Abstractions;

namespace Simulator.Viewer.Tests;

public class TrainingPanelsTests(ITestOutputHelper output)
{
    private static SKColor Sk(ScottPlot.Color c) => new(c.R, c.G, c.B);

    [Fact]
    public void Plots_panel_draws_each_metric_in_its_quadrant_with_axis_text()
    {
        var feed = new TrainingFeed(new TrainingFeedOptions { PublishHz = 0 });
        TrainingTestData.Iterations(feed, 60);
        using var panel = new TrainingPlotsPanel(feed) { MinRenderInterval = TimeSpan.Zero };
        using SKBitmap bitmap = TrainingTestData.Canvas(out SKCanvas canvas);
        var area = new SKRect(640, 0, 1280, 400);
        panel.Draw(canvas, area);
        canvas.Dispose();
        output.WriteLine("saved " + TrainingTestData.SavePng(bitmap, "training-plots.png"));

        // Quadrants of the 2×2 grid: return, clean-lap rate / losses, steps/s.
        SKRectI Quadrant(int i) => SKRectI.Create(640 + i % 2 * 320, i / 2 * 200, 320, 200);
        Assert.True(TrainingTestData.CountNear(bitmap, Quadrant(0), Sk(TrainingPlotsPanel.s_return)) > 150, "return line");
        Assert.True(TrainingTestData.CountNear(bitmap, Quadrant(1), Sk(TrainingPlotsPanel.s_cleanLap)) > 150, "clean-lap line");
        Assert.True(TrainingTestData.CountNear(bitmap, Quadrant(2), Sk(TrainingPlotsPanel.s_policy)) > 100, "policy loss line");
        Assert.True(TrainingTestData.CountNear(bitmap, Quadrant(2), Sk(TrainingPlotsPanel.s_value)) > 100, "value loss line");
        Assert.True(TrainingTestData.CountNear(bitmap, Quadrant(2), Sk(TrainingPlotsPanel.s_entropy)) > 100, "entropy line");
        Assert.True(TrainingTestData.CountNear(bitmap, Quadrant(3), Sk(TrainingPlotsPanel.s_rate)) > 150, "steps/s line");
        Assert.Equal(0, TrainingTestData.CountNear(bitmap, Quadrant(0), Sk(TrainingPlotsPanel.s_rate), 20));
        for (int i = 0; i < 4; i++)
        {
            SKRectI q = Quadrant(i);
            // Title on top, tick labels along the left and bottom edges.
            Assert.True(TrainingTestData.CountLight(bitmap, SKRectI.Create(q.Left, q.Top, q.Width, 24)) > 40, $"title of plot {i}");
            Assert.True(TrainingTestData.CountLight(bitmap, SKRectI.Create(q.Left, q.Bottom - 22, q.Width, 22)) > 40, $"x tick labels of plot {i}");
            Assert.True(TrainingTestData.CountLight(bitmap, SKRectI.Create(q.Left, q.Top + 24, 40, q.Height - 48)) > 30, $"y tick labels of plot {i}");
        }
        // Nothing outside the area.
        var background = new SKColor(70, 90, 110);
        Assert.Equal(640 * 720, TrainingTestData.CountNear(bitmap, SKRectI.Create(0, 0, 640, 720), background, 0));
        Assert.Equal(640 * 320, TrainingTestData.CountNear(bitmap, SKRectI.Create(640, 400, 640, 320), background, 0));
    }

    [Fact]
    public void Plots_panel_renders_again_only_when_new_metrics_arrived_or_the_area_changed()
    {
        var feed = new TrainingFeed(new TrainingFeedOptions { PublishHz = 0 });
        using var panel = new TrainingPlotsPanel(feed) { MinRenderInterval = TimeSpan.Zero };
        using SKBitmap bitmap = TrainingTestData.Canvas(out SKCanvas canvas);
        var area = new SKRect(0, 0, 400, 300);
        panel.Draw(canvas, area);
        Assert.Equal(1, panel.Renders); // "waiting" placeholder
        TrainingTestData.Iterations(feed, 5);
        panel.Draw(canvas, area);
        panel.Draw(canvas, area);
        panel.Draw(canvas, area);
        Assert.Equal(2, panel.Renders);
        panel.Draw(canvas, new SKRect(0, 0, 300, 200));
        Assert.Equal(3, panel.Renders);
        canvas.Dispose();
    }

    [Fact]
    public void Plots_panel_waits_its_render_interval_before_showing_new_data()
    {
        var feed = new TrainingFeed(new TrainingFeedOptions { PublishHz = 0 });
        using var panel = new TrainingPlotsPanel(feed) { MinRenderInterval = TimeSpan.FromHours(1) };
        using SKBitmap bitmap = TrainingTestData.Canvas(out SKCanvas canvas);
        var area = new SKRect(0, 0, 400, 300);
        TrainingTestData.Iterations(feed, 5);
        panel.Draw(canvas, area);
        Assert.Equal(1, panel.Renders);
        TrainingTestData.Iterations(feed, 6);
        panel.Draw(canvas, area);
        Assert.Equal(1, panel.Renders);
        canvas.Dispose();
    }

    [Fact]
    public void Plots_stay_readable_in_a_small_area()
    {
        var feed = new TrainingFeed(new TrainingFeedOptions { PublishHz = 0 });
        TrainingTestData.Iterations(feed, 200);
        using var panel = new TrainingPlotsPanel(feed) { MinRenderInterval = TimeSpan.Zero };
        using SKBitmap bitmap = TrainingTestData.Canvas(out SKCanvas canvas);
        panel.Draw(canvas, new SKRect(10, 10, 490, 290));
        canvas.Dispose();
        output.WriteLine("saved " + TrainingTestData.SavePng(bitmap, "training-plots-small.png"));
        Assert.True(TrainingTestData.CountNear(bitmap, SKRectI.Create(10, 10, 240, 140), Sk(TrainingPlotsPanel.s_return)) > 60);
        Assert.True(TrainingTestData.CountNear(bitmap, SKRectI.Create(250, 150, 240, 140), Sk(TrainingPlotsPanel.s_rate)) > 60);
    }

    [Fact]
    public void Env_grid_places_each_envs_frame_in_its_tile_with_labels()
    {
        const int envs = 6;
        var env = new SolidColourEnv(envs, 64, 48);
        var feed = new TrainingFeed(new TrainingFeedOptions { PublishHz = 0, WatchedEnvs = envs });
        var rewards = new float[envs];
        Array.Fill(rewards, 0.5f);
        var ended = new bool[envs];
        for (int t = 0; t < 10; t++)
        {
            feed.StepCompleted(env, rewards, ended);
        }
        using var panel = new EnvGridPanel(feed);
        using SKBitmap bitmap = TrainingTestData.Canvas(out SKCanvas canvas);
        var area = new SKRect(0, 0, 1280, 720);
        panel.Draw(canvas, area);
        canvas.Dispose();
        output.WriteLine("saved " + TrainingTestData.SavePng(bitmap, "env-grid.png"));

        Assert.Equal(envs, panel.TileCount);
        for (int i = 0; i < envs; i++)
        {
            SKRect r = panel.ImageRect(i);
            Assert.True(area.Contains(r), $"tile {i} inside the area");
            Assert.True(r.Width > 250, $"tile {i} is large ({r.Width})");
            Assert.Equal(64f / 48f, r.Width / r.Height, 2);
            SKColor centre = bitmap.GetPixel((int)r.MidX, (int)r.MidY);
            Assert.Equal(SolidColourEnv.Colours[i], centre);
            for (int j = 0; j < i; j++)
            {
                Assert.False(r.IntersectsWith(panel.ImageRect(j)), $"tiles {i} and {j} overlap");
            }
            // Labels under the frame.
            Assert.True(TrainingTestData.CountLight(bitmap, SKRectI.Create((int)r.Left, (int)r.Bottom, (int)r.Width, 40)) > 60, $"labels of tile {i}");
        }
        // Reading order: env 1 to the right of env 0 on the same row.
        Assert.Equal(panel.ImageRect(0).Top, panel.ImageRect(1).Top);
        Assert.True(panel.ImageRect(1).Left > panel.ImageRect(0).Right);
    }

    [Theory]
    [InlineData(16, 1280, 720, 4.0 / 3, 16)]
    [InlineData(4, 1280, 360, 1.0, 4)]
    [InlineData(4, 400, 1200, 1.0, 1)]
    [InlineData(1, 640, 480, 1.0, 1)]
    public void Env_grid_layout_adapts_to_area_and_count(int count, int width, int height, double aspect, int expectedMaxCols)
    {
        var (cols, rows) = EnvGridPanel.Layout(new SKRect(0, 0, width, height), count, (float)aspect, 30);
        Assert.True(cols * rows >= count);
        Assert.True((cols - 1) * rows < count || (rows - 1) * cols < count, "no empty row or column");
        Assert.True(cols <= expectedMaxCols);
        if (width > 2 * height)
        {
            Assert.True(cols > rows);
        }
    }

    [Fact]
    public void Env_grid_small_area_with_sixteen_envs()
    {
        const int envs = 16;
        var env = new SolidColourEnv(envs, 84, 84);
        var feed = new TrainingFeed(new TrainingFeedOptions { PublishHz = 0, WatchedEnvs = envs });
        feed.StepCompleted(env, new float[envs], new bool[envs]);
        using var panel = new EnvGridPanel(feed);
        using SKBitmap bitmap = TrainingTestData.Canvas(out SKCanvas canvas);
        panel.Draw(canvas, new SKRect(700, 300, 1260, 700));
        canvas.Dispose();
        output.WriteLine("saved " + TrainingTestData.SavePng(bitmap, "env-grid-16.png"));
        for (int i = 0; i < envs; i++)
        {
            SKRect r = panel.ImageRect(i);
            Assert.True(new SKRect(700, 300, 1260, 700).Contains(r));
            Assert.Equal(SolidColourEnv.Colours[i], bitmap.GetPixel((int)r.MidX, (int)r.MidY));
        }
    }

    [Fact]
    public void Drawing_panels_between_publishes_allocates_nothing()
    {
        const int envs = 16;
        var env = new SolidColourEnv(envs, 84, 84);
        var feed = new TrainingFeed(new TrainingFeedOptions { PublishHz = 0, WatchedEnvs = envs });
        feed.StepCompleted(env, new float[envs], new bool[envs]);
        TrainingTestData.Iterations(feed, 100);
        using var plots = new TrainingPlotsPanel(feed) { MinRenderInterval = TimeSpan.Zero };
        using var grid = new EnvGridPanel(feed);
        using SKBitmap bitmap = TrainingTestData.Canvas(out SKCanvas canvas);
        var plotArea = new SKRect(640, 0, 1280, 360);
        var gridArea = new SKRect(0, 360, 1280, 720);
        for (int i = 0; i < 3; i++)
        {
            plots.Draw(canvas, plotArea);
            grid.Draw(canvas, gridArea);
        }
        var clock = new System.Diagnostics.Stopwatch();
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        TimeSpan cpu0 = process.TotalProcessorTime;
        clock.Start();
        (long allocated, int runs) = ThreadAllocations.Smallest(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                canvas.Clear(new SKColor(70, 90, 110));
                plots.Draw(canvas, plotArea);
                grid.Draw(canvas, gridArea);
            }
        });
        clock.Stop();
        process.Refresh();
        double cpuMs = (process.TotalProcessorTime - cpu0).TotalMilliseconds;
        Assert.Equal(0, allocated);
        Assert.Equal(1, plots.Renders);
        Assert.Equal(1, grid.Composes);
        var render = System.Diagnostics.Stopwatch.StartNew();
        feed.StepCompleted(env, new float[envs], new bool[envs]);
        TrainingTestData.Iterations(feed, 100);
        plots.Draw(canvas, plotArea);
        grid.Draw(canvas, gridArea);
        render.Stop();
        canvas.Dispose();
        output.WriteLine($"cached frame: {clock.Elapsed.TotalMilliseconds / (100 * runs):0.00} ms wall, {cpuMs / (100 * runs):0.00} ms CPU; frame with new data (plots re-rendered, 16 frames converted): {render.Elapsed.TotalMilliseconds:0.0} ms");
    }
}
