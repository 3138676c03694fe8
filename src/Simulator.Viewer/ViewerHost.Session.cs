using System.Diagnostics;
using System.Numerics;
using System.Runtime.InteropServices;
using Simulator.Driving.Runtime;
using Simulator.Driving.Snapshots;
using Simulator.Rendering.Vulkan;
using Simulator.Windowing;
using SkiaSharp;

namespace Simulator.Viewer;

public sealed partial class ViewerHost
{
    /// <summary>Everything the open window owns, on the window's thread.</summary>
    private sealed partial class Session : IDisposable
    {
        private readonly ViewerHost _host;
        private readonly GlfwWindow _window;
        private readonly PixelView _view;
        private readonly SceneView _scene;
        private readonly HudPanel _hud;
        private readonly MapPanel _map;
        private readonly InsetPanel _inset;
        private readonly ViewerCamera _camera = new();
        private readonly IViewerInput _input;
        private readonly bool[] _wasDown = new bool[KeyBindings.All.Count];
        private readonly bool[] _padWasDown = new bool[GamepadState.ButtonCount];
        private byte[] _pixels = [];
        private byte[] _capture = [];
        private SKBitmap? _bitmap;
        private SKCanvas? _canvas;
        private bool _showHud = true, _showMap = true, _showInset = true;
        private uint _followId;
        private int _env;
        private long _noticeUntil;
        private int[]? _columns;
        private long _firstFrame;
        private readonly bool _cpuDevice;

        public Session(ViewerHost host, GlfwWindow window, VulkanRenderer renderer)
        {
            _host = host;
            _window = window;
            ViewerOptions o = host._options;
            _cpuDevice = renderer.Context.Device.Type == GpuDeviceType.Cpu;
            _input = o.Input is null ? new WindowInput(window) : new CombinedInput(new WindowInput(window), o.Input);
            (int w, int h) = window.FramebufferSize;
            _view = renderer.CreatePixelView(w, h, o.VSync);
            try
            {
                (int rw, int rh) = RenderSize();
                _scene = new SceneView(renderer, rw, rh, o.InsetWidth, o.InsetHeight, o.MaxInstances);
                _hud = new HudPanel(host.State);
                _map = new MapPanel(host.State);
                _inset = new InsetPanel(host.State, o.InsetWidth, o.InsetHeight);
                Allocate();
            }
            catch
            {
                Dispose();
                throw;
            }
            host.State.EnvCount = host._exchange.EnvCount;
            host.State.Manual = o.Manual;
            host.State.Replay = o.Replay;
        }

        private void Allocate()
        {
            _canvas?.Dispose();
            _bitmap?.Dispose();
            int bytes = _view.Width * _view.Height * 4;
            _pixels = GC.AllocateArray<byte>(bytes, pinned: true);
            var colorType = _view.Order == PixelOrder.Bgra ? SKColorType.Bgra8888 : SKColorType.Rgba8888;
            _bitmap = new SKBitmap();
            _bitmap.InstallPixels(new SKImageInfo(_view.Width, _view.Height, colorType, SKAlphaType.Opaque),
                Marshal.UnsafeAddrOfPinnedArrayElement(_pixels, 0), _view.Width * 4);
            _canvas = new SKCanvas(_bitmap);
            (int rw, int rh) = RenderSize();
            _scene.Resize(rw, rh);
        }

        private (int Width, int Height) RenderSize()
        {
            double scale = _host._options.RenderScale > 0 ? Math.Clamp(_host._options.RenderScale, 0.25, 1)
                : _cpuDevice ? 0.75 : 1;
            return (Math.Max(1, (int)Math.Round(_view.Width * scale)), Math.Max(1, (int)Math.Round(_view.Height * scale)));
        }

