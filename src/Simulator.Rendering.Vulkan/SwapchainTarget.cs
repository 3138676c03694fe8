using Silk.NET.Vulkan;
using Simulator.Core;
using Simulator.Rendering.Vulkan.Interop;
using Semaphore = Silk.NET.Vulkan.Semaphore;

namespace Simulator.Rendering.Vulkan;

/// <summary>
/// The presentable render target: a swapchain on the context's window surface. A frame renders into the batch's
/// colour attachment as usual; <see cref="RecordBlit"/> then copies (and scales, and converts to the surface's
/// format) layer 0 into the acquired swapchain image, which <see cref="Present"/> queues for display. Owns the
/// swapchain and one "rendered" semaphore per swapchain image.
/// </summary>
internal sealed unsafe class SwapchainTarget : IDisposable
{
    private readonly VulkanContext _ctx;
    private readonly KhrEntryPoints _khr;
    private SwapchainKHR _swapchain;
    private Image[] _images = [];
    private Semaphore[] _rendered = [];

    public SwapchainTarget(VulkanContext ctx, int width, int height, bool vsync)
    {
        _ctx = ctx;
        _khr = ctx.Khr ?? throw new InvalidOperationException(
            "this Vulkan context cannot present: create it with RendererOptions.Presentation (a window surface)");
        VSync = vsync;
        Recreate(width, height);
    }

    public bool VSync { get; }
    public Format Format { get; private set; }
    public PresentModeKHR PresentMode { get; private set; }
    public int Width { get; private set; }
    public int Height { get; private set; }

    /// <summary>True when the surface lets presented images be copied back (screenshots of what is displayed).</summary>
    public bool CanCapture { get; private set; }

    /// <summary>(Re)creates the swapchain for the surface's current size (the window's framebuffer size when the
    /// surface does not fix one). Waits for the device first, so no frame still uses the old images.</summary>
    public void Recreate(int width, int height)
    {
        VkCheck.Check(_ctx.Api.DeviceWaitIdle(_ctx.DeviceHandle));
        SurfaceCapabilitiesKHR caps;
        VkCheck.Check(_khr.vkGetPhysicalDeviceSurfaceCapabilitiesKHR(_ctx.PhysicalHandle, _ctx.Surface, &caps), "vkGetPhysicalDeviceSurfaceCapabilitiesKHR");
        Extent2D extent = caps.CurrentExtent.Width != uint.MaxValue ? caps.CurrentExtent : new Extent2D(
            Math.Clamp((uint)Math.Max(width, 1), caps.MinImageExtent.Width, caps.MaxImageExtent.Width),
            Math.Clamp((uint)Math.Max(height, 1), caps.MinImageExtent.Height, caps.MaxImageExtent.Height));
        if ((caps.SupportedUsageFlags & ImageUsageFlags.TransferDstBit) == 0)
        {
            throw new SimRuntimeException("the window surface does not accept transfer writes (VK_IMAGE_USAGE_TRANSFER_DST_BIT), which presenting needs");
        }
        CanCapture = (caps.SupportedUsageFlags & ImageUsageFlags.TransferSrcBit) != 0;
        SurfaceFormatKHR format = ChooseFormat();
        PresentModeKHR mode = ChoosePresentMode();
        uint count = Math.Max(caps.MinImageCount + 1, 2);
        if (caps.MaxImageCount > 0)
        {
            count = Math.Min(count, caps.MaxImageCount);
        }
        uint* families = stackalloc uint[] { _ctx.QueueFamily, _ctx.PresentQueueFamily };
        bool shared = _ctx.QueueFamily != _ctx.PresentQueueFamily;
        SwapchainKHR old = _swapchain;
        var info = new SwapchainCreateInfoKHR
        {
            SType = StructureType.SwapchainCreateInfoKhr,
            Surface = _ctx.Surface,
            MinImageCount = count,
            ImageFormat = format.Format,
            ImageColorSpace = format.ColorSpace,
            ImageExtent = extent,
            ImageArrayLayers = 1,
            ImageUsage = ImageUsageFlags.TransferDstBit | ImageUsageFlags.ColorAttachmentBit
                | (CanCapture ? ImageUsageFlags.TransferSrcBit : 0),
            ImageSharingMode = shared ? SharingMode.Concurrent : SharingMode.Exclusive,
            QueueFamilyIndexCount = shared ? 2u : 0u,
            PQueueFamilyIndices = shared ? families : null,
            PreTransform = caps.CurrentTransform,
            CompositeAlpha = (caps.SupportedCompositeAlpha & CompositeAlphaFlagsKHR.OpaqueBitKhr) != 0
                ? CompositeAlphaFlagsKHR.OpaqueBitKhr : CompositeAlphaFlagsKHR.InheritBitKhr,
            PresentMode = mode,
            Clipped = true,
            OldSwapchain = old,
        };
        SwapchainKHR swapchain;
        VkCheck.Check(_khr.vkCreateSwapchainKHR(_ctx.DeviceHandle, &info, null, &swapchain), "vkCreateSwapchainKHR");
        _ctx.Track(1);
        DestroySwapchain(old);
        _swapchain = swapchain;
        uint n;
        VkCheck.Check(_khr.vkGetSwapchainImagesKHR(_ctx.DeviceHandle, swapchain, &n, null), "vkGetSwapchainImagesKHR");
        _images = new Image[n];
        fixed (Image* images = _images)
        {
            VkCheck.Check(_khr.vkGetSwapchainImagesKHR(_ctx.DeviceHandle, swapchain, &n, images), "vkGetSwapchainImagesKHR");
        }
        _rendered = new Semaphore[n];
        var semInfo = new SemaphoreCreateInfo { SType = StructureType.SemaphoreCreateInfo };
        for (int i = 0; i < n; i++)
        {
            Semaphore s;
            VkCheck.Check(_ctx.Api.CreateSemaphore(_ctx.DeviceHandle, &semInfo, null, &s));
            _ctx.Track(1);
            _rendered[i] = s;
        }
        Format = format.Format;
        PresentMode = mode;
        Width = (int)extent.Width;
        Height = (int)extent.Height;
    }

