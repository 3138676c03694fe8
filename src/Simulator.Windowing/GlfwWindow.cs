using System.Runtime.InteropServices;
using System.Text;
using Simulator.Windowing.Interop;

namespace Simulator.Windowing;

/// <summary>
/// A native window through GLFW, without a GL context, for a Vulkan surface. One owner: <see cref="Create"/> returns
/// it, <see cref="Dispose"/> destroys it (twice is safe). GLFW is not thread-safe: a window must be created, used and
/// disposed on one thread, and all windows of a process share that thread; other threads get an
/// <see cref="InvalidOperationException"/>. The first window initialises GLFW and the last one disposed terminates it;
/// nothing else process-wide is changed.
/// </summary>
public sealed unsafe class GlfwWindow : IDisposable
{
    private readonly int _thread;
    private nint _window;
    private int _framebufferWidth;
    private int _framebufferHeight;
    private string _title;

    private GlfwWindow(nint window, string title)
    {
        _window = window;
        _title = title;
        _thread = Environment.CurrentManagedThreadId;
        int width, height;
        Glfw.glfwGetFramebufferSize(window, &width, &height);
        (_framebufferWidth, _framebufferHeight) = (width, height);
    }

    /// <summary>Raised by <see cref="PollEvents"/>/<see cref="WaitEvents"/> when the framebuffer size changed.</summary>
    public event EventHandler<FramebufferResizedEventArgs>? FramebufferResized;

    /// <summary>Opens a window. Without a display it throws <see cref="WindowException"/> with
    /// <see cref="WindowException.NoDisplay"/> set and a one-line message saying what to do.</summary>
    public static GlfwWindow Create(WindowOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        GlfwRuntime.Acquire();
        try
        {
            Glfw.glfwWindowHint(Glfw.GLFW_CLIENT_API, Glfw.GLFW_NO_API);
            Glfw.glfwWindowHint(Glfw.GLFW_RESIZABLE, options.Resizable ? Glfw.GLFW_TRUE : Glfw.GLFW_FALSE);
            Glfw.glfwWindowHint(Glfw.GLFW_VISIBLE, options.Visible ? Glfw.GLFW_TRUE : Glfw.GLFW_FALSE);
            nint window;
            fixed (byte* title = Utf8(options.Title))
            {
                window = Glfw.glfwCreateWindow(options.Width, options.Height, title, 0, 0);
            }
            if (window == 0)
            {
                (int code, string text) = GlfwRuntime.LastError();
                throw new WindowException($"could not create a {options.Width}x{options.Height} window: {text} (GLFW error 0x{code:X5})", code);
            }
            // Sticky keys and buttons: a press released before the next poll still reads as down once, so a quick
            // tap between two frames of a polling viewer is not lost.
            Glfw.glfwSetInputMode(window, Glfw.GLFW_STICKY_KEYS, Glfw.GLFW_TRUE);
            Glfw.glfwSetInputMode(window, Glfw.GLFW_STICKY_MOUSE_BUTTONS, Glfw.GLFW_TRUE);
            return new GlfwWindow(window, options.Title);
        }
        catch
        {
            GlfwRuntime.Release();
            throw;
        }
    }

    /// <summary>The native GLFWwindow* (for code that binds more of GLFW).</summary>
    public nint Handle => CheckUsable();

