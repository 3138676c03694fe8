using Silk.NET.Vulkan;
using Simulator.Core;
using Semaphore = Silk.NET.Vulkan.Semaphore;

namespace Simulator.Rendering.Vulkan;

/// <summary>Byte order of the pixels a <see cref="PixelView"/> takes (the swapchain's own order, so no swizzle).</summary>
public enum PixelOrder
{
    Rgba,
    Bgra,
}

/// <summary>
/// A window that shows pixels composed on the CPU (the viewer draws its 3D view, HUD and panels into one image): each
/// <see cref="Present"/> copies the image into a host-visible staging buffer of a free frame slot, records one
/// buffer→swapchain-image copy and queues the image for display. No shader, no format conversion on the GPU: the
/// caller writes the bytes in <see cref="Order"/>. Two frames in flight; <see cref="Present"/> waits only for the
/// slot used two frames ago (and, with vsync, for a free swapchain image). Not thread-safe: one thread presents.
/// </summary>
public sealed unsafe class PixelView : IDisposable
{
    private const int SlotCount = 2;
    private readonly VulkanRenderer _renderer;
    private readonly VulkanContext _ctx;
    private readonly SwapchainTarget _swapchain;
    private readonly CommandPool _pool;
    private readonly CommandBuffer[] _commandBuffers = new CommandBuffer[SlotCount];
    private readonly Fence[] _fences = new Fence[SlotCount];
    private readonly bool[] _pending = new bool[SlotCount];
    private readonly Semaphore[] _available = new Semaphore[SlotCount];
    private readonly GpuBuffer?[] _staging = new GpuBuffer?[SlotCount];
    private GpuBuffer? _capture;
    private long _frame;
    private bool _disposed;

