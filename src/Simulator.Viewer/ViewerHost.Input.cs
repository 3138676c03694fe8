using Simulator.Driving.Env;
using Simulator.Windowing;

namespace Simulator.Viewer;

public sealed partial class ViewerHost
{
    private sealed partial class Session
    {
        private const float StickDeadZone = 0.12f;
        private PointerState _pointer;
        private bool _hasPointer, _pointerPressed, _pointerWasDown;

        /// <summary>Reads keys and the gamepad once per frame: presses act once, held keys every frame.</summary>
        private void HandleInput(float dt)
        {
            ViewerControl control = _host._control;
            bool manual = _host._options.Manual;
            float steer = 0, accel = 0, forward = 0, turn = 0, up = 0;
            IReadOnlyList<KeyBinding> bindings = KeyBindings.All;
            for (int i = 0; i < bindings.Count; i++)
            {
                KeyBinding b = bindings[i];
                bool down = _input.IsKeyDown(b.Key);
                bool pressed = down && !_wasDown[i];
                _wasDown[i] = down;
                if (b.Held)
                {
                    if (down)
                    {
                        switch (b.Action)
                        {
                            case ViewerAction.SteerLeft: steer = 1; turn = 1; break;
                            case ViewerAction.SteerRight: steer = -1; turn = -1; break;
                            case ViewerAction.Throttle: accel = 1; forward = 1; break;
                            case ViewerAction.Brake: accel = -1; forward = -1; break;
                            case ViewerAction.CameraUp: up = 1; break;
                            case ViewerAction.CameraDown: up = -1; break;
                        }
                    }
                }
                else if (pressed && (!b.ReplayOnly || _host._options.Replay != null))
                {
                    Act(b.Action);
                }
            }
            _hasPointer = _input.TryGetPointer(out _pointer);
            _pointerPressed = _hasPointer && _pointer.LeftDown && !_pointerWasDown;
            _pointerWasDown = _hasPointer && _pointer.LeftDown;
            if (_input.TryGetGamepad(out GamepadState pad))
            {
                float stick = pad.Axis(0);
                if (MathF.Abs(stick) > StickDeadZone)
                {
                    steer = -stick; // stick right (+) steers right (−)
                    turn = -stick;
                }
                float throttle = (pad.Axis(5) + 1) / 2, brake = (pad.Axis(4) + 1) / 2;
                if (throttle > 0.02f || brake > 0.02f)
                {
                    accel = throttle - brake;
                    forward = accel;
                }
                Pad(pad, 0, ViewerAction.PauseResume);
                Pad(pad, 1, ViewerAction.ResetEpisode);
                Pad(pad, 2, ViewerAction.NextCamera);
                Pad(pad, 3, ViewerAction.FollowNext);
            }
            if (manual)
            {
                control.ManualAction = new DrivingAction(steer, accel);
                // The driving keys steer the car, not the camera; PageUp/PageDown still zoom.
                forward = 0;
                turn = 0;
            }
            _camera.Move(forward, turn, up, dt);
        }

        private void Pad(in GamepadState pad, int button, ViewerAction action)
        {
            bool down = pad.Button(button);
            if (down && !_padWasDown[button])
            {
                Act(action);
            }
            _padWasDown[button] = down;
        }

        private void Act(ViewerAction action)
        {
            ViewerControl control = _host._control;
            ViewerState state = _host.State;
            switch (action)
            {
                case ViewerAction.PauseResume: control.Paused = !control.Paused; break;
                case ViewerAction.SingleStep: control.Paused = true; control.RequestStep(); break;
                case ViewerAction.Slower: control.ShiftTimeScale(-1); break;
                case ViewerAction.Faster: control.ShiftTimeScale(+1); break;
                case ViewerAction.ResetEpisode: control.RequestReset(); break;
                case ViewerAction.NextCamera:
                {
                    var s = state.Frame?.Snapshot;
                    if (s != null && !s.Actors.IsEmpty)
                    {
                        ref readonly var a = ref s.Actors[Followed(s)];
                        _camera.NextMode(a.Position, a.Yaw);
                    }
                    else
                    {
                        _camera.NextMode(default, 0);
                    }
                    break;
                }
                case ViewerAction.FollowNext: Follow(+1); break;
                case ViewerAction.FollowPrevious: Follow(-1); break;
                case ViewerAction.NextEnv: _env = (_env + 1) % _host._exchange.EnvCount; _followId = 0; break;
                case ViewerAction.InsetRgb: state.Inset = InsetMode.Rgb; _showInset = true; break;
                case ViewerAction.InsetDepth: state.Inset = InsetMode.Depth; _showInset = true; break;
                case ViewerAction.InsetSegmentation: state.Inset = InsetMode.Segmentation; _showInset = true; break;
                case ViewerAction.ToggleInset: _showInset = !_showInset; break;
                case ViewerAction.ToggleMap: _showMap = !_showMap; break;
                case ViewerAction.ToggleHud: _showHud = !_showHud; break;
                case ViewerAction.Screenshot:
                    _host.RequestScreenshot(DefaultScreenshotPath(_host._options.ScreenshotFolder, _host.Stats.Frames));
                    break;
                case ViewerAction.Quit: _host._stop = true; break;
                case ViewerAction.StepBack: control.Paused = true; control.RequestStepBack(); break;
                case ViewerAction.SeekBack: control.RequestSeekBy(-5); break;
                case ViewerAction.SeekForward: control.RequestSeekBy(+5); break;
                case ViewerAction.SeekBackLong: control.RequestSeekBy(-30); break;
                case ViewerAction.SeekForwardLong: control.RequestSeekBy(+30); break;
                case ViewerAction.SeekStart: control.RequestSeekTo(0); break;
                case ViewerAction.SeekEnd: control.RequestSeekTo(long.MaxValue); break;
            }
        }
    }
}
