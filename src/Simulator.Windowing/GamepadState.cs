namespace Simulator.Windowing;

/// <summary>One gamepad reading in GLFW's standard mapping (SDL_GameControllerDB): axes 0-1 left stick, 2-3 right
/// stick, 4-5 triggers (all in [-1, 1]); buttons 0 A, 1 B, 2 X, 3 Y, ... 14 d-pad left.</summary>
public readonly struct GamepadState
{
    public const int ButtonCount = 15;
    public const int AxisCount = 6;

    private readonly ushort _buttons;
    private readonly Axes _axes;

    internal GamepadState(ushort buttons, Axes axes)
    {
        _buttons = buttons;
        _axes = axes;
    }

    /// <summary>A reading made by code (tests, scripted input): <paramref name="buttons"/> bit i = button i, and up to
    /// <see cref="AxisCount"/> axes, each clamped to [-1, 1].</summary>
    public static GamepadState Create(ushort buttons, ReadOnlySpan<float> axes)
    {
        if (axes.Length > AxisCount)
        {
            throw new ArgumentException($"a gamepad has {AxisCount} axes, got {axes.Length}", nameof(axes));
        }
        var a = new Axes();
        for (int i = 0; i < axes.Length; i++)
        {
            a[i] = float.IsNaN(axes[i]) ? 0 : Math.Clamp(axes[i], -1f, 1f);
        }
        return new GamepadState(buttons, a);
    }

    public bool Button(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, ButtonCount);
        return (_buttons & (1 << index)) != 0;
    }

    public float Axis(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, AxisCount);
        return _axes[index];
    }

    [System.Runtime.CompilerServices.InlineArray(AxisCount)]
    internal struct Axes
    {
        private float _element0;
    }
}
