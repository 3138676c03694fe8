using Simulator.Rendering.Vulkan.Interop;

namespace Simulator.Rendering.Vulkan;

/// <summary>
/// The scene and sky pipelines for one set of render targets: colour only, or colour + depth + class + instance
/// (FULL_OUTPUTS shader variant). Layered rendering: the vertex shaders pick the layer (= env) per instance.
/// </summary>
internal sealed unsafe class PipelineSet : IDisposable
{
    public const uint ZFormat = VkConst.VK_FORMAT_D32_SFLOAT;
    public static readonly uint[] FullFormats =
        [VkConst.VK_FORMAT_R8G8B8A8_UNORM, VkConst.VK_FORMAT_R32_SFLOAT, VkConst.VK_FORMAT_R8_UINT, VkConst.VK_FORMAT_R32_UINT];

    private readonly VulkanContext _ctx;

    public PipelineSet(VulkanContext ctx, ulong layout, bool full)
    {
        _ctx = ctx;
        Full = full;
        string variant = full ? "full" : "color";
        ulong sceneVert = 0, sceneFrag = 0, skyVert = 0, skyFrag = 0;
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
    public ulong Scene { get; private set; }
    public ulong Sky { get; private set; }
    public int ColorAttachmentCount => Full ? 4 : 1;

    private ulong CreateModule(string name)
    {
        byte[] code = ShaderLibrary.Load(name);
        fixed (byte* p = code)
        {
            var info = new VkShaderModuleCreateInfo
            {
                sType = VkConst.VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO,
                codeSize = (nuint)code.Length,
                pCode = (uint*)p,
            };
            ulong module;
            VkCheck.Check(_ctx.Api.vkCreateShaderModule(_ctx.DeviceHandle, &info, null, &module));
            _ctx.Track(1);
            return module;
        }
    }

    private void DestroyModule(ulong module)
    {
        if (module != 0)
        {
            _ctx.Api.vkDestroyShaderModule(_ctx.DeviceHandle, module, null);
            _ctx.Track(-1);
        }
    }

    private ulong CreatePipeline(ulong layout, ulong vert, ulong frag, bool sky)
    {
        byte* main = stackalloc byte[] { (byte)'m', (byte)'a', (byte)'i', (byte)'n', 0 };
        VkPipelineShaderStageCreateInfo* stages = stackalloc VkPipelineShaderStageCreateInfo[2];
        stages[0] = new() { sType = VkConst.VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO, stage = VkConst.VK_SHADER_STAGE_VERTEX_BIT, module = vert, pName = main };
        stages[1] = new() { sType = VkConst.VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO, stage = VkConst.VK_SHADER_STAGE_FRAGMENT_BIT, module = frag, pName = main };
        // Binding 0: mesh vertices (position, normal, uv). Binding 1: one draw record per instance (DrawRecordGpu).
        VkVertexInputBindingDescription* bindings = stackalloc VkVertexInputBindingDescription[2];
        bindings[0] = new() { binding = 0, stride = 32, inputRate = VkConst.VK_VERTEX_INPUT_RATE_VERTEX };
        bindings[1] = new() { binding = 1, stride = (uint)sizeof(DrawRecordGpu), inputRate = VkConst.VK_VERTEX_INPUT_RATE_INSTANCE };
        const int AttributeCount = 3 + DrawRecordGpu.Locations;
        VkVertexInputAttributeDescription* attrs = stackalloc VkVertexInputAttributeDescription[AttributeCount];
        attrs[0] = new() { location = 0, format = VkConst.VK_FORMAT_R32G32B32_SFLOAT, offset = 0 };
        attrs[1] = new() { location = 1, format = VkConst.VK_FORMAT_R32G32B32_SFLOAT, offset = 12 };
        attrs[2] = new() { location = 2, format = VkConst.VK_FORMAT_R32G32_SFLOAT, offset = 24 };
        for (int i = 0; i < DrawRecordGpu.Locations; i++)
        {
            bool ids = i == DrawRecordGpu.Locations - 1;
            attrs[3 + i] = new()
            {
                location = (uint)(3 + i),
                binding = 1,
                format = ids ? VkConst.VK_FORMAT_R32G32B32A32_UINT : VkConst.VK_FORMAT_R32G32B32A32_SFLOAT,
                offset = (uint)(16 * i),
            };
        }
        var vertexInput = new VkPipelineVertexInputStateCreateInfo
        {
            sType = VkConst.VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO,
            vertexBindingDescriptionCount = sky ? 0u : 2u,
            pVertexBindingDescriptions = bindings,
            vertexAttributeDescriptionCount = sky ? 0u : AttributeCount,
            pVertexAttributeDescriptions = attrs,
        };
        var assembly = new VkPipelineInputAssemblyStateCreateInfo
        {
            sType = VkConst.VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO,
            topology = VkConst.VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST,
        };
        var viewport = new VkPipelineViewportStateCreateInfo
        {
            sType = VkConst.VK_STRUCTURE_TYPE_PIPELINE_VIEWPORT_STATE_CREATE_INFO,
            viewportCount = 1,
            scissorCount = 1,
        };
        // No culling: track and prop meshes are seen from both sides (two-sided lighting in the shader).
        var raster = new VkPipelineRasterizationStateCreateInfo
        {
            sType = VkConst.VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO,
            polygonMode = VkConst.VK_POLYGON_MODE_FILL,
            cullMode = VkConst.VK_CULL_MODE_NONE,
            frontFace = VkConst.VK_FRONT_FACE_COUNTER_CLOCKWISE,
            lineWidth = 1f,
        };
        var multisample = new VkPipelineMultisampleStateCreateInfo
        {
            sType = VkConst.VK_STRUCTURE_TYPE_PIPELINE_MULTISAMPLE_STATE_CREATE_INFO,
            rasterizationSamples = VkConst.VK_SAMPLE_COUNT_1_BIT,
        };
        // The sky is drawn last at z = 1 with LESS_OR_EQUAL so it only shades pixels no geometry covered.
        var depth = new VkPipelineDepthStencilStateCreateInfo
        {
            sType = VkConst.VK_STRUCTURE_TYPE_PIPELINE_DEPTH_STENCIL_STATE_CREATE_INFO,
            depthTestEnable = 1,
            depthWriteEnable = sky ? 0u : 1u,
            depthCompareOp = sky ? VkConst.VK_COMPARE_OP_LESS_OR_EQUAL : VkConst.VK_COMPARE_OP_LESS,
            maxDepthBounds = 1f,
        };
        int colorCount = ColorAttachmentCount;
        VkPipelineColorBlendAttachmentState* blends = stackalloc VkPipelineColorBlendAttachmentState[4];
        for (int i = 0; i < 4; i++)
        {
            blends[i] = new() { colorWriteMask = VkConst.VK_COLOR_COMPONENT_RGBA };
        }
        var blend = new VkPipelineColorBlendStateCreateInfo
        {
            sType = VkConst.VK_STRUCTURE_TYPE_PIPELINE_COLOR_BLEND_STATE_CREATE_INFO,
            attachmentCount = (uint)colorCount,
            pAttachments = blends,
        };
        uint* dynamicStates = stackalloc uint[] { VkConst.VK_DYNAMIC_STATE_VIEWPORT, VkConst.VK_DYNAMIC_STATE_SCISSOR };
        var dynamic = new VkPipelineDynamicStateCreateInfo
        {
            sType = VkConst.VK_STRUCTURE_TYPE_PIPELINE_DYNAMIC_STATE_CREATE_INFO,
            dynamicStateCount = 2,
            pDynamicStates = dynamicStates,
        };
        fixed (uint* formats = FullFormats)
        {
            var rendering = new VkPipelineRenderingCreateInfo
            {
                sType = VkConst.VK_STRUCTURE_TYPE_PIPELINE_RENDERING_CREATE_INFO,
                colorAttachmentCount = (uint)colorCount,
                pColorAttachmentFormats = formats,
                depthAttachmentFormat = ZFormat,
            };
            var info = new VkGraphicsPipelineCreateInfo
            {
                sType = VkConst.VK_STRUCTURE_TYPE_GRAPHICS_PIPELINE_CREATE_INFO,
                pNext = &rendering,
                stageCount = 2,
                pStages = stages,
                pVertexInputState = &vertexInput,
                pInputAssemblyState = &assembly,
                pViewportState = &viewport,
                pRasterizationState = &raster,
                pMultisampleState = &multisample,
                pDepthStencilState = &depth,
                pColorBlendState = &blend,
                pDynamicState = &dynamic,
                layout = layout,
                basePipelineIndex = -1,
            };
            ulong pipeline;
            VkCheck.Check(_ctx.Api.vkCreateGraphicsPipelines(_ctx.DeviceHandle, 0, 1, &info, null, &pipeline));
            _ctx.Track(1);
            return pipeline;
        }
    }

    public void Dispose()
    {
        if (Scene != 0)
        {
            _ctx.Api.vkDestroyPipeline(_ctx.DeviceHandle, Scene, null);
            _ctx.Track(-1);
            Scene = 0;
        }
        if (Sky != 0)
        {
            _ctx.Api.vkDestroyPipeline(_ctx.DeviceHandle, Sky, null);
            _ctx.Track(-1);
            Sky = 0;
        }
    }
}