    /// <summary>Instance extensions Vulkan needs to present to this window (e.g. VK_KHR_surface, VK_KHR_xcb_surface).</summary>
    public string[] RequiredInstanceExtensions
    {
        get
        {
            CheckUsable();
            if (Glfw.glfwVulkanSupported() != Glfw.GLFW_TRUE)
            {
                throw new WindowException("GLFW found no Vulkan loader (install libvulkan1 and a driver, e.g. mesa-vulkan-drivers)");
            }
            uint count;
            byte** names = Glfw.glfwGetRequiredInstanceExtensions(&count);
            if (names == null)
            {
                (int code, string text) = GlfwRuntime.LastError();
                throw new WindowException($"GLFW cannot present Vulkan on this window system: {text} (GLFW error 0x{code:X5})", code);
            }
            var result = new string[count];
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = Marshal.PtrToStringUTF8((nint)names[i]) ?? "";
            }
            return result;
        }
    }

    /// <summary>Creates a VkSurfaceKHR for this window on <paramref name="vkInstance"/> (a VkInstance created with
    /// <see cref="RequiredInstanceExtensions"/>). The caller owns the surface and destroys it (vkDestroySurfaceKHR)
    /// before disposing the window.</summary>
    public ulong CreateSurface(nint vkInstance)
    {
        nint window = CheckUsable();
        if (vkInstance == 0)
        {
            throw new ArgumentException("a VkInstance is needed", nameof(vkInstance));
        }
        ulong surface = 0;
        int result = Glfw.glfwCreateWindowSurface(vkInstance, window, 0, &surface);
        if (result != 0 || surface == 0)
        {
            (int code, string text) = GlfwRuntime.LastError();
            throw new WindowException($"could not create a Vulkan surface for the window: {text} (VkResult {result}, GLFW error 0x{code:X5})", code);
        }
        return surface;
    }

    /// <summary>Whether the user asked to close the window (or <see cref="RequestClose"/> was called).</summary>
    public bool ShouldClose => Glfw.glfwWindowShouldClose(CheckUsable()) != Glfw.GLFW_FALSE;

    /// <summary>Sets the close flag, as the window's close button does.</summary>
    public void RequestClose() => Glfw.glfwSetWindowShouldClose(CheckUsable(), Glfw.GLFW_TRUE);

    /// <summary>Framebuffer size in pixels as of the last event poll (what a swapchain must match).</summary>
    public (int Width, int Height) FramebufferSize
    {
        get
        {
            CheckUsable();
            return (_framebufferWidth, _framebufferHeight);
        }
    }

    /// <summary>Set when the framebuffer size changed since the flag was last cleared (<see cref="ClearResized"/>);
    /// a renderer checks it once per frame and recreates its swapchain.</summary>
    public bool Resized { get; private set; }

    public void ClearResized() => Resized = false;

    public string Title
    {
        get => _title;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            nint window = CheckUsable();
            fixed (byte* title = Utf8(value))
            {
                Glfw.glfwSetWindowTitle(window, title);
            }
            _title = value;
        }
    }

    /// <summary>Asks the window system for a new client size; the change shows after the next event poll.</summary>
    public void SetSize(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        Glfw.glfwSetWindowSize(CheckUsable(), width, height);
    }

    /// <summary>Processes pending window-system events without waiting (once per frame).</summary>
    public void PollEvents()
    {
        CheckUsable();
        Glfw.glfwPollEvents();
        UpdateFramebufferSize();
    }

    /// <summary>Waits up to <paramref name="timeout"/> for an event, then processes what arrived.</summary>
    public void WaitEvents(TimeSpan timeout)
    {
        CheckUsable();
        Glfw.glfwWaitEventsTimeout(Math.Max(0, timeout.TotalSeconds));
        UpdateFramebufferSize();
    }

    /// <summary>Whether <paramref name="key"/> is held down (state as of the last event poll; sticky: a press released
    /// since the last call reads as down once).</summary>
    public bool IsKeyDown(Key key) => Glfw.glfwGetKey(CheckUsable(), (int)key) == Glfw.GLFW_PRESS;

    /// <summary>The mouse cursor in framebuffer pixels (as of the last event poll) and whether its left button is down.</summary>
    public (double X, double Y, bool LeftDown) Pointer
    {
        get
        {
            nint handle = CheckUsable();
            double x, y;
            int w, h;
            Glfw.glfwGetCursorPos(handle, &x, &y);
            Glfw.glfwGetWindowSize(handle, &w, &h);
            // Cursor positions are in screen coordinates; the framebuffer can be larger (HiDPI).
            double sx = w > 0 ? (double)_framebufferWidth / w : 1, sy = h > 0 ? (double)_framebufferHeight / h : 1;
            return (x * sx, y * sy, Glfw.glfwGetMouseButton(handle, Glfw.GLFW_MOUSE_BUTTON_LEFT) == Glfw.GLFW_PRESS);
        }
    }

    /// <summary>Reads gamepad <paramref name="index"/> (0-15) in GLFW's standard mapping; false when none is there.</summary>
    public bool TryGetGamepad(int index, out GamepadState state)
    {
        CheckUsable();
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, Glfw.GLFW_JOYSTICK_LAST);
        state = default;
        GLFWgamepadstate raw;
        if (Glfw.glfwJoystickPresent(index) != Glfw.GLFW_TRUE || Glfw.glfwJoystickIsGamepad(index) != Glfw.GLFW_TRUE
            || Glfw.glfwGetGamepadState(index, &raw) != Glfw.GLFW_TRUE)
        {
            return false;
        }
        ushort buttons = 0;
        for (int i = 0; i < GamepadState.ButtonCount; i++)
        {
            buttons |= (ushort)(raw.buttons[i] == Glfw.GLFW_PRESS ? 1 << i : 0);
        }
        var axes = new GamepadState.Axes();
        for (int i = 0; i < GamepadState.AxisCount; i++)
        {
            axes[i] = raw.axes[i];
        }
        state = new GamepadState(buttons, axes);
        return true;
    }

    /// <summary>Seconds since GLFW started (monotonic; for the viewer's frame pacing, never for the simulation).</summary>
    public double Time
    {
        get
        {
            CheckUsable();
            return Glfw.glfwGetTime();
        }
    }

    /// <summary>Destroys the window (and terminates GLFW when it was the last one). Safe to call twice.</summary>
    public void Dispose()
    {
        if (_window == 0)
        {
            return;
        }
        CheckThread();
        Glfw.glfwDestroyWindow(_window);
        _window = 0;
        GlfwRuntime.Release();
    }

    private void UpdateFramebufferSize()
    {
        int width, height;
        Glfw.glfwGetFramebufferSize(_window, &width, &height);
        if (width == _framebufferWidth && height == _framebufferHeight)
        {
            return;
        }
        _framebufferWidth = width;
        _framebufferHeight = height;
        Resized = true;
        FramebufferResized?.Invoke(this, new FramebufferResizedEventArgs(width, height));
    }

    private nint CheckUsable()
    {
        ObjectDisposedException.ThrowIf(_window == 0, this);
        CheckThread();
        return _window;
    }

    private void CheckThread()
    {
        if (Environment.CurrentManagedThreadId != _thread)
        {
            throw new InvalidOperationException($"GlfwWindow was created on thread {_thread} and used on thread {Environment.CurrentManagedThreadId}; GLFW must only be used from the thread that created it");
        }
    }

    private static byte[] Utf8(string text)
    {
        byte[] bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }
}
