using Simulator.Rendering.Vulkan.Interop;

namespace Simulator.Rendering.Vulkan;

/// <summary>A layered 2D render target (layer i = camera i) with its memory, one 2D-array view over all layers and,
/// when the batch renders in several passes, one view per pass over that pass's layers.</summary>
internal sealed unsafe class GpuImage : IDisposable
{
    private readonly VulkanContext _ctx;
    private ulong _memory;
    private readonly ulong[] _passViews;

    /// <param name="passStarts">First layer of each render pass plus the layer count at the end (null: one pass).</param>
    public GpuImage(VulkanContext ctx, uint width, uint height, uint layers, uint format, uint usage, uint aspect, int[]? passStarts = null)
    {
        _ctx = ctx;
        int passes = passStarts == null ? 1 : passStarts.Length - 1;
        _passViews = new ulong[passes];
        Format = format;
        Aspect = aspect;
        Layers = layers;
        var info = new VkImageCreateInfo
        {
            sType = VkConst.VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO,
            imageType = VkConst.VK_IMAGE_TYPE_2D,
            format = format,
            extent = new VkExtent3D { width = width, height = height, depth = 1 },
            mipLevels = 1,
            arrayLayers = layers,
            samples = VkConst.VK_SAMPLE_COUNT_1_BIT,
            tiling = VkConst.VK_IMAGE_TILING_OPTIMAL,
            usage = usage,
            sharingMode = VkConst.VK_SHARING_MODE_EXCLUSIVE,
            initialLayout = VkConst.VK_IMAGE_LAYOUT_UNDEFINED,
        };
        ulong image;
        VkCheck.Check(ctx.Api.vkCreateImage(ctx.DeviceHandle, &info, null, &image));
        Handle = image;
        ctx.Track(1);
        try
        {
            VkMemoryRequirements req;
            ctx.Api.vkGetImageMemoryRequirements(ctx.DeviceHandle, image, &req);
            _memory = ctx.AllocateMemory(req, 0, VkConst.VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
            VkCheck.Check(ctx.Api.vkBindImageMemory(ctx.DeviceHandle, image, _memory, 0));
            var viewInfo = new VkImageViewCreateInfo
            {
                sType = VkConst.VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO,
                image = image,
                viewType = VkConst.VK_IMAGE_VIEW_TYPE_2D_ARRAY,
                format = format,
                subresourceRange = Range,
            };
            ulong view;
            VkCheck.Check(ctx.Api.vkCreateImageView(ctx.DeviceHandle, &viewInfo, null, &view));
            View = view;
            ctx.Track(1);
            if (passes == 1)
            {
                _passViews[0] = view;
            }
            else
            {
                for (int p = 0; p < passes; p++)
                {
                    viewInfo.subresourceRange = new VkImageSubresourceRange
                    {
                        aspectMask = aspect,
                        levelCount = 1,
                        baseArrayLayer = (uint)passStarts![p],
                        layerCount = (uint)(passStarts[p + 1] - passStarts[p]),
                    };
                    VkCheck.Check(ctx.Api.vkCreateImageView(ctx.DeviceHandle, &viewInfo, null, &view));
                    _passViews[p] = view;
                    ctx.Track(1);
                }
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public ulong Handle { get; private set; }

    public ulong View { get; private set; }

    /// <summary>The view over the layers of render pass <paramref name="pass"/> (the whole view with one pass).</summary>
    public ulong PassView(int pass) => _passViews[pass];

    public uint Format { get; }

    public uint Aspect { get; }

    public uint Layers { get; }

    public VkImageSubresourceRange Range => new() { aspectMask = Aspect, levelCount = 1, layerCount = Layers };

    public void Dispose()
    {
        for (int p = 0; p < _passViews.Length; p++)
        {
            if (_passViews[p] != 0 && _passViews[p] != View)
            {
                _ctx.Api.vkDestroyImageView(_ctx.DeviceHandle, _passViews[p], null);
                _ctx.Track(-1);
            }
            _passViews[p] = 0;
        }
        if (View != 0)
        {
            _ctx.Api.vkDestroyImageView(_ctx.DeviceHandle, View, null);
            _ctx.Track(-1);
            View = 0;
        }
        if (Handle != 0)
        {
            _ctx.Api.vkDestroyImage(_ctx.DeviceHandle, Handle, null);
            _ctx.Track(-1);
            Handle = 0;
        }
        _ctx.FreeMemory(_memory);
        _memory = 0;
    }
}
