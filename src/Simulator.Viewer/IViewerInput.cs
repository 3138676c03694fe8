using Simulator.Windowing;

namespace Simulator.Viewer;

/// <summary>Where the viewer reads keys and the gamepad: the GLFW window in use, an injected state in tests.</summary>
public interface IViewerInput
{
    bool IsKeyDown(Key key);

    /// <summary>The first connected gamepad, if any.</summary>
    bool TryGetGamepad(out GamepadState state);

    /// <summary>The mouse pointer in framebuffer pixels, when this input has one.</summary>
    bool TryGetPointer(out PointerState state)
    {
        state = default;
        return false;
    }

}

/// <summary>The mouse pointer: position in framebuffer pixels and the left button.</summary>
public readonly record struct PointerState(float X, float Y, bool LeftDown);

/// <summary>Input from a GLFW window (polled on the window's thread).</summary>
public sealed class WindowInput(GlfwWindow window) : IViewerInput
{
    public bool IsKeyDown(Key key) => window.IsKeyDown(key);

    public bool TryGetGamepad(out GamepadState state) => window.TryGetGamepad(0, out state);

    public bool TryGetPointer(out PointerState state)
    {
        var (x, y, down) = window.Pointer;
        state = new PointerState((float)x, (float)y, down);
        return true;
    }
}

/// <summary>Keys held down by code, for tests and scripted demos (no X events involved).</summary>
public sealed class InjectedInput : IViewerInput
{
    private readonly HashSet<Key> _down = [];
    private readonly Lock _lock = new();

    public void Press(Key key)
    {
        lock (_lock)
        {
            _down.Add(key);
        }
    }

    public void Release(Key key)
    {
        lock (_lock)
        {
            _down.Remove(key);
        }
    }

    public bool IsKeyDown(Key key)
    {
        lock (_lock)
        {
            return _down.Contains(key);
        }
    }

    private GamepadState? _gamepad;

    /// <summary>Connects a gamepad showing <paramref name="state"/> (null: none connected).</summary>
    public void SetGamepad(GamepadState? state)
    {
        lock (_lock)
        {
            _gamepad = state;
        }
    }

    public bool TryGetGamepad(out GamepadState state)
    {
        lock (_lock)
        {
            state = _gamepad ?? default;
            return _gamepad.HasValue;
        }
    }

    private PointerState? _pointer;

    /// <summary>Puts the mouse pointer at <paramref name="state"/> (null: no pointer).</summary>
    public void SetPointer(PointerState? state)
    {
        lock (_lock)
        {
            _pointer = state;
        }
    }

    public bool TryGetPointer(out PointerState state)
    {
        lock (_lock)
        {
            state = _pointer ?? default;
            return _pointer.HasValue;
        }
    }
}

/// <summary>Reads one input in turn from each of several (the window's keys and an injected script, say).</summary>
public sealed class CombinedInput(params IViewerInput[] inputs) : IViewerInput
{
    public bool IsKeyDown(Key key)
    {
        foreach (IViewerInput i in inputs)
        {
            if (i.IsKeyDown(key))
            {
                return true;
            }
        }
        return false;
    }

    public bool TryGetGamepad(out GamepadState state)
    {
        foreach (IViewerInput i in inputs)
        {
            if (i.TryGetGamepad(out state))
            {
                return true;
            }
        }
        state = default;
        return false;
    }

    /// <summary>The first input whose button is down, else the last one that has a pointer (an injected pointer
    /// pressing wins over the real, idle mouse).</summary>
    public bool TryGetPointer(out PointerState state)
    {
        bool any = false;
        state = default;
        foreach (IViewerInput i in inputs)
        {
            if (i.TryGetPointer(out PointerState p))
            {
                if (p.LeftDown)
                {
                    state = p;
                    return true;
                }
                (state, any) = (p, true);
            }
        }
        return any;
    }
}
