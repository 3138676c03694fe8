namespace Simulator.Windowing.Tests;

/// <summary>Needs an X server: ./sim test runs the suite under xvfb-run -a.</summary>
public sealed class GlfwWindowTests
{
    private static readonly WindowOptions s_small = new("sim test window", 160, 120);

    [Fact]
    public void Window_opens_with_its_size_and_title_and_asks_for_the_surface_extension()
    {
        using var window = GlfwWindow.Create(s_small);
        window.PollEvents();
        Assert.Equal((160, 120), window.FramebufferSize);
        Assert.False(window.ShouldClose);
        Assert.False(window.Resized);
        Assert.Equal("sim test window", window.Title);
        window.Title = "renamed · ümlaut";
        Assert.Equal("renamed · ümlaut", window.Title);

        string[] extensions = window.RequiredInstanceExtensions;
        Assert.Contains("VK_KHR_surface", extensions);
        Assert.True(extensions.Length >= 2, string.Join(", ", extensions)); // plus the platform's, e.g. VK_KHR_xcb_surface

        Assert.False(window.IsKeyDown(Key.Escape));
        Assert.False(window.TryGetGamepad(0, out _)); // no gamepad under Xvfb
        Assert.False(window.IsKeyDown(Key.Home) || window.IsKeyDown(Key.Comma) || window.IsKeyDown(Key.RightBracket));
        var (x, y, leftDown) = window.Pointer; // the X server's pointer, wherever it is; no button held
        Assert.True(double.IsFinite(x) && double.IsFinite(y), $"pointer at {x}, {y}");
        Assert.False(leftDown);
        Assert.True(window.Time >= 0);
        window.RequestClose();
        Assert.True(window.ShouldClose);
    }

    [Fact]
    public void Resize_is_reported_after_the_event_poll()
    {
        using var window = GlfwWindow.Create(s_small);
        window.PollEvents();
        var seen = new List<(int, int)>();
        window.FramebufferResized += (_, e) => seen.Add((e.Width, e.Height));

        window.SetSize(320, 200);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (!window.Resized && DateTime.UtcNow < deadline)
        {
            window.WaitEvents(TimeSpan.FromMilliseconds(20));
        }

        Assert.True(window.Resized, $"no resize within 5 s; size {window.FramebufferSize}");
        Assert.Equal((320, 200), window.FramebufferSize);
        Assert.Equal((320, 200), seen[^1]);
        window.ClearResized();
        window.PollEvents();
        Assert.False(window.Resized);
    }

    [Fact]
    public void Dispose_twice_is_safe_and_glfw_is_released_with_the_last_window()
    {
        var first = GlfwWindow.Create(s_small);
        var second = GlfwWindow.Create(s_small with { Resizable = false, Visible = false });
        Assert.Equal(2, GlfwRuntime.LiveWindows);
        first.Dispose();
        first.Dispose();
        Assert.Equal(1, GlfwRuntime.LiveWindows);
        Assert.Throws<ObjectDisposedException>(() => first.PollEvents());
        second.PollEvents(); // still usable
        second.Dispose();
        second.Dispose();
        Assert.Equal(0, GlfwRuntime.LiveWindows);
    }

    [Fact]
    public void Window_is_bound_to_its_thread()
    {
        using var window = GlfwWindow.Create(s_small);
        Exception? error = null;
        var other = new Thread(() => error = Record.Exception(() => window.PollEvents()));
        other.Start();
        other.Join();
        var e = Assert.IsType<InvalidOperationException>(error);
        Assert.Contains("thread that created it", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_options_are_rejected_before_glfw_starts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GlfwWindow.Create(s_small with { Width = 0 }));
        Assert.Equal(0, GlfwRuntime.LiveWindows);
    }
}
