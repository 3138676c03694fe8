using System.Runtime.InteropServices;

namespace Simulator.Windowing.Interop;

/// <summary>Declarations of GLFW 3.3 (Debian's libglfw3, libglfw.so.3). Names match the C API exactly.</summary>
internal static unsafe partial class Glfw
{
    private const string Lib = "libglfw.so.3";

    public const int GLFW_TRUE = 1;
    public const int GLFW_FALSE = 0;
    public const int GLFW_RELEASE = 0;
    public const int GLFW_PRESS = 1;
    public const int GLFW_REPEAT = 2;

    public const int GLFW_NO_ERROR = 0;
    public const int GLFW_NOT_INITIALIZED = 0x00010001;
    public const int GLFW_API_UNAVAILABLE = 0x00010006;
    public const int GLFW_PLATFORM_ERROR = 0x00010008;

    public const int GLFW_FOCUSED = 0x00020001;
    public const int GLFW_RESIZABLE = 0x00020003;
    public const int GLFW_VISIBLE = 0x00020004;
    public const int GLFW_CLIENT_API = 0x00022001;
    public const int GLFW_NO_API = 0;

    public const int GLFW_JOYSTICK_1 = 0;
    public const int GLFW_JOYSTICK_LAST = 15;

    public const int GLFW_KEY_SPACE = 32;
    public const int GLFW_KEY_A = 65;
    public const int GLFW_KEY_MINUS = 45;
    public const int GLFW_KEY_PERIOD = 46;
    public const int GLFW_KEY_0 = 48;
    public const int GLFW_KEY_1 = 49;
    public const int GLFW_KEY_2 = 50;
    public const int GLFW_KEY_3 = 51;
    public const int GLFW_KEY_EQUAL = 61;
    public const int GLFW_KEY_C = 67;
    public const int GLFW_KEY_E = 69;
    public const int GLFW_KEY_F = 70;
    public const int GLFW_KEY_H = 72;
    public const int GLFW_KEY_I = 73;
    public const int GLFW_KEY_M = 77;
    public const int GLFW_KEY_N = 78;
    public const int GLFW_KEY_BACKSPACE = 259;
    public const int GLFW_KEY_PAGE_UP = 266;
    public const int GLFW_KEY_PAGE_DOWN = 267;
    public const int GLFW_KEY_F12 = 301;
    public const int GLFW_KEY_D = 68;
    public const int GLFW_KEY_P = 80;
    public const int GLFW_KEY_Q = 81;
    public const int GLFW_KEY_R = 82;
    public const int GLFW_KEY_S = 83;
    public const int GLFW_KEY_W = 87;
    public const int GLFW_KEY_ESCAPE = 256;
    public const int GLFW_KEY_ENTER = 257;
    public const int GLFW_KEY_TAB = 258;
    public const int GLFW_KEY_RIGHT = 262;
    public const int GLFW_KEY_LEFT = 263;
    public const int GLFW_KEY_DOWN = 264;
    public const int GLFW_KEY_UP = 265;
    public const int GLFW_KEY_F1 = 290;
    public const int GLFW_KEY_LEFT_SHIFT = 340;
    public const int GLFW_KEY_LAST = 348;
    public const int GLFW_KEY_COMMA = 44;
    public const int GLFW_KEY_J = 74;
    public const int GLFW_KEY_L = 76;
    public const int GLFW_KEY_LEFT_BRACKET = 91;
    public const int GLFW_KEY_RIGHT_BRACKET = 93;
    public const int GLFW_KEY_HOME = 268;
    public const int GLFW_KEY_END = 269;
    public const int GLFW_MOUSE_BUTTON_LEFT = 0;
    public const int GLFW_STICKY_KEYS = 0x00033002;
    public const int GLFW_STICKY_MOUSE_BUTTONS = 0x00033003;

    [LibraryImport(Lib)] internal static partial int glfwInit();
    [LibraryImport(Lib)] internal static partial void glfwTerminate();
    [LibraryImport(Lib)] internal static partial int glfwGetError(byte** description);
    [LibraryImport(Lib)] internal static partial void glfwWindowHint(int hint, int value);
    [LibraryImport(Lib)] internal static partial nint glfwCreateWindow(int width, int height, byte* title, nint monitor, nint share);
    [LibraryImport(Lib)] internal static partial void glfwDestroyWindow(nint window);
    [LibraryImport(Lib)] internal static partial int glfwWindowShouldClose(nint window);
    [LibraryImport(Lib)] internal static partial void glfwSetWindowShouldClose(nint window, int value);
    [LibraryImport(Lib)] internal static partial void glfwPollEvents();
    [LibraryImport(Lib)] internal static partial void glfwWaitEventsTimeout(double timeout);
    [LibraryImport(Lib)] internal static partial void glfwGetFramebufferSize(nint window, int* width, int* height);
    [LibraryImport(Lib)] internal static partial void glfwGetWindowSize(nint window, int* width, int* height);
    [LibraryImport(Lib)] internal static partial void glfwGetCursorPos(nint window, double* xpos, double* ypos);
    [LibraryImport(Lib)] internal static partial int glfwGetMouseButton(nint window, int button);
    [LibraryImport(Lib)] internal static partial void glfwSetInputMode(nint window, int mode, int value);
    [LibraryImport(Lib)] internal static partial void glfwSetWindowSize(nint window, int width, int height);
    [LibraryImport(Lib)] internal static partial void glfwSetWindowTitle(nint window, byte* title);
    [LibraryImport(Lib)] internal static partial int glfwVulkanSupported();
    [LibraryImport(Lib)] internal static partial byte** glfwGetRequiredInstanceExtensions(uint* count);
    [LibraryImport(Lib)] internal static partial int glfwCreateWindowSurface(nint instance, nint window, nint allocator, ulong* surface);
    [LibraryImport(Lib)] internal static partial int glfwGetKey(nint window, int key);
    [LibraryImport(Lib)] internal static partial nint glfwSetKeyCallback(nint window, delegate* unmanaged<nint, int, int, int, int, void> callback);
    [LibraryImport(Lib)] internal static partial nint glfwSetFramebufferSizeCallback(nint window, delegate* unmanaged<nint, int, int, void> callback);
    [LibraryImport(Lib)] internal static partial double glfwGetTime();
    [LibraryImport(Lib)] internal static partial int glfwJoystickPresent(int jid);
    [LibraryImport(Lib)] internal static partial int glfwJoystickIsGamepad(int jid);
    [LibraryImport(Lib)] internal static partial int glfwGetGamepadState(int jid, GLFWgamepadstate* state);
}