    /// <summary>Acquires the next image; false when the swapchain is out of date (recreate and try again).</summary>
    public bool Acquire(Semaphore available, out uint index)
    {
        uint i;
        Result r = _khr.vkAcquireNextImageKHR(_ctx.DeviceHandle, _swapchain, ulong.MaxValue, available, default, &i);
        index = i;
        if (r == Result.ErrorOutOfDateKhr)
        {
            return false;
        }
        if (r != Result.SuboptimalKhr)
        {
            VkCheck.Check(r, "vkAcquireNextImageKHR");
        }
        return true;
    }

    /// <summary>Semaphore the frame that renders into image <paramref name="index"/> signals; presenting waits on it.</summary>
    public Semaphore Rendered(uint index) => _rendered[index];

    /// <summary>
    /// Records the copy of layer 0 of <paramref name="source"/> (in ColorAttachmentOptimal, <paramref name="width"/>
    /// × <paramref name="height"/>) into swapchain image <paramref name="index"/>, scaled to the swapchain's size,
    /// and leaves that image ready to present. With <paramref name="capture"/>, the displayed image is also copied
    /// into that host buffer (tightly packed, in the swapchain's <see cref="Format"/>).
    /// </summary>
    public void RecordBlit(Vk api, CommandBuffer cb, Image source, int width, int height, uint index, GpuBuffer? capture = null)
    {
        Image target = _images[index];
        ImageMemoryBarrier* before = stackalloc ImageMemoryBarrier[2];
        before[0] = Barriers.Image(source, Barriers.Color(1), AccessFlags.ColorAttachmentWriteBit, AccessFlags.TransferReadBit,
            ImageLayout.ColorAttachmentOptimal, ImageLayout.TransferSrcOptimal);
        before[1] = Barriers.Image(target, Barriers.Color(1), AccessFlags.None, AccessFlags.TransferWriteBit,
            ImageLayout.Undefined, ImageLayout.TransferDstOptimal);
        api.CmdPipelineBarrier(cb, PipelineStageFlags.ColorAttachmentOutputBit | PipelineStageFlags.TransferBit, PipelineStageFlags.TransferBit,
            0, 0, (MemoryBarrier*)null, 0, (BufferMemoryBarrier*)null, 2, before);
        var layers = new ImageSubresourceLayers { AspectMask = ImageAspectFlags.ColorBit, LayerCount = 1 };
        var blit = new ImageBlit { SrcSubresource = layers, DstSubresource = layers };
        blit.SrcOffsets.Element1 = new Offset3D(width, height, 1);
        blit.DstOffsets.Element1 = new Offset3D(Width, Height, 1);
        Filter filter = width == Width && height == Height ? Filter.Nearest : Filter.Linear;
        api.CmdBlitImage(cb, source, ImageLayout.TransferSrcOptimal, target, ImageLayout.TransferDstOptimal, 1, &blit, filter);
        RecordCaptureAndPresentLayout(api, cb, target, capture);
    }

