using Silk.NET.Vulkan;

namespace Simulator.Rendering.Vulkan;

/// <summary>A layered 2D render target (layer i = camera i) with its memory, one 2D-array view over all layers and,
/// when the batch renders in several passes, one view per pass over that pass's layers.</summary>
internal sealed unsafe class GpuImage : IDisposable
{
    private readonly VulkanContext _ctx;
    private DeviceMemory _memory;
    private readonly ImageView[] _passViews;

    /// <param name="passStarts">First layer of each render pass plus the layer count at the end (null: one pass).</param>
    public GpuImage(VulkanContext ctx, uint width, uint height, uint layers, Format format, ImageUsageFlags usage, ImageAspectFlags aspect, int[]? passStarts = null)
    {
        _ctx = ctx;
        int passes = passStarts == null ? 1 : passStarts.Length - 1;
        _passViews = new ImageView[passes];
        Format = format;
        Aspect = aspect;
        Layers = layers;
        var info = new ImageCreateInfo
        {
            SType = StructureType.ImageCreateInfo,
            ImageType = ImageType.Type2D,
            Format = format,
            Extent = new Extent3D { Width = width, Height = height, Depth = 1 },
            MipLevels = 1,
            ArrayLayers = layers,
            Samples = SampleCountFlags.Count1Bit,
            Tiling = ImageTiling.Optimal,
            Usage = usage,
            SharingMode = SharingMode.Exclusive,
            InitialLayout = ImageLayout.Undefined,
        };
        Image image;
        VkCheck.Check(ctx.Api.CreateImage(ctx.DeviceHandle, &info, null, &image));
        Handle = image;
        ctx.Track(1);
        try
        {
            MemoryRequirements req;
            ctx.Api.GetImageMemoryRequirements(ctx.DeviceHandle, image, &req);
            _memory = ctx.AllocateMemory(req, MemoryPropertyFlags.None, MemoryPropertyFlags.DeviceLocalBit);
            VkCheck.Check(ctx.Api.BindImageMemory(ctx.DeviceHandle, image, _memory, 0));
            var viewInfo = new ImageViewCreateInfo
            {
                SType = StructureType.ImageViewCreateInfo,
                Image = image,
                ViewType = ImageViewType.Type2DArray,
                Format = format,
                SubresourceRange = Range,
            };
            ImageView view;
            VkCheck.Check(ctx.Api.CreateImageView(ctx.DeviceHandle, &viewInfo, null, &view));
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
                    viewInfo.SubresourceRange = new ImageSubresourceRange
                    {
                        AspectMask = aspect,
                        LevelCount = 1,
                        BaseArrayLayer = (uint)passStarts![p],
                        LayerCount = (uint)(passStarts[p + 1] - passStarts[p]),
                    };
                    VkCheck.Check(ctx.Api.CreateImageView(ctx.DeviceHandle, &viewInfo, null, &view));
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

    public Image Handle { get; private set; }

    public ImageView View { get; private set; }

    /// <summary>The view over the layers of render pass <paramref name="pass"/> (the whole view with one pass).</summary>
    public ImageView PassView(int pass) => _passViews[pass];

    public Format Format { get; }

    public ImageAspectFlags Aspect { get; }

    public uint Layers { get; }

    public ImageSubresourceRange Range => new() { AspectMask = Aspect, LevelCount = 1, LayerCount = Layers };

    public void Dispose()
    {
        for (int p = 0; p < _passViews.Length; p++)
        {
            if (_passViews[p].Handle != 0 && _passViews[p].Handle != View.Handle)
            {
                _ctx.Api.DestroyImageView(_ctx.DeviceHandle, _passViews[p], null);
                _ctx.Track(-1);
            }
            _passViews[p] = default;
        }
        if (View.Handle != 0)
        {
            _ctx.Api.DestroyImageView(_ctx.DeviceHandle, View, null);
            _ctx.Track(-1);
            View = default;
        }
        if (Handle.Handle != 0)
        {
            _ctx.Api.DestroyImage(_ctx.DeviceHandle, Handle, null);
            _ctx.Track(-1);
            Handle = default;
        }
        _ctx.FreeMemory(_memory);
        _memory = default;
    }
}