        public void Loop()
        {
            ViewerOptions o = _host._options;
            long interval = o.Fps > 0 ? (long)(Stopwatch.Frequency / o.Fps) : 0;
            long next = Stopwatch.GetTimestamp();
            long last = next, rateStart = next, rateFrames = 0;
            while (!_host._stop && !_window.ShouldClose && !_host._control.StopRequested)
            {
                long size = Interlocked.Exchange(ref _host._sizeRequest, 0);
                if (size != 0)
                {
                    _window.SetSize((int)(size >> 32), (int)(uint)size);
                }
                _window.PollEvents();
                if (_window.Resized)
                {
                    _window.ClearResized();
                    (int w, int h) = _window.FramebufferSize;
                    _view.Resize(w, h);
                    if (_view.Width * _view.Height * 4 != _pixels.Length || _view.Width != _bitmap!.Width)
                    {
                        Allocate();
                    }
                }
                long now = Stopwatch.GetTimestamp();
                HandleInput((float)Seconds(now - last));
                last = now;
                if (_host._stop)
                {
                    break;
                }
                if (o.FinalScreenshot != null && o.MaxFrames > 0 && _host.Stats.Frames == o.MaxFrames - 1)
                {
                    _host.RequestScreenshot(o.FinalScreenshot);
                }
                DrawFrame();
                rateFrames++;
                if (now - rateStart >= Stopwatch.Frequency)
                {
                    _host.State.DrawRate = rateFrames / Seconds(now - rateStart);
                    (rateStart, rateFrames) = (now, 0);
                }
                if (o.MaxFrames > 0 && _host.Stats.Frames >= o.MaxFrames)
                {
                    break;
                }
                if (interval > 0)
                {
                    next += interval;
                    long wait = next - Stopwatch.GetTimestamp();
                    if (wait > 0)
                    {
                        Thread.Sleep(TimeSpan.FromSeconds(Seconds(wait)));
                    }
                    else if (wait < -3 * interval)
                    {
                        // Far behind (a stall): start the schedule again instead of drawing a burst. Smaller delays
                        // are caught up by the following frames, so the average rate stays at the cap.
                        next = Stopwatch.GetTimestamp();
                    }
                }
            }
        }

        private void DrawFrame()
        {
            long t0 = Stopwatch.GetTimestamp();
            long taken = _host._exchange.TryTake() ? 1 : 0;
            ReadOnlySpan<ViewerFrame> frames = _host._exchange.Front;
            _env = Math.Clamp(_env, 0, frames.Length - 1);
            ViewerFrame? frame = frames[_env].Filled ? frames[_env] : null;
            ViewerState state = _host.State;
            state.Frame = frame;
            state.WatchedEnv = _env;
            state.Camera = _camera.Mode;
            state.Paused = _host._control.Paused;
            state.TimeScale = _host._control.TimeScale;
            if (_noticeUntil != 0 && t0 > _noticeUntil)
            {
                state.Notice = null;
                _noticeUntil = 0;
            }

            bool drawn3D = false;
            FrameView mainView = default, insetView = default;
            bool hasInset = false;
            if (frame?.Snapshot.Scene != null && !frame.Snapshot.Actors.IsEmpty)
            {
                WorldSnapshot s = frame.Snapshot;
                int followed = Followed(s);
                state.FollowedActor = followed;
                ref readonly ActorSnapshot target = ref s.Actors[followed];
                CameraPose pose = _camera.Pose(target.Position, target.Yaw);
                long main = _scene.SubmitMain(s, pose);
                bool full = state.Inset != InsetMode.Rgb;
                long insetFrame = _showInset ? _scene.SubmitInset(s, AgentCamera(s), full) : -1;
                mainView = _scene.WaitMain(main);
                if (insetFrame >= 0)
                {
                    insetView = _scene.WaitInset(insetFrame, full);
                    hasInset = true;
                }
                drawn3D = true;
            }
            long t1 = Stopwatch.GetTimestamp();
            SKCanvas canvas = _canvas!;
            if (drawn3D)
            {
                if (mainView.Width == _view.Width && mainView.Height == _view.Height)
                {
                    PixelCopy.Copy(mainView.ColorOf(0), _pixels, _view.Order == PixelOrder.Bgra);
                    _bitmap!.NotifyPixelsChanged();
                }
                else
                {
                    PixelCopy.Scale(mainView.ColorOf(0), mainView.Width, mainView.Height, _pixels, _view.Width, _view.Height,
                        _view.Order == PixelOrder.Bgra, ref _columns);
                    _bitmap!.NotifyPixelsChanged();
                }
            }
            else
            {
                canvas.Clear(new SKColor(30, 30, 36));
            }
            int w = _view.Width, h = _view.Height;
            if (hasInset)
            {
                FillInset(insetView);
                float iw = Math.Min(_host._options.InsetWidth, w / 3f), ih = iw * _host._options.InsetHeight / _host._options.InsetWidth;
                _inset.Draw(canvas, new SKRect(w - iw - 10, 10, w - 10, 10 + ih));
            }
            if (_showMap)
            {
                float side = Math.Min(260f, Math.Min(w, h) * 0.4f);
                _map.Draw(canvas, new SKRect(w - side - 10, h - side - 10, w - 10, h - 10));
            }
            if (_showHud)
            {
                _hud.Draw(canvas, new SKRect(10, 10, 400, 10 + 19 * 13 + 6));
            }
            foreach (var (panel, area) in _host.PanelsCopy())
            {
                SKRect rect = area(w, h);
                if (panel is IViewerPointerTarget target && _hasPointer)
                {
                    target.Pointer(_pointer, _pointerPressed, rect);
                }
                panel.Draw(canvas, rect);
            }
            canvas.Flush();
            long t2 = Stopwatch.GetTimestamp();
            string? shot = Interlocked.Exchange(ref _host._screenshotRequest, null);
            if (shot != null && _view.CanCapture)
            {
                if (_capture.Length != _pixels.Length)
                {
                    _capture = new byte[_pixels.Length];
                }
                PresentOutcome outcome = _view.Present(_pixels, _capture);
                if (outcome == PresentOutcome.Presented)
                {
                    SaveScreenshot(shot, _capture);
                }
                else
                {
                    Volatile.Write(ref _host._screenshotRequest, shot); // try again next frame
                }
            }
            else
            {
                _view.Present(_pixels);
                if (shot != null)
                {
                    SaveScreenshot(shot, _pixels); // the composed frame is what was presented
                }
            }
            long t3 = Stopwatch.GetTimestamp();
            if (_view.Width != _bitmap!.Width || _view.Height != _bitmap.Height)
            {
                Allocate(); // the surface changed size while presenting: compose at the new size from the next frame on
            }
            _firstFrame = _firstFrame == 0 ? t0 : _firstFrame;
            _host.Record(t1 - t0, t2 - t1, t3 - t2, t3 - t0, t3 - _firstFrame, taken);
            state.FramesDrawn = _host.Stats.Frames;
        }