    /// <summary>Records the copy of a tightly packed host image (swapchain size and format) into swapchain image
    /// <paramref name="index"/>, optionally reads it back into <paramref name="capture"/>, and leaves it ready to present.</summary>
    public void RecordUpload(Vk api, CommandBuffer cb, GpuBuffer source, uint index, GpuBuffer? capture)
    {
        Image target = _images[index];
        ImageMemoryBarrier toDst = Barriers.Image(target, Barriers.Color(1), AccessFlags.None, AccessFlags.TransferWriteBit,
            ImageLayout.Undefined, ImageLayout.TransferDstOptimal);
        api.CmdPipelineBarrier(cb, PipelineStageFlags.TransferBit, PipelineStageFlags.TransferBit,
            0, 0, (MemoryBarrier*)null, 0, (BufferMemoryBarrier*)null, 1, &toDst);
        var layers = new ImageSubresourceLayers { AspectMask = ImageAspectFlags.ColorBit, LayerCount = 1 };
        var region = new BufferImageCopy
        {
            ImageSubresource = layers,
            ImageExtent = new Extent3D { Width = (uint)Width, Height = (uint)Height, Depth = 1 },
        };
        api.CmdCopyBufferToImage(cb, source.Handle, target, ImageLayout.TransferDstOptimal, 1, &region);
        RecordCaptureAndPresentLayout(api, cb, target, capture);
    }

    /// <summary>After a transfer wrote the whole of <paramref name="target"/> (in TransferDstOptimal): optionally copies
    /// it into <paramref name="capture"/> for the host, then moves it to the present layout.</summary>
    private void RecordCaptureAndPresentLayout(Vk api, CommandBuffer cb, Image target, GpuBuffer? capture)
    {
        ImageLayout layout = ImageLayout.TransferDstOptimal;
        if (capture != null)
        {
            ImageMemoryBarrier toSource = Barriers.Image(target, Barriers.Color(1), AccessFlags.TransferWriteBit, AccessFlags.TransferReadBit,
                layout, ImageLayout.TransferSrcOptimal);
            api.CmdPipelineBarrier(cb, PipelineStageFlags.TransferBit, PipelineStageFlags.TransferBit,
                0, 0, (MemoryBarrier*)null, 0, (BufferMemoryBarrier*)null, 1, &toSource);
            layout = ImageLayout.TransferSrcOptimal;
            var region = new BufferImageCopy
            {
                ImageSubresource = new ImageSubresourceLayers { AspectMask = ImageAspectFlags.ColorBit, LayerCount = 1 },
                ImageExtent = new Extent3D { Width = (uint)Width, Height = (uint)Height, Depth = 1 },
            };
            api.CmdCopyImageToBuffer(cb, target, layout, capture.Handle, 1, &region);
            var toHost = Barriers.HostRead(capture.Handle);
            api.CmdPipelineBarrier(cb, PipelineStageFlags.TransferBit, PipelineStageFlags.HostBit, 0, 0, (MemoryBarrier*)null, 1, &toHost, 0, (ImageMemoryBarrier*)null);
        }
        ImageMemoryBarrier toPresent = Barriers.Image(target, Barriers.Color(1), AccessFlags.TransferWriteBit | AccessFlags.TransferReadBit, AccessFlags.None,
            layout, ImageLayout.PresentSrcKhr);
        api.CmdPipelineBarrier(cb, PipelineStageFlags.TransferBit, PipelineStageFlags.BottomOfPipeBit,
            0, 0, (MemoryBarrier*)null, 0, (BufferMemoryBarrier*)null, 1, &toPresent);
    }

