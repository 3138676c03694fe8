namespace Simulator.Viewer;

/// <summary>Everything a key (or gamepad button) can do in the viewer.</summary>
public enum ViewerAction
{
    PauseResume,
    SingleStep,
    Slower,
    Faster,
    ResetEpisode,
    NextCamera,
    FollowNext,
    FollowPrevious,
    NextEnv,
    InsetRgb,
    InsetDepth,
    InsetSegmentation,
    ToggleInset,
    ToggleMap,
    ToggleHud,
    Screenshot,
    Quit,
    // Replay only (sim replay's timeline):
    StepBack,
    SeekBack,
    SeekForward,
    SeekBackLong,
    SeekForwardLong,
    SeekStart,
    SeekEnd,
    // Held, not pressed once:
    SteerLeft,
    SteerRight,
    Throttle,
    Brake,
    CameraForward,
    CameraBack,
    CameraUp,
    CameraDown,
}
