using System.Runtime.InteropServices;
using Simulator.Driving.Snapshots;
using Simulator.Rendering.Vulkan;
using SkiaSharp;

namespace Simulator.Viewer.Export;

/// <summary>
/// Renders world snapshots headless into RGBA8 frames of a fixed size from one <see cref="ExportView"/>, with the
/// export HUD drawn over them when asked. Uses the viewer's <see cref="SceneView"/> (the shared renderer, its draw
/// lists, pipelines and static sets): the chase and top views show the world without sensor noise, the agent view
/// is the sensor's image. One thread; the returned span is valid until the next <see cref="Render"/>.
/// </summary>
public sealed class FrameRenderer : IDisposable
{
    private readonly VulkanRenderer _renderer;
    private readonly bool _ownsRenderer;
    private readonly SceneView _scene;
    private readonly ExportHud? _hud;
    private readonly byte[] _pixels;
    private readonly SKBitmap? _bitmap;
    private readonly SKCanvas? _canvas;

    /// <param name="renderer">A renderer to share (e.g. the one a vector env's cameras use); null creates one
    /// (lavapipe or the first GPU, <see cref="RendererOptions.Default"/>) that this object owns.</param>
    /// <param name="hud">Draw the HUD (left out below <see cref="ExportHud.MinHeight"/> pixels of height).</param>
    public FrameRenderer(int width, int height, ExportView view, bool hud, VulkanRenderer? renderer = null, int maxInstances = 512)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        (Width, Height, View) = (width, height, view);
        _ownsRenderer = renderer is null;
        _renderer = renderer ?? VulkanRenderer.Create(RendererOptions.Default);
        try
        {
            // The agent view is drawn through the scene view's sensor path (its "inset" batch) at the full size;
            // the other views use the main batch and leave the inset at a token size.
            bool agent = view == ExportView.Agent;
            _scene = new SceneView(_renderer, agent ? 16 : width, agent ? 16 : height, agent ? width : 16, agent ? height : 16, maxInstances);
            _pixels = GC.AllocateArray<byte>(width * height * 4, pinned: true);
            if (hud && height >= ExportHud.MinHeight)
            {
                _hud = new ExportHud(height);
                _bitmap = new SKBitmap();
                _bitmap.InstallPixels(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque),
                    Marshal.UnsafeAddrOfPinnedArrayElement(_pixels, 0), width * 4);
                _canvas = new SKCanvas(_bitmap);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public int Width { get; }
    public int Height { get; }
    public ExportView View { get; }
    public bool DrawsHud => _hud is not null;
    public string DeviceName => _renderer.DeviceName;

    /// <summary>When set, the camera pose of every frame (instead of the view's): e.g. another camera sensor's mount
    /// on the ego. The agent view keeps the sensor path (jitter and noise).</summary>
    public Func<WorldSnapshot, CameraPose>? PoseOverride { get; init; }

    /// <summary>Renders <paramref name="snapshot"/> (with the HUD showing <paramref name="info"/> when enabled) and
    /// returns the frame, RGBA8, rows top to bottom.</summary>
    public ReadOnlySpan<byte> Render(WorldSnapshot snapshot, in ExportFrameInfo info) => Render(snapshot, info, 0);

    /// <summary>As <see cref="Render(WorldSnapshot, in ExportFrameInfo)"/>, with the camera moved
    /// <paramref name="lateral"/> metres to its left (negative: right).</summary>
    public ReadOnlySpan<byte> Render(WorldSnapshot snapshot, in ExportFrameInfo info, float lateral)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        CameraPose pose = PoseOverride?.Invoke(snapshot) ?? ExportCameras.Pose(View, snapshot, lateral);
        FrameView frame;
        if (View == ExportView.Agent)
        {
            frame = _scene.WaitInset(_scene.SubmitInset(snapshot, pose, full: false), full: false);
        }
        else
        {
            frame = _scene.WaitMain(_scene.SubmitMain(snapshot, pose));
        }
        frame.ColorOf(0).CopyTo(_pixels);
        if (_hud is not null)
        {
            _bitmap!.NotifyPixelsChanged();
            _hud.Draw(_canvas!, Height, info);
            _canvas!.Flush();
        }
        return _pixels;
    }

    public void Dispose()
    {
        _canvas?.Dispose();
        _bitmap?.Dispose();
        _hud?.Dispose();
        _scene?.Dispose();
        if (_ownsRenderer)
        {
            _renderer?.Dispose();
        }
    }
}
