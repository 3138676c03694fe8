using System.Numerics;
using Simulator.Windowing;

namespace Simulator.Rendering.Vulkan.Tests;

/// <summary>The presentable target on a real window (./sim test runs the suite under xvfb-run; lavapipe presents
/// to Xvfb). Each test opens its own validated context with the window's surface.</summary>
public sealed class WindowViewTests
{
    private static (GlfwWindow Window, VulkanRenderer Renderer) Open(int width, int height)
    {
        GlfwWindow window = GlfwWindow.Create(new WindowOptions("sim window view test", width, height));
        try
        {
            var options = new RendererOptions("auto", Validation: true)
            {
                Presentation = new PresentationOptions(window.RequiredInstanceExtensions, window.CreateSurface),
            };
            return (window, VulkanRenderer.Create(options));
        }
        catch
        {
            window.Dispose();
            throw;
        }
    }

    private static void Fill(WindowView view, int set, PropLibrary props)
    {
        view.View = BenchmarkScene.View(0, 1, set);
        view.View.Randomization.NoiseSigma = 0.02f;
        view.View.Randomization.NoiseSeed = 77;
        view.ClearInstances();
        foreach (PropInstance p in Instances(view.View, props))
        {
            view.AddInstance(p);
        }
    }

    /// <summary>A car 9 m ahead of the camera and a cone beside it.</summary>
    private static PropInstance[] Instances(in EnvView v, PropLibrary props)
    {
        Vector3 ahead = (v.Camera.Position + 9f * new Vector3(MathF.Cos(v.Camera.Yaw), MathF.Sin(v.Camera.Yaw), 0)) with { Z = 0 };
        return [
            PropInstance.Create(props.Car, ahead, 0.5f, new Vector3(0.8f, 0.1f, 0.1f), SemanticClass.Vehicle, 5),
            PropInstance.Create(props.Cone, ahead + new Vector3(2, 2, 0), 0f, new Vector3(1f, 0.5f, 0f), SemanticClass.Cone, 6),
        ];
    }

    [Fact]
    public void The_window_shows_exactly_the_pixels_the_camera_sensor_renders()
    {
        var (window, renderer) = Open(200, 150);
        using (window)
        using (renderer)
        {
            PropLibrary props = PropLibrary.Load(renderer);
            int set = renderer.AddStaticSet(BenchmarkScene.BuildStaticParts());
            using WindowView view = renderer.CreateWindowView(new WindowViewDescription(200, 150, VSync: false, MaxInstances: 8));
            Assert.Equal((200, 150), (view.Width, view.Height));
            Fill(view, set, props);
            var shown = new byte[view.Width * view.Height * 4];
            for (int i = 0; i < 3; i++)
            {
                Assert.Equal(PresentOutcome.Presented, view.Present());
                window.PollEvents();
            }
            Assert.Equal(PresentOutcome.Presented, view.PresentAndCapture(shown));

            using CameraBatch sensor = renderer.CreateBatch(new BatchDescription(1, view.Width, view.Height, MaxInstancesPerEnv: 8));
            sensor.Env(0) = view.View;
            foreach (PropInstance p in Instances(view.View, props))
            {
                sensor.AddInstance(0, p);
            }
            byte[] expected = sensor.Wait(sensor.Submit()).ColorOf(0).ToArray();
            Assert.Equal(expected.Length, shown.Length);
            int differing = 0;
            for (int i = 0; i < shown.Length; i++)
            {
                differing += shown[i] != expected[i] ? 1 : 0;
            }
            Assert.True(differing == 0, $"{differing} of {shown.Length} bytes differ between the window and the sensor");
            Assert.True(expected.Distinct().Count() > 16, "the frame shows a scene, not a flat colour");
            Assert.Equal(4, view.PresentedFrames);
            Assert.Empty(renderer.Context.ValidationMessages);
        }
    }

    [Fact]
    public void Resizing_the_window_recreates_the_swapchain_and_keeps_presenting()
    {
        var (window, renderer) = Open(160, 120);
        using (window)
        using (renderer)
        {
            PropLibrary props = PropLibrary.Load(renderer);
            int set = renderer.AddStaticSet(BenchmarkScene.BuildStaticParts());
            WindowView view = renderer.CreateWindowView(new WindowViewDescription(160, 120, VSync: true, MaxInstances: 8));
            Fill(view, set, props);
            Assert.True(view.VSync);
            Assert.Equal(PresentOutcome.Presented, view.Present());

            window.SetSize(240, 180);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
            while (window.FramebufferSize != (240, 180) && DateTime.UtcNow < deadline)
            {
                window.WaitEvents(TimeSpan.FromMilliseconds(50));
            }
            (int w, int h) = window.FramebufferSize;
            view.Resize(w, h);
            Assert.Equal((240, 180), (view.Width, view.Height));
            var shown = new byte[240 * 180 * 4];
            PresentOutcome outcome = view.PresentAndCapture(shown);
            Assert.True(outcome is PresentOutcome.Presented or PresentOutcome.Recreated, outcome.ToString());
            Assert.Equal(PresentOutcome.Presented, view.Present());
            view.Resize(0, 0); // minimised: ignored
            Assert.Equal((240, 180), (view.Width, view.Height));
            Assert.Empty(renderer.Context.ValidationMessages);
            view.Dispose();
            view.Dispose();
            Assert.Throws<ObjectDisposedException>(() => view.Present());
        }
    }

    [Fact]
    public void A_pixel_view_shows_exactly_the_bytes_it_is_given_and_releases_everything()
    {
        var (window, renderer) = Open(96, 64);
        using (window)
        using (renderer)
        {
            long before = renderer.Context.LiveObjects;
            using (PixelView view = renderer.CreatePixelView(96, 64, vsync: false))
            {
                Assert.Equal((96, 64), (view.Width, view.Height));
                Assert.True(view.CanCapture, "lavapipe on Xvfb lets presented images be read back");
                var pixels = new byte[96 * 64 * 4];
                var shown = new byte[pixels.Length];
                for (int frame = 0; frame < 4; frame++)
                {
                    for (int i = 0; i < pixels.Length; i++)
                    {
                        pixels[i] = (i & 3) == 3 ? (byte)255 : (byte)(i * 7 + frame * 31);
                    }
                    Assert.Equal(PresentOutcome.Presented, view.Present(pixels, view.CanCapture ? shown : default));
                    window.PollEvents();
                    if (view.CanCapture)
                    {
                        Assert.True(pixels.AsSpan().SequenceEqual(shown), $"frame {frame}: the window shows other bytes than were presented");
                    }
                }
                Assert.Equal(4, view.PresentedFrames);
                Assert.Throws<ArgumentException>(() => view.Present(new byte[16]));
            }
            Assert.Equal(before, renderer.Context.LiveObjects);
            Assert.Empty(renderer.Context.ValidationMessages);
        }
    }

    [Fact]
    public void A_headless_renderer_refuses_a_window_view_with_a_clear_message()
    {
        using var renderer = VulkanRenderer.Create(new RendererOptions("auto", Validation: true));
        var e = Assert.Throws<InvalidOperationException>(() => renderer.CreateWindowView(new WindowViewDescription(64, 64)));
        Assert.Contains("RendererOptions.Presentation", e.Message, StringComparison.Ordinal);
    }
}