    /// <summary>Queues image <paramref name="index"/> for display; false when the swapchain is out of date or
    /// suboptimal (recreate it).</summary>
    public bool Present(uint index)
    {
        SwapchainKHR swapchain = _swapchain;
        Semaphore wait = _rendered[index];
        var info = new PresentInfoKHR
        {
            SType = StructureType.PresentInfoKhr,
            WaitSemaphoreCount = 1,
            PWaitSemaphores = &wait,
            SwapchainCount = 1,
            PSwapchains = &swapchain,
            PImageIndices = &index,
        };
        Result r = _khr.vkQueuePresentKHR(_ctx.PresentQueue, &info);
        if (r is Result.ErrorOutOfDateKhr or Result.SuboptimalKhr)
        {
            return false;
        }
        VkCheck.Check(r, "vkQueuePresentKHR");
        return true;
    }

    private SurfaceFormatKHR ChooseFormat()
    {
        uint n;
        VkCheck.Check(_khr.vkGetPhysicalDeviceSurfaceFormatsKHR(_ctx.PhysicalHandle, _ctx.Surface, &n, null), "vkGetPhysicalDeviceSurfaceFormatsKHR");
        var formats = new SurfaceFormatKHR[n];
        fixed (SurfaceFormatKHR* f = formats)
        {
            VkCheck.Check(_khr.vkGetPhysicalDeviceSurfaceFormatsKHR(_ctx.PhysicalHandle, _ctx.Surface, &n, f), "vkGetPhysicalDeviceSurfaceFormatsKHR");
        }
        if (n == 0)
        {
            throw new SimRuntimeException("the window surface reports no image formats");
        }
        // The camera image is UNORM (the sensor's bytes); a UNORM swapchain shows the same bytes the agent sees.
        foreach (SurfaceFormatKHR f in formats)
        {
            if (f.Format is Format.B8G8R8A8Unorm or Format.R8G8B8A8Unorm)
            {
                return f;
            }
        }
        return formats[0];
    }

    private PresentModeKHR ChoosePresentMode()
    {
        if (VSync)
        {
            return PresentModeKHR.FifoKhr; // always supported
        }
        uint n;
        VkCheck.Check(_khr.vkGetPhysicalDeviceSurfacePresentModesKHR(_ctx.PhysicalHandle, _ctx.Surface, &n, null), "vkGetPhysicalDeviceSurfacePresentModesKHR");
        PresentModeKHR* modes = stackalloc PresentModeKHR[(int)n];
        VkCheck.Check(_khr.vkGetPhysicalDeviceSurfacePresentModesKHR(_ctx.PhysicalHandle, _ctx.Surface, &n, modes), "vkGetPhysicalDeviceSurfacePresentModesKHR");
        PresentModeKHR best = PresentModeKHR.FifoKhr;
        for (int i = 0; i < n; i++)
        {
            if (modes[i] == PresentModeKHR.MailboxKhr)
            {
                return PresentModeKHR.MailboxKhr;
            }
            if (modes[i] == PresentModeKHR.ImmediateKhr)
            {
                best = PresentModeKHR.ImmediateKhr;
            }
        }
        return best;
    }

    private void DestroySwapchain(SwapchainKHR swapchain)
    {
        foreach (Semaphore s in _rendered)
        {
            _ctx.Api.DestroySemaphore(_ctx.DeviceHandle, s, null);
            _ctx.Track(-1);
        }
        _rendered = [];
        _images = [];
        if (swapchain.Handle != 0)
        {
            _khr.vkDestroySwapchainKHR(_ctx.DeviceHandle, swapchain, null);
            _ctx.Track(-1);
        }
    }

    public void Dispose()
    {
        if (_swapchain.Handle == 0)
        {
            return;
        }
        VkCheck.Check(_ctx.Api.DeviceWaitIdle(_ctx.DeviceHandle));
        DestroySwapchain(_swapchain);
        _swapchain = default;
    }
}
