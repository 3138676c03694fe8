using Simulator.Core;
using Simulator.Driving.Env;
using Simulator.Windowing;
using SkiaSharp;

namespace Simulator.Viewer.Tests;

/// <summary>The viewer window under Xvfb (./sim test runs the suite under xvfb-run; lavapipe presents to Xvfb), with
/// Vulkan validation on. GLFW wants one window thread at a time, so these tests run one after another.</summary>
[Collection(WindowCollection.Name)]
public sealed class ViewerWindowTests
{
    [Fact]
    public void A_120_frame_session_shows_the_road_the_hud_the_inset_and_the_map_where_they_belong()
    {
        string shot = Path.Combine(Path.GetTempPath(), $"sim-viewer-test-{Environment.ProcessId}.png");
        using DrivingEnv env = ViewerHarness.Env("two-lane-traffic");
        var exchange = new FrameExchange(1);
        var control = new ViewerControl();
        ViewerOptions options = ViewerHarness.Options(120, 1280, 720) with { FinalScreenshot = shot };
        ViewerStats stats = ViewerHarness.WithViewer(options, exchange, control, host =>
        {
            LiveRun.Run(env, 3, control, exchange); // real time until the window closes after 120 frames
            return host.Stats;
        }, out ViewerHost closed);
        Assert.Equal(120, stats.Frames);
        Assert.True(stats.SnapshotsTaken > 60, $"the viewer took only {stats.SnapshotsTaken} snapshots");
        Assert.Empty(closed.ValidationMessages);
        Assert.Equal(0, closed.LeftoverVulkanObjects);
        Assert.Equal([shot], closed.Screenshots);

        using SKBitmap image = SKBitmap.Decode(shot);
        Assert.Equal((1280, 720), (image.Width, image.Height));
        // Road: the lower middle of the chase view, below the car, is asphalt grey.
        Assert.InRange(Fraction(image, new SKRectI(400, 620, 880, 715), IsAsphalt), 0.6, 1.0);
        // Sky: the top middle is blue-ish.
        Assert.InRange(Fraction(image, new SKRectI(500, 20, 780, 60), c => c.Blue > c.Red + 30), 0.8, 1.0);
        // HUD: top left, a dark panel with white text.
        Assert.InRange(Fraction(image, new SKRectI(12, 12, 398, 250), IsWhiteText), 0.02, 0.4);
        Assert.InRange(Fraction(image, new SKRectI(12, 12, 398, 250), c => c.Red + c.Green + c.Blue < 3 * 110), 0.4, 1.0);
        // Inset: top right, framed in white, showing the agent's view (sky above, road below).
        Assert.InRange(Fraction(image, new SKRectI(1269, 12, 1271, 188), IsWhiteText), 0.9, 1.0);
        Assert.InRange(Fraction(image, new SKRectI(960, 20, 1260, 60), c => c.Blue > c.Red + 30), 0.7, 1.0);
        Assert.InRange(Fraction(image, new SKRectI(960, 140, 1260, 160), IsAsphalt), 0.3, 1.0);
        // Map: bottom right, the track drawn in grey with the ego as a blue dot.
        Assert.InRange(Fraction(image, new SKRectI(1010, 450, 1270, 710), c => c.Red is > 95 and < 125 && Math.Abs(c.Red - c.Blue) < 10), 0.02, 0.5);
        Assert.True(Fraction(image, new SKRectI(1010, 450, 1270, 710), c => c.Blue > 200 && c.Red < 100) > 0, "no ego dot on the map");
        File.Delete(shot);
    }