        private void SaveScreenshot(string path, byte[] image)
        {
            // Screenshots are RGBA; the swapchain may store BGRA.
            byte[] rgba = image;
            if (_view.Order == PixelOrder.Bgra)
            {
                rgba = new byte[image.Length];
                PixelCopy.Copy(image, rgba, bgra: true);
            }
            PngWriter.WriteRgba(path, _view.Width, _view.Height, rgba);
            _host.AddScreenshot(path);
            _host.State.Notice = $"screenshot: {path}";
            _noticeUntil = Stopwatch.GetTimestamp() + 3 * Stopwatch.Frequency;
        }

        /// <summary>The followed vehicle's index in the snapshot (the ego until another is chosen).</summary>
        private int Followed(WorldSnapshot s)
        {
            ReadOnlySpan<ActorSnapshot> actors = s.Actors;
            int ego = 0;
            for (int i = 0; i < actors.Length; i++)
            {
                if (_followId != 0 && actors[i].InstanceId == _followId)
                {
                    return i;
                }
                if (actors[i].Kind == ActorKind.Ego && ego == 0)
                {
                    ego = i;
                }
            }
            return ego;
        }

        /// <summary>The next (or previous) vehicle in the snapshot after the followed one.</summary>
        private void Follow(int direction)
        {
            WorldSnapshot? s = _host.State.Frame?.Snapshot;
            if (s is null)
            {
                return;
            }
            ReadOnlySpan<ActorSnapshot> actors = s.Actors;
            int current = Followed(s);
            for (int k = 1; k <= actors.Length; k++)
            {
                int i = ((current + direction * k) % actors.Length + actors.Length) % actors.Length;
                if (actors[i].Kind is ActorKind.Ego or ActorKind.Traffic)
                {
                    _followId = actors[i].InstanceId;
                    return;
                }
            }
        }

        /// <summary>The agent's first camera, or a bonnet camera on the ego when it has none.</summary>
        private static CameraPose AgentCamera(WorldSnapshot s)
        {
            if (!s.Cameras.IsEmpty)
            {
                return s.Cameras[0].Pose;
            }
            foreach (ref readonly ActorSnapshot a in s.Actors)
            {
                if (a.Kind == ActorKind.Ego)
                {
                    var forward = new Vector3(MathF.Cos(a.Yaw), MathF.Sin(a.Yaw), 0);
                    return CameraPose.Create(a.Position + 1.0f * forward + new Vector3(0, 0, 1.4f), a.Yaw, -0.14f, 1.0f, 0.1f, 160f);
                }
            }
            return CameraPose.Create(new Vector3(0, 0, 1.5f), 0);
        }

        private void FillInset(FrameView view)
        {
            Span<byte> target = _inset.Bitmap.GetPixelSpan();
            switch (_host.State.Inset)
            {
                case InsetMode.Depth:
                    PixelCopy.Depth(view.DepthOf(0), target, 60f);
                    break;
                case InsetMode.Segmentation:
                    PixelCopy.Segmentation(view.SegmentationOf(0), target, PngWriter.SegmentationPalette);
                    break;
                default:
                    PixelCopy.Copy(view.ColorOf(0), target, bgra: false);
                    break;
            }
            _inset.Bitmap.NotifyPixelsChanged();
            _inset.HasImage = true;
        }

        public void Dispose()
        {
            _canvas?.Dispose();
            _bitmap?.Dispose();
            _inset?.Dispose();
            _map?.Dispose();
            _hud?.Dispose();
            _scene?.Dispose();
            _view.Dispose();
        }
    }
}
