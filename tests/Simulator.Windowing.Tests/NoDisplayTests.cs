namespace Simulator.Windowing.Tests;

/// <summary>GLFW reads DISPLAY at glfwInit, and the windows' reference count terminates GLFW when the last one closes,
/// so changing the native environment while no window exists (tests here never run in parallel) tests the real
/// path without a second process.</summary>
public sealed class NoDisplayTests
{
    private static readonly WindowOptions s_options = new("no display", 64, 64);

    [Fact]
    public void Without_DISPLAY_creation_fails_with_one_clear_line()
    {
        Assert.Equal(0, GlfwRuntime.LiveWindows);
        using (new NativeEnvironment().Set("DISPLAY", null).Set("WAYLAND_DISPLAY", null))
        {
            var e = Assert.Throws<WindowException>(() => GlfwWindow.Create(s_options));
            Assert.Equal("no display: DISPLAY is not set (run under xvfb-run -a, or use --foxglove for a headless live stream)", e.Message);
            Assert.True(e.NoDisplay);
            Assert.Equal(2, e.ExitCode);
            Assert.Equal(0, GlfwRuntime.LiveWindows);
        }
        using var window = GlfwWindow.Create(s_options); // the display is back: GLFW starts again
    }

    [Fact]
    public void Unreachable_display_reports_glfw_platform_error()
    {
        Assert.Equal(0, GlfwRuntime.LiveWindows);
        using (new NativeEnvironment().Set("DISPLAY", ":987"))
        {
            var e = Assert.Throws<WindowException>(() => GlfwWindow.Create(s_options));
            Assert.StartsWith("no display: cannot open display ':987' (GLFW: ", e.Message, StringComparison.Ordinal);
            Assert.EndsWith("run under xvfb-run -a, or use --foxglove for a headless live stream)", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', e.Message);
            Assert.Equal(0x10008, e.GlfwError);
            Assert.True(e.NoDisplay);
            Assert.Equal(0, GlfwRuntime.LiveWindows);
        }
    }
}
