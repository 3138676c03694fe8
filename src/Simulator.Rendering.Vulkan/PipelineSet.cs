using Silk.NET.Vulkan;

namespace Simulator.Rendering.Vulkan;

/// <summary>
/// The scene and sky pipelines for one set of render targets: colour only, or colour + depth + class + instance
/// (FULL_OUTPUTS shader variant). Layered rendering: the vertex shaders pick the layer (= env) per instance.
/// </summary>
internal sealed unsafe class PipelineSet : IDisposable
{
    public const Format ZFormat = Format.D32Sfloat;
    public static readonly Format[] FullFormats = [Format.R8G8B8A8Unorm, Format.R32Sfloat, Format.R8Uint, Format.R32Uint];

    private readonly VulkanContext _ctx;

    public PipelineSet(VulkanContext ctx, PipelineLayout layout, bool full)
    {
        _ctx = ctx;
        Full = full;
        string variant = full ? "full" : "color";
        ShaderModule sceneVert = default, sceneFrag = default, skyVert = default, skyFrag = default;
        try
        {
            sceneVert = CreateModule("scene.vert.spv");
            sceneFrag = CreateModule($"scene_{variant}.frag.spv");
            skyVert = CreateModule("sky.vert.spv");
            skyFrag = CreateModule($"sky_{variant}.frag.spv");
            Scene = CreatePipeline(layout, sceneVert, sceneFrag, sky: false);
            Sky = CreatePipeline(layout, skyVert, skyFrag, sky: true);
        }
        catch
        {
            Dispose();
            throw;
        }
        finally
        {
            DestroyModule(sceneVert);
            DestroyModule(sceneFrag);
            DestroyModule(skyVert);
            DestroyModule(skyFrag);
        }
    }

    public bool Full { get; }
    public Pipeline Scene { get; private set; }
    public Pipeline Sky { get; private set; }
    public int ColorAttachmentCount => Full ? 4 : 1;

    private ShaderModule CreateModule(string name)
    {
        byte[] code = ShaderLibrary.Load(name);
        fixed (byte* p = code)
        {
            var info = new ShaderModuleCreateInfo
            {
                SType = StructureType.ShaderModuleCreateInfo,
                CodeSize = (nuint)code.Length,
                PCode = (uint*)p,
            };
            ShaderModule module;
            VkCheck.Check(_ctx.Api.CreateShaderModule(_ctx.DeviceHandle, &info, null, &module));
            _ctx.Track(1);
            return module;
        }
    }

    private void DestroyModule(ShaderModule module)
    {
        if (module.Handle != 0)
        {
            _ctx.Api.DestroyShaderModule(_ctx.DeviceHandle, module, null);
            _ctx.Track(-1);
        }
    }

