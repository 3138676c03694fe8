using Simulator.Windowing;

namespace Simulator.Viewer;

/// <summary>Where the viewer reads keys and the gamepad: the GLFW window in use, an injected state in tests.</summary>
public interface IViewerInput
{
    bool IsKeyDown(Key key);

    /// <summary>The first connected gamepad, if any.</summary>
    bool TryGetGamepad(out GamepadState state);
}

/// <summary>Input from a GLFW window (polled on the window's thread).</summary>
public sealed class WindowInput(GlfwWindow window) : IViewerInput
{
    public bool IsKeyDown(Key key) => window.IsKeyDown(key);

    public bool TryGetGamepad(out GamepadState state) => window.TryGetGamepad(0, out state);
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
}