    internal PixelView(VulkanRenderer renderer, int width, int height, bool vsync)
    {
        _renderer = renderer;
        _ctx = renderer.Context;
        _swapchain = new SwapchainTarget(_ctx, width, height, vsync);
        try
        {
            var poolInfo = new CommandPoolCreateInfo
            {
                SType = StructureType.CommandPoolCreateInfo,
                Flags = CommandPoolCreateFlags.ResetCommandBufferBit,
                QueueFamilyIndex = _ctx.QueueFamily,
            };
            CommandPool pool;
            VkCheck.Check(_ctx.Api.CreateCommandPool(_ctx.DeviceHandle, &poolInfo, null, &pool));
            _ctx.Track(1);
            _pool = pool;
            var alloc = new CommandBufferAllocateInfo
            {
                SType = StructureType.CommandBufferAllocateInfo,
                CommandPool = pool,
                Level = CommandBufferLevel.Primary,
                CommandBufferCount = SlotCount,
            };
            fixed (CommandBuffer* cbs = _commandBuffers)
            {
                VkCheck.Check(_ctx.Api.AllocateCommandBuffers(_ctx.DeviceHandle, &alloc, cbs));
            }
            var fenceInfo = new FenceCreateInfo { SType = StructureType.FenceCreateInfo };
            var semInfo = new SemaphoreCreateInfo { SType = StructureType.SemaphoreCreateInfo };
            for (int i = 0; i < SlotCount; i++)
            {
                Fence fence;
                VkCheck.Check(_ctx.Api.CreateFence(_ctx.DeviceHandle, &fenceInfo, null, &fence));
                _ctx.Track(1);
                _fences[i] = fence;
                Semaphore s;
                VkCheck.Check(_ctx.Api.CreateSemaphore(_ctx.DeviceHandle, &semInfo, null, &s));
                _ctx.Track(1);
                _available[i] = s;
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Size of the swapchain images: the image given to <see cref="Present"/> must have exactly this size.</summary>
    public int Width => _swapchain.Width;
    public int Height => _swapchain.Height;
    public bool VSync => _swapchain.VSync;

    /// <summary>Byte order the swapchain stores (and <see cref="Present"/> expects).</summary>
    public PixelOrder Order => _swapchain.Format is Format.B8G8R8A8Unorm or Format.B8G8R8A8Srgb ? PixelOrder.Bgra : PixelOrder.Rgba;

    /// <summary>True when <see cref="Present"/> can also copy the displayed image back.</summary>
    public bool CanCapture => _swapchain.CanCapture;

    public long PresentedFrames { get; private set; }

    /// <summary>
    /// Shows <paramref name="pixels"/> (<see cref="Width"/>×<see cref="Height"/>×4 bytes in <see cref="Order"/>, row 0
    /// at the top). With <paramref name="capture"/>, the displayed image is read back into it (same layout; waits for
    /// the frame). Returns <see cref="PresentOutcome.Recreated"/> when the swapchain had to be recreated (the size may
    /// have changed: compose again at the new size).
    /// </summary>
    public PresentOutcome Present(ReadOnlySpan<byte> pixels, Span<byte> capture = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Width <= 0 || Height <= 0)
        {
            return PresentOutcome.Skipped;
        }
        int bytes = Width * Height * 4;
        if (pixels.Length < bytes)
        {
            throw new ArgumentException($"the frame needs {bytes} bytes ({Width}x{Height}x4), got {pixels.Length}", nameof(pixels));
        }
        bool capturing = !capture.IsEmpty;
        if (capturing)
        {
            if (!CanCapture)
            {
                throw new InvalidOperationException("this window surface does not allow reading back presented images");
            }
            if (capture.Length < bytes)
            {
                throw new ArgumentException($"the capture needs {bytes} bytes", nameof(capture));
            }
            if (_capture == null || _capture.Size < (ulong)bytes)
            {
                _capture?.Dispose();
                _capture = new GpuBuffer(_ctx, (ulong)bytes, BufferUsageFlags.TransferDstBit, GpuBuffer.Placement.Host);
            }
        }
        int s = (int)(_frame % SlotCount);
        WaitSlot(s);
        if (!_swapchain.Acquire(_available[s], out uint index))
        {
            Resize(Width, Height);
            return PresentOutcome.Recreated;
        }
        GpuBuffer staging = Staging(s, bytes);
        pixels[..bytes].CopyTo(new Span<byte>(staging.Pointer, bytes));
        Record(_commandBuffers[s], staging, index, capturing ? _capture : null);
        Submit(s, index);
        _frame++;
        bool presented = _swapchain.Present(index);
        if (capturing)
        {
            WaitSlot(s);
            new ReadOnlySpan<byte>(_capture!.Pointer, bytes).CopyTo(capture);
        }
        if (!presented)
        {
            Resize(Width, Height);
            return PresentOutcome.Recreated;
        }
        PresentedFrames++;
        return PresentOutcome.Presented;
    }

    /// <summary>Recreates the swapchain for a new framebuffer size (zero: minimised, frames are skipped).</summary>
    public void Resize(int width, int height)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (width <= 0 || height <= 0)
        {
            return;
        }
        for (int i = 0; i < SlotCount; i++)
        {
            WaitSlot(i);
        }
        _swapchain.Recreate(width, height);
    }

    private GpuBuffer Staging(int slot, int bytes)
    {
        GpuBuffer? b = _staging[slot];
        if (b == null || b.Size < (ulong)bytes)
        {
            b?.Dispose();
            b = new GpuBuffer(_ctx, (ulong)bytes, BufferUsageFlags.TransferSrcBit, GpuBuffer.Placement.Host);
            _staging[slot] = b;
        }
        return b;
    }

    private void Record(CommandBuffer cb, GpuBuffer staging, uint index, GpuBuffer? capture)
    {
        Vk api = _ctx.Api;
        VkCheck.Check(api.ResetCommandBuffer(cb, 0));
        var begin = new CommandBufferBeginInfo { SType = StructureType.CommandBufferBeginInfo, Flags = CommandBufferUsageFlags.OneTimeSubmitBit };
        VkCheck.Check(api.BeginCommandBuffer(cb, &begin));
        _swapchain.RecordUpload(api, cb, staging, index, capture);
        VkCheck.Check(api.EndCommandBuffer(cb));
    }

    private void Submit(int slot, uint index)
    {
        CommandBuffer cb = _commandBuffers[slot];
        Semaphore wait = _available[slot];
        Semaphore signal = _swapchain.Rendered(index);
        PipelineStageFlags stage = PipelineStageFlags.TransferBit;
        var submit = new SubmitInfo
        {
            SType = StructureType.SubmitInfo,
            CommandBufferCount = 1,
            PCommandBuffers = &cb,
            WaitSemaphoreCount = 1,
            PWaitSemaphores = &wait,
            PWaitDstStageMask = &stage,
            SignalSemaphoreCount = 1,
            PSignalSemaphores = &signal,
        };
        VkCheck.Check(_ctx.Api.QueueSubmit(_ctx.Queue, 1, &submit, _fences[slot]));
        _pending[slot] = true;
    }

    private void WaitSlot(int slot)
    {
        if (!_pending[slot])
        {
            return;
        }
        Fence fence = _fences[slot];
        Result result = _ctx.Api.WaitForFences(_ctx.DeviceHandle, 1, &fence, true, 120_000_000_000);
        if (result == Result.Timeout)
        {
            throw new SimRuntimeException("The GPU did not finish presenting a window frame within 120 s (driver hang?).");
        }
        VkCheck.Check(result, "vkWaitForFences");
        VkCheck.Check(_ctx.Api.ResetFences(_ctx.DeviceHandle, 1, &fence));
        _pending[slot] = false;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        for (int i = 0; i < SlotCount; i++)
        {
            if (_fences[i].Handle != 0)
            {
                WaitSlot(i);
            }
        }
        for (int i = 0; i < SlotCount; i++)
        {
            if (_fences[i].Handle != 0)
            {
                _ctx.Api.DestroyFence(_ctx.DeviceHandle, _fences[i], null);
                _ctx.Track(-1);
            }
            if (_available[i].Handle != 0)
            {
                _ctx.Api.DestroySemaphore(_ctx.DeviceHandle, _available[i], null);
                _ctx.Track(-1);
            }
            _staging[i]?.Dispose();
        }
        if (_pool.Handle != 0)
        {
            _ctx.Api.DestroyCommandPool(_ctx.DeviceHandle, _pool, null);
            _ctx.Track(-1);
        }
        _capture?.Dispose();
        _swapchain.Dispose();
        _renderer.OnPixelViewDisposed(this);
    }
}