    [Fact]
    public async Task Keys_switch_the_inset_to_depth_and_segmentation_and_the_camera_to_orbit()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"sim-viewer-modes-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        using DrivingEnv env = ViewerHarness.Env("two-lane-traffic");
        var exchange = new FrameExchange(1);
        var control = new ViewerControl();
        var keys = new InjectedInput();
        ViewerOptions options = ViewerHarness.Options(0, 960, 540) with { Input = keys, Fps = 30 };
        string[] shots = ["rgb-chase", "depth-orbit", "segmentation-free"];
        Task<LiveRunResult> run = ViewerHarness.WithViewer(options, exchange, control, host =>
        {
            var sim = Task.Run(() => LiveRun.Run(env, 4, control, exchange));
            SpinWait.SpinUntil(() => host.Stats.Frames >= 20, TimeSpan.FromSeconds(60));
            Shoot(host, Path.Combine(folder, shots[0] + ".png"));
            Tap(host, keys, Key.D2);
            Tap(host, keys, Key.C);
            Shoot(host, Path.Combine(folder, shots[1] + ".png"));
            Assert.Equal(CameraMode.Orbit, host.State.Camera);
            Assert.Equal(InsetMode.Depth, host.State.Inset);
            Tap(host, keys, Key.D3);
            Tap(host, keys, Key.C);
            Tap(host, keys, Key.Space);
            Shoot(host, Path.Combine(folder, shots[2] + ".png"));
            Assert.Equal(CameraMode.Free, host.State.Camera);
            Assert.True(control.Paused);
            Tap(host, keys, Key.Escape);
            return sim;
        }, out ViewerHost closed);
        await run.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Empty(closed.ValidationMessages);
        using SKBitmap depth = SKBitmap.Decode(Path.Combine(folder, shots[1] + ".png"));
        using SKBitmap segmentation = SKBitmap.Decode(Path.Combine(folder, shots[2] + ".png"));
        // Depth inset (top right, 320x180 at 960x540): grey levels only, dark at the horizon, bright near the car.
        var inset = new SKRectI(960 - 10 - 318, 12, 960 - 12, 150);
        Assert.InRange(Fraction(depth, inset, c => Math.Abs(c.Red - c.Green) <= 2 && Math.Abs(c.Red - c.Blue) <= 2), 0.97, 1.0);
        // Segmentation inset: nothing but the palette's class colours (sky, road, markings, the ego's bonnet...).
        var palette = new HashSet<SKColor>();
        for (int i = 0; i + 2 < Simulator.Rendering.Vulkan.PngWriter.SegmentationPalette.Length; i += 3)
        {
            byte[] p = Simulator.Rendering.Vulkan.PngWriter.SegmentationPalette;
            palette.Add(new SKColor(p[i], p[i + 1], p[i + 2]));
        }
        Assert.InRange(Fraction(segmentation, inset, palette.Contains), 0.95, 1.0);
        Assert.InRange(Fraction(segmentation, inset, c => c == palette.First()), 0.2, 0.8); // the sky class
        Directory.Delete(folder, recursive: true);
    }

    private static void Tap(ViewerHost host, InjectedInput keys, Key key)
    {
        long frames = host.Stats.Frames;
        keys.Press(key);
        SpinWait.SpinUntil(() => host.Stats.Frames >= frames + 2 || !host.IsRunning, TimeSpan.FromSeconds(30));
        keys.Release(key);
        frames = host.Stats.Frames;
        SpinWait.SpinUntil(() => host.Stats.Frames >= frames + 2 || !host.IsRunning, TimeSpan.FromSeconds(30));
    }

    private static void Shoot(ViewerHost host, string path)
    {
        int before = host.Screenshots.Count;
        host.RequestScreenshot(path);
        Assert.True(SpinWait.SpinUntil(() => host.Screenshots.Count > before, TimeSpan.FromSeconds(30)), "no screenshot");
    }

    [Fact]
    public void Resizing_the_window_resizes_what_is_drawn_and_presented()
    {
        using DrivingEnv env = ViewerHarness.Env("oval");
        var exchange = new FrameExchange(1);
        var control = new ViewerControl();
        string shot = Path.Combine(Path.GetTempPath(), $"sim-viewer-resized-{Environment.ProcessId}.png");
        ViewerHarness.WithViewer(ViewerHarness.Options(0, 640, 360) with { Fps = 30 }, exchange, control, host =>
        {
            var sim = Task.Run(() => LiveRun.Run(env, 2, control, exchange));
            SpinWait.SpinUntil(() => host.Stats.SnapshotsTaken >= 5, TimeSpan.FromSeconds(60));
            host.RequestSize(800, 500);
            long frames = host.Stats.Frames;
            SpinWait.SpinUntil(() => host.Stats.Frames >= frames + 10, TimeSpan.FromSeconds(60));
            Shoot(host, shot);
            host.Close();
            return sim;
        }, out ViewerHost closed);
        Assert.Empty(closed.ValidationMessages);
        using SKBitmap image = SKBitmap.Decode(shot);
        Assert.Equal((800, 500), (image.Width, image.Height));
        // The map follows the new bottom-right corner.
        Assert.True(Fraction(image, new SKRectI(800 - 200, 500 - 200, 790, 490), c => c.Blue > 200 && c.Red < 100) > 0, "no ego dot on the map");
        File.Delete(shot);
    }

    [Fact]
    public void Keys_injected_through_the_input_layer_drive_the_car()
    {
        using DrivingEnv env = ViewerHarness.Env("oval", autopilot: false);
        var exchange = new FrameExchange(1);
        var control = new ViewerControl { TimeScale = 0 };
        var keys = new InjectedInput();
        keys.Press(Key.W);
        keys.Press(Key.A);
        ViewerOptions options = ViewerHarness.Options(0) with { Manual = true, Input = keys };
        ViewerHarness.WithViewer(options, exchange, control, host =>
        {
            SpinWait.SpinUntil(() => host.Stats.Frames >= 2, TimeSpan.FromSeconds(60));
            LiveRun.Run(env, 5, control, exchange, manual: true, maxSteps: 180);
            host.Close();
            return 0;
        }, out _);
        Assert.Equal(new DrivingAction(1f, 1f), env.Ego.LastAction); // W: full throttle, A: full left
        Assert.True(env.Info.Speed > 3, $"the car reached only {env.Info.Speed:0.00} m/s");
    }

    [Fact]
    public void An_injected_gamepad_drives_the_car_with_its_trigger_and_stick()
    {
        using DrivingEnv env = ViewerHarness.Env("oval", autopilot: false);
        var exchange = new FrameExchange(1);
        var control = new ViewerControl { TimeScale = 0 };
        var input = new InjectedInput();
        // Stick half right, right trigger fully in (axis 5 = +1), left trigger released (axis 4 = -1).
        input.SetGamepad(GamepadState.Create(0, [0.5f, 0f, 0f, 0f, -1f, 1f]));
        ViewerHarness.WithViewer(ViewerHarness.Options(0) with { Manual = true, Input = input }, exchange, control, host =>
        {
            SpinWait.SpinUntil(() => host.Stats.Frames >= 2, TimeSpan.FromSeconds(60));
            LiveRun.Run(env, 5, control, exchange, manual: true, maxSteps: 180);
            host.Close();
            return 0;
        }, out _);
        Assert.Equal(new DrivingAction(-0.5f, 1f), env.Ego.LastAction); // stick right steers right (negative)
        Assert.True(env.Info.Speed > 3, $"the car reached only {env.Info.Speed:0.00} m/s");
    }

    [Fact]
    public void A_run_watched_by_the_viewer_is_bit_identical_to_the_same_run_without_a_window()
    {
        LiveRunResult headless;
        using (DrivingEnv env = ViewerHarness.Env("two-lane-traffic"))
        {
            headless = LiveRun.Run(env, 11, new ViewerControl { TimeScale = 0 }, exchange: null, maxSteps: 900, chainHashes: true);
        }
        LiveRunResult watched;
        using (DrivingEnv env = ViewerHarness.Env("two-lane-traffic"))
        {
            var exchange = new FrameExchange(1);
            var control = new ViewerControl { TimeScale = 0 };
            watched = ViewerHarness.WithViewer(ViewerHarness.Options(0), exchange, control, host =>
            {
                SpinWait.SpinUntil(() => host.Stats.Frames >= 1, TimeSpan.FromSeconds(60));
                LiveRunResult r = LiveRun.Run(env, 11, control, exchange, maxSteps: 900, chainHashes: true);
                // 900 unpaced steps can end within one viewer frame on a loaded machine: the check is that the
                // viewer went on drawing what the run handed over, not how many frames fell inside the run.
                Assert.True(SpinWait.SpinUntil(() => host.Stats.Frames >= 2, TimeSpan.FromSeconds(60)), "the viewer drew the run's frames");
                host.Close();
                return r;
            }, out _);
        }
        Assert.Equal(headless, watched);
        Assert.NotEqual(0UL, watched.StepHashChain);
    }

    [Fact]
    public void A_slow_viewer_drops_frames_and_never_holds_up_a_step()
    {
        using DrivingEnv env = ViewerHarness.Env("oval");
        var exchange = new FrameExchange(1);
        var control = new ViewerControl { TimeScale = 0 };
        var slow = new SlowPanel(TimeSpan.FromMilliseconds(250));
        (LiveRunResult Run, long Frames, TimeSpan Elapsed) r = ViewerHarness.WithViewer(ViewerHarness.Options(0, 320, 200), exchange, control, host =>
        {
            host.AddPanel(slow, (w, h) => new SKRect(0, 0, 10, 10));
            SpinWait.SpinUntil(() => slow.Draws >= 1, TimeSpan.FromSeconds(60));
            var watch = System.Diagnostics.Stopwatch.StartNew();
            LiveRunResult run = LiveRun.Run(env, 9, control, exchange, maxSteps: 3000);
            TimeSpan elapsed = watch.Elapsed;
            long frames = slow.Draws;
            host.Close();
            return (run, frames, elapsed);
        }, out _);
        Assert.Equal(3000, r.Run.Steps);
        // 3000 steps took some time; a viewer that held up steps would have forced a 250 ms frame per step.
        Assert.True(r.Frames < 3000 / 10, $"{r.Frames} slow frames were drawn during 3000 steps ({r.Elapsed.TotalSeconds:0.0} s)");
        Assert.True(exchange.Published > r.Frames * 10, $"{exchange.Published} publications, {r.Frames} frames");
    }

    /// <summary>A panel that takes its time: the window thread is slow, the simulation must not notice.</summary>
    private sealed class SlowPanel(TimeSpan delay) : IViewerPanel
    {
        private long _draws;

        public long Draws => Interlocked.Read(ref _draws);

        public void Draw(SKCanvas canvas, SKRect area)
        {
            Thread.Sleep(delay);
            Interlocked.Increment(ref _draws);
        }
    }

    [Fact]
    public void Opening_and_closing_the_window_20_times_leaks_no_vulkan_objects_and_no_native_memory()
    {
        using DrivingEnv env = ViewerHarness.Env("oval");
        var exchange = new FrameExchange(1);
        env.Reset(1, new float[env.Observation.VectorSize]);
        exchange.Back[0].Fill(env, 0, 0, 0);
        exchange.Publish();
        void Cycle()
        {
            exchange.Back[0].Fill(env, 0, 0, 0);
            exchange.Publish();
            ViewerHarness.WithViewer(ViewerHarness.Options(3, 320, 200), exchange, new ViewerControl(), _ => 0, out ViewerHost closed);
            Assert.Equal(0, closed.LeftoverVulkanObjects);
            Assert.Empty(closed.ValidationMessages);
        }
        Cycle(); // loader, LLVM and validation-layer caches fill once
        var growth = new List<long>();
        for (int round = 0; round < 4; round++)
        {
            long before = InUse();
            for (int i = 0; i < 5; i++)
            {
                Cycle();
            }
            growth.Add(InUse() - before);
        }
        string described = string.Join(", ", growth.Select(g => $"{g / 1024} KiB"));
        // A leak grows the heap in every round; allow noise from caches that fill once.
        Assert.True(growth.Skip(1).Min() < 2 << 20, $"native heap growth per round of 5 windows: {described}");
    }

    private static long InUse()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long? bytes = NativeHeap.InUseBytes;
        Assert.True(bytes.HasValue, "glibc's mallinfo2 is expected on the Linux test machines");
        return bytes.Value;
    }

    private static bool IsAsphalt(SKColor c) =>
        c.Red is > 50 and < 150 && Math.Abs(c.Red - c.Green) < 14 && Math.Abs(c.Red - c.Blue) < 20;

    private static bool IsWhiteText(SKColor c) => c.Red > 200 && c.Green > 200 && c.Blue > 200;

    private static double Fraction(SKBitmap image, SKRectI area, Func<SKColor, bool> test)
    {
        int hit = 0, all = 0;
        for (int y = area.Top; y < area.Bottom; y++)
        {
            for (int x = area.Left; x < area.Right; x++)
            {
                all++;
                hit += test(image.GetPixel(x, y)) ? 1 : 0;
            }
        }
        return (double)hit / all;
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WindowCollection
{
    public const string Name = "viewer window";
}
