using Simulator.Windowing.Interop;

namespace Simulator.Windowing;

/// <summary>Keys the viewer uses, with GLFW's key codes (US layout names).</summary>
public enum Key
{
    Space = Glfw.GLFW_KEY_SPACE,
    A = Glfw.GLFW_KEY_A,
    D = Glfw.GLFW_KEY_D,
    P = Glfw.GLFW_KEY_P,
    Q = Glfw.GLFW_KEY_Q,
    R = Glfw.GLFW_KEY_R,
    S = Glfw.GLFW_KEY_S,
    W = Glfw.GLFW_KEY_W,
    Escape = Glfw.GLFW_KEY_ESCAPE,
    Enter = Glfw.GLFW_KEY_ENTER,
    Tab = Glfw.GLFW_KEY_TAB,
    Right = Glfw.GLFW_KEY_RIGHT,
    Left = Glfw.GLFW_KEY_LEFT,
    Down = Glfw.GLFW_KEY_DOWN,
    Up = Glfw.GLFW_KEY_UP,
    F1 = Glfw.GLFW_KEY_F1,
    LeftShift = Glfw.GLFW_KEY_LEFT_SHIFT,
    Minus = Glfw.GLFW_KEY_MINUS,
    Period = Glfw.GLFW_KEY_PERIOD,
    D0 = Glfw.GLFW_KEY_0,
    D1 = Glfw.GLFW_KEY_1,
    D2 = Glfw.GLFW_KEY_2,
    D3 = Glfw.GLFW_KEY_3,
    Equal = Glfw.GLFW_KEY_EQUAL,
    C = Glfw.GLFW_KEY_C,
    E = Glfw.GLFW_KEY_E,
    F = Glfw.GLFW_KEY_F,
    H = Glfw.GLFW_KEY_H,
    I = Glfw.GLFW_KEY_I,
    M = Glfw.GLFW_KEY_M,
    N = Glfw.GLFW_KEY_N,
    Backspace = Glfw.GLFW_KEY_BACKSPACE,
    PageUp = Glfw.GLFW_KEY_PAGE_UP,
    PageDown = Glfw.GLFW_KEY_PAGE_DOWN,
    F12 = Glfw.GLFW_KEY_F12,
}
