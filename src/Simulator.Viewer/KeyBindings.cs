using System.Text;
using Simulator.Windowing;

namespace Simulator.Viewer;

/// <summary>One key and what it does.</summary>
/// <param name="ReplayOnly">Acts only on a replay's timeline (<c>sim replay</c>); <c>sim watch</c> ignores it.</param>
public readonly record struct KeyBinding(Key Key, ViewerAction Action, string Description, bool Held = false, bool ReplayOnly = false);

/// <summary>
/// The viewer's key bindings: the one table the window reads and <c>sim watch --help</c> and the README print.
/// Held bindings act every frame while the key is down; the others act once per press.
/// </summary>
public static class KeyBindings
{
    public static IReadOnlyList<KeyBinding> All { get; } =
    [
        new(Key.Space, ViewerAction.PauseResume, "pause / resume"),
        new(Key.Period, ViewerAction.SingleStep, "single step (while paused)"),
        new(Key.Minus, ViewerAction.Slower, "slower: time scale 0.25x .. 8x, unlimited"),
        new(Key.Equal, ViewerAction.Faster, "faster"),
        new(Key.Comma, ViewerAction.StepBack, "replay: step back (pauses first)", ReplayOnly: true),
        new(Key.LeftBracket, ViewerAction.SeekBack, "replay: back 5 s", ReplayOnly: true),
        new(Key.RightBracket, ViewerAction.SeekForward, "replay: forward 5 s", ReplayOnly: true),
        new(Key.J, ViewerAction.SeekBackLong, "replay: back 30 s", ReplayOnly: true),
        new(Key.L, ViewerAction.SeekForwardLong, "replay: forward 30 s", ReplayOnly: true),
        new(Key.Home, ViewerAction.SeekStart, "replay: go to the start", ReplayOnly: true),
        new(Key.End, ViewerAction.SeekEnd, "replay: go to the end (pauses)", ReplayOnly: true),
        new(Key.Backspace, ViewerAction.ResetEpisode, "reset the episode"),
        new(Key.C, ViewerAction.NextCamera, "camera: chase, orbit, free"),
        new(Key.Tab, ViewerAction.FollowNext, "follow the next vehicle"),
        new(Key.Q, ViewerAction.FollowPrevious, "follow the previous vehicle"),
        new(Key.E, ViewerAction.NextEnv, "watch the next env"),
        new(Key.D1, ViewerAction.InsetRgb, "inset: agent camera RGB"),
        new(Key.D2, ViewerAction.InsetDepth, "inset: depth"),
        new(Key.D3, ViewerAction.InsetSegmentation, "inset: segmentation"),
        new(Key.I, ViewerAction.ToggleInset, "show / hide the inset"),
        new(Key.M, ViewerAction.ToggleMap, "show / hide the map"),
        new(Key.H, ViewerAction.ToggleHud, "show / hide the HUD"),
        new(Key.F12, ViewerAction.Screenshot, "screenshot (PNG)"),
        new(Key.Escape, ViewerAction.Quit, "quit"),
        new(Key.W, ViewerAction.Throttle, "throttle (manual) / free camera forward", Held: true),
        new(Key.Up, ViewerAction.Throttle, "throttle (manual)", Held: true),
        new(Key.S, ViewerAction.Brake, "brake (manual) / free camera back", Held: true),
        new(Key.Down, ViewerAction.Brake, "brake (manual)", Held: true),
        new(Key.A, ViewerAction.SteerLeft, "steer left (manual) / orbit, free camera turn left", Held: true),
        new(Key.Left, ViewerAction.SteerLeft, "steer left (manual)", Held: true),
        new(Key.D, ViewerAction.SteerRight, "steer right (manual) / orbit, free camera turn right", Held: true),
        new(Key.Right, ViewerAction.SteerRight, "steer right (manual)", Held: true),
        new(Key.PageUp, ViewerAction.CameraUp, "camera up / zoom out", Held: true),
        new(Key.PageDown, ViewerAction.CameraDown, "camera down / zoom in", Held: true),
    ];

    /// <summary>Gamepad (standard mapping): left stick steers, right trigger throttle, left trigger brake;
    /// A pause, B reset, X camera, Y follow next, start screenshot.</summary>
    public const string Gamepad = "gamepad: left stick steers, right trigger throttle, left trigger brake; A pause, B reset, X camera, Y follow next";

    /// <summary>The key as printed on the keyboard.</summary>
    public static string Label(Key key) => key switch
    {
        Key.D0 => "0",
        Key.D1 => "1",
        Key.D2 => "2",
        Key.D3 => "3",
        Key.Period => ".",
        Key.Minus => "-",
        Key.Equal => "=",
        Key.Comma => ",",
        Key.LeftBracket => "[",
        Key.RightBracket => "]",
        _ => key.ToString(),
    };

    /// <summary>The table as aligned text lines (for --help and the README); the replay-only keys when <paramref name="replay"/>.</summary>
    public static string Describe(bool replay = false)
    {
        var sb = new StringBuilder();
        foreach (KeyBinding b in All)
        {
            if (b.ReplayOnly && !replay)
            {
                continue;
            }
            sb.Append("  ").Append(Label(b.Key).PadRight(10)).Append(b.Description).Append('\n');
        }
        sb.Append("  ").Append(Gamepad).Append('\n');
        return sb.ToString();
    }
}
