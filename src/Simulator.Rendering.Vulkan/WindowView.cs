using Simulator.Core;

namespace Simulator.Rendering.Vulkan;

/// <summary>Shape of a <see cref="WindowView"/>: the window's framebuffer size and presentation mode.</summary>
/// <param name="Width">Framebuffer width in pixels (the surface may impose its own size).</param>
/// <param name="Height">Framebuffer height in pixels.</param>
/// <param name="VSync">Present in step with the display (FIFO); off: mailbox or immediate where supported.</param>
/// <param name="MaxInstances">Prop instances per frame.</param>
public sealed record WindowViewDescription(int Width, int Height, bool VSync = true, int MaxInstances = 256);

/// <summary>What <see cref="WindowView.Present"/> did.</summary>
public enum PresentOutcome
{
    /// <summary>The frame is queued for display.</summary>
    Presented,
    /// <summary>The surface changed size or format; the swapchain was recreated and the frame should be drawn again.</summary>
    Recreated,
    /// <summary>The window has no area (minimised); nothing was drawn.</summary>
    Skipped,
}

/// <summary>
/// One camera drawn into a window: the presentable counterpart of <see cref="CameraBatch"/>. It renders with the same
/// draw-list builder, pipelines and passes as the camera sensors (a batch of one camera at the window's size) and
/// blits the result into the acquired swapchain image of the context's window surface. The renderer's context must
/// be created with <see cref="RendererOptions.Presentation"/>. Fill <see cref="View"/> and the instances, call
/// <see cref="Present"/> once per displayed frame, and <see cref="Resize"/> when the window's framebuffer changes.
/// Not thread-safe: one thread draws (it may differ from the simulation thread).
/// </summary>
public sealed class WindowView : IDisposable
{
    private readonly VulkanRenderer _renderer;
    private readonly SwapchainTarget _swapchain;
    private CameraBatch _batch;
    private GpuBuffer? _capture;
    private bool _disposed;

    internal WindowView(VulkanRenderer renderer, WindowViewDescription description)
    {
        _renderer = renderer;
        Description = description;
        _swapchain = new SwapchainTarget(renderer.Context, description.Width, description.Height, description.VSync);
        try
        {
            _batch = CreateBatch(_swapchain.Width, _swapchain.Height);
        }
        catch
        {
            _swapchain.Dispose();
            throw;
        }
    }

    public WindowViewDescription Description { get; }

    /// <summary>Size of the swapchain images (what is displayed).</summary>
    public int Width => _swapchain.Width;
    public int Height => _swapchain.Height;

    /// <summary>True when frames are presented in step with the display.</summary>
    public bool VSync => _swapchain.VSync;

    /// <summary>Frames presented so far.</summary>
    public long PresentedFrames { get; private set; }

    /// <summary>Camera, lighting, static set and randomisation of the next frame.</summary>
    public ref EnvView View => ref _batch.Env(0);

    public void ClearInstances() => _batch.ClearInstances();

    public void AddInstance(in PropInstance instance) => _batch.AddInstance(0, instance);

    /// <summary>Draws the view and queues it for display. Waits only for the frame that used the same slot
    /// <c>FramesInFlight</c> frames ago (and, with vsync, for a free swapchain image).</summary>
    public PresentOutcome Present() => Present(null);

    /// <summary>
    /// Like <see cref="Present()"/>, and also copies the displayed image back (a screenshot of the window's
    /// content): <paramref name="rgba"/> receives <see cref="Width"/>×<see cref="Height"/>×4 bytes, RGBA8, row 0 at
    /// the top. Waits for that frame to finish. Throws when the surface does not allow reading presented images.
    /// </summary>
    public PresentOutcome PresentAndCapture(Span<byte> rgba)
    {
        if (!_swapchain.CanCapture)
        {
            throw new InvalidOperationException("this window surface does not allow reading back presented images");
        }
        int bytes = Width * Height * 4;
        if (rgba.Length < bytes)
        {
            throw new ArgumentException($"the screenshot needs {bytes} bytes ({Width}x{Height} RGBA8), got {rgba.Length}", nameof(rgba));
        }
        if (_capture == null || _capture.Size < (ulong)bytes)
        {
            _capture?.Dispose();
            _capture = new GpuBuffer(_renderer.Context, (ulong)bytes, Silk.NET.Vulkan.BufferUsageFlags.TransferDstBit, GpuBuffer.Placement.Host);
        }
        PresentOutcome outcome = Present(_capture);
        if (outcome == PresentOutcome.Presented)
        {
            CopyCapture(rgba[..bytes]);
        }
        return outcome;
    }

    private PresentOutcome Present(GpuBuffer? capture)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_swapchain.Width <= 0 || _swapchain.Height <= 0)
        {
            return PresentOutcome.Skipped;
        }
        if (_batch.SubmitPresent(_swapchain, capture))
        {
            PresentedFrames++;
            return PresentOutcome.Presented;
        }
        Resize(_swapchain.Width, _swapchain.Height);
        return PresentOutcome.Recreated;
    }

    private unsafe void CopyCapture(Span<byte> rgba)
    {
        var source = new ReadOnlySpan<byte>(_capture!.Pointer, rgba.Length);
        source.CopyTo(rgba);
        if (_swapchain.Format is Silk.NET.Vulkan.Format.B8G8R8A8Unorm or Silk.NET.Vulkan.Format.B8G8R8A8Srgb)
        {
            for (int i = 0; i < rgba.Length; i += 4)
            {
                (rgba[i], rgba[i + 2]) = (rgba[i + 2], rgba[i]);
            }
        }
    }

    /// <summary>Recreates the swapchain (and the render attachments when the size changed) for a new framebuffer
    /// size, e.g. after the window was resized. A zero size (minimised) makes <see cref="Present"/> skip frames.</summary>
    public void Resize(int width, int height)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (width <= 0 || height <= 0)
        {
            return;
        }
        _swapchain.Recreate(width, height);
        if (_swapchain.Width == _batch.Width && _swapchain.Height == _batch.Height)
        {
            return;
        }
        CameraBatch next = CreateBatch(_swapchain.Width, _swapchain.Height);
        next.Env(0) = _batch.Env(0);
        for (int k = 0; k < _batch.InstanceCount(0); k++)
        {
            next.AddInstance(0, _batch.Instance(0, k));
        }
        _batch.Dispose();
        _batch = next;
    }

    private CameraBatch CreateBatch(int width, int height)
    {
        var d = new BatchDescription(1, width, height, RenderOutputs.Color, Description.MaxInstances, FramesInFlight: 2, RenderPasses: 1);
        d.Validate(_renderer.Context);
        return _renderer.AttachBatch(new CameraBatch(_renderer, d, presenting: true));
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _batch.Dispose();
        _capture?.Dispose();
        _swapchain.Dispose();
        _renderer.OnViewDisposed(this);
    }
}