    private Pipeline CreatePipeline(PipelineLayout layout, ShaderModule vert, ShaderModule frag, bool sky)
    {
        byte* main = stackalloc byte[] { (byte)'m', (byte)'a', (byte)'i', (byte)'n', 0 };
        PipelineShaderStageCreateInfo* stages = stackalloc PipelineShaderStageCreateInfo[2];
        stages[0] = new() { SType = StructureType.PipelineShaderStageCreateInfo, Stage = ShaderStageFlags.VertexBit, Module = vert, PName = main };
        stages[1] = new() { SType = StructureType.PipelineShaderStageCreateInfo, Stage = ShaderStageFlags.FragmentBit, Module = frag, PName = main };
        // Binding 0: mesh vertices (position, normal, uv). Binding 1: one draw record per instance (DrawRecordGpu).
        VertexInputBindingDescription* bindings = stackalloc VertexInputBindingDescription[2];
        bindings[0] = new() { Binding = 0, Stride = 32, InputRate = VertexInputRate.Vertex };
        bindings[1] = new() { Binding = 1, Stride = (uint)sizeof(DrawRecordGpu), InputRate = VertexInputRate.Instance };
        const int AttributeCount = 3 + DrawRecordGpu.Locations;
        VertexInputAttributeDescription* attrs = stackalloc VertexInputAttributeDescription[AttributeCount];
        attrs[0] = new() { Location = 0, Format = Format.R32G32B32Sfloat, Offset = 0 };
        attrs[1] = new() { Location = 1, Format = Format.R32G32B32Sfloat, Offset = 12 };
        attrs[2] = new() { Location = 2, Format = Format.R32G32Sfloat, Offset = 24 };
        for (int i = 0; i < DrawRecordGpu.Locations; i++)
        {
            bool ids = i == DrawRecordGpu.Locations - 1;
            attrs[3 + i] = new()
            {
                Location = (uint)(3 + i),
                Binding = 1,
                Format = ids ? Format.R32G32B32A32Uint : Format.R32G32B32A32Sfloat,
                Offset = (uint)(16 * i),
            };
        }
        var vertexInput = new PipelineVertexInputStateCreateInfo
        {
            SType = StructureType.PipelineVertexInputStateCreateInfo,
            VertexBindingDescriptionCount = sky ? 0u : 2u,
            PVertexBindingDescriptions = bindings,
            VertexAttributeDescriptionCount = sky ? 0u : AttributeCount,
            PVertexAttributeDescriptions = attrs,
        };
        var assembly = new PipelineInputAssemblyStateCreateInfo
        {
            SType = StructureType.PipelineInputAssemblyStateCreateInfo,
            Topology = PrimitiveTopology.TriangleList,
        };
        var viewport = new PipelineViewportStateCreateInfo
        {
            SType = StructureType.PipelineViewportStateCreateInfo,
            ViewportCount = 1,
            ScissorCount = 1,
        };
        // No culling: track and prop meshes are seen from both sides (two-sided lighting in the shader).
        var raster = new PipelineRasterizationStateCreateInfo
        {
            SType = StructureType.PipelineRasterizationStateCreateInfo,
            PolygonMode = PolygonMode.Fill,
            CullMode = CullModeFlags.None,
            FrontFace = FrontFace.CounterClockwise,
            LineWidth = 1f,
        };
        var multisample = new PipelineMultisampleStateCreateInfo
        {
            SType = StructureType.PipelineMultisampleStateCreateInfo,
            RasterizationSamples = SampleCountFlags.Count1Bit,
        };
        // The sky is drawn last at z = 1 with LESS_OR_EQUAL so it only shades pixels no geometry covered.
        var depth = new PipelineDepthStencilStateCreateInfo
        {
            SType = StructureType.PipelineDepthStencilStateCreateInfo,
            DepthTestEnable = true,
            DepthWriteEnable = !sky,
            DepthCompareOp = sky ? CompareOp.LessOrEqual : CompareOp.Less,
            MaxDepthBounds = 1f,
        };
        int colorCount = ColorAttachmentCount;
        const ColorComponentFlags Rgba = ColorComponentFlags.RBit | ColorComponentFlags.GBit | ColorComponentFlags.BBit | ColorComponentFlags.ABit;
        PipelineColorBlendAttachmentState* blends = stackalloc PipelineColorBlendAttachmentState[4];
        for (int i = 0; i < 4; i++)
        {
            blends[i] = new() { ColorWriteMask = Rgba };
        }
        var blend = new PipelineColorBlendStateCreateInfo
        {
            SType = StructureType.PipelineColorBlendStateCreateInfo,
            AttachmentCount = (uint)colorCount,
            PAttachments = blends,
        };
        DynamicState* dynamicStates = stackalloc DynamicState[] { DynamicState.Viewport, DynamicState.Scissor };
        var dynamic = new PipelineDynamicStateCreateInfo
        {
            SType = StructureType.PipelineDynamicStateCreateInfo,
            DynamicStateCount = 2,
            PDynamicStates = dynamicStates,
        };
        fixed (Format* formats = FullFormats)
        {
            var rendering = new PipelineRenderingCreateInfo
            {
                SType = StructureType.PipelineRenderingCreateInfo,
                ColorAttachmentCount = (uint)colorCount,
                PColorAttachmentFormats = formats,
                DepthAttachmentFormat = ZFormat,
            };
            var info = new GraphicsPipelineCreateInfo
            {
                SType = StructureType.GraphicsPipelineCreateInfo,
                PNext = &rendering,
                StageCount = 2,
                PStages = stages,
                PVertexInputState = &vertexInput,
                PInputAssemblyState = &assembly,
                PViewportState = &viewport,
                PRasterizationState = &raster,
                PMultisampleState = &multisample,
                PDepthStencilState = &depth,
                PColorBlendState = &blend,
                PDynamicState = &dynamic,
                Layout = layout,
                BasePipelineIndex = -1,
            };
            Pipeline pipeline;
            VkCheck.Check(_ctx.Api.CreateGraphicsPipelines(_ctx.DeviceHandle, default, 1, &info, null, &pipeline));
            _ctx.Track(1);
            return pipeline;
        }
    }

    public void Dispose()
    {
        if (Scene.Handle != 0)
        {
            _ctx.Api.DestroyPipeline(_ctx.DeviceHandle, Scene, null);
            _ctx.Track(-1);
            Scene = default;
        }
        if (Sky.Handle != 0)
        {
            _ctx.Api.DestroyPipeline(_ctx.DeviceHandle, Sky, null);
            _ctx.Track(-1);
            Sky = default;
        }
    }
}
