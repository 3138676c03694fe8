using System.Runtime.InteropServices;

namespace Simulator.Rendering.Vulkan.Interop;

// Native layouts declare every field, including those only the driver writes or that stay zero.
#pragma warning disable CS0649

// Pipeline and dynamic-rendering structures (exact C layouts).

internal unsafe struct VkShaderModuleCreateInfo
{
    public uint sType;
    public void* pNext;
    public uint flags;
    public nuint codeSize;
    public uint* pCode;
}

internal struct VkPushConstantRange
{
    public uint stageFlags;
    public uint offset;
    public uint size;
}

internal unsafe struct VkPipelineLayoutCreateInfo
{
    public uint sType;
    public void* pNext;
    public uint flags;
    public uint setLayoutCount;
    public ulong* pSetLayouts;
    public uint pushConstantRangeCount;
    public VkPushConstantRange* pPushConstantRanges;
}

internal unsafe struct VkPipelineShaderStageCreateInfo
{
    public uint sType;
    public void* pNext;
    public uint flags;
    public uint stage;
    public ulong module;
    public byte* pName;
    public void* pSpecializationInfo;
}

internal struct VkVertexInputBindingDescription
{
    public uint binding;
    public uint stride;
    public uint inputRate;
}

internal struct VkVertexInputAttributeDescription
{
    public uint location;
    public uint binding;
    public uint format;
    public uint offset;
}

internal unsafe struct VkPipelineVertexInputStateCreateInfo
{
    public uint sType;
    public void* pNext;
    public uint flags;
    public uint vertexBindingDescriptionCount;
    public VkVertexInputBindingDescription* pVertexBindingDescriptions;
    public uint vertexAttributeDescriptionCount;
    public VkVertexInputAttributeDescription* pVertexAttributeDescriptions;
}

internal unsafe struct VkPipelineInputAssemblyStateCreateInfo
{
    public uint sType;
    public void* pNext;
    public uint flags;
    public uint topology;
    public uint primitiveRestartEnable;
}

internal unsafe struct VkPipelineViewportStateCreateInfo
{
    public uint sType;
    public void* pNext;
    public uint flags;
    public uint viewportCount;
    public VkViewport* pViewports;
    public uint scissorCount;
    public VkRect2D* pScissors;
}

internal unsafe struct VkPipelineRasterizationStateCreateInfo
{
    public uint sType;
    public void* pNext;
    public uint flags;
    public uint depthClampEnable;
    public uint rasterizerDiscardEnable;
    public uint polygonMode;
    public uint cullMode;
    public uint frontFace;
    public uint depthBiasEnable;
    public float depthBiasConstantFactor;
    public float depthBiasClamp;
    public float depthBiasSlopeFactor;
    public float lineWidth;
}

internal unsafe struct VkPipelineMultisampleStateCreateInfo
{
    public uint sType;
    public void* pNext;
    public uint flags;
    public uint rasterizationSamples;
    public uint sampleShadingEnable;
    public float minSampleShading;
    public uint* pSampleMask;
    public uint alphaToCoverageEnable;
    public uint alphaToOneEnable;
}

internal struct VkStencilOpState
{
    public uint failOp;
    public uint passOp;
    public uint depthFailOp;
    public uint compareOp;
    public uint compareMask;
    public uint writeMask;
    public uint reference;
}

internal unsafe struct VkPipelineDepthStencilStateCreateInfo
{
    public uint sType;
    public void* pNext;
    public uint flags;
    public uint depthTestEnable;
    public uint depthWriteEnable;
    public uint depthCompareOp;
    public uint depthBoundsTestEnable;
    public uint stencilTestEnable;
    public VkStencilOpState front;
    public VkStencilOpState back;
    public float minDepthBounds;
    public float maxDepthBounds;
}

internal struct VkPipelineColorBlendAttachmentState
{
    public uint blendEnable;
    public uint srcColorBlendFactor;
    public uint dstColorBlendFactor;
    public uint colorBlendOp;
    public uint srcAlphaBlendFactor;
    public uint dstAlphaBlendFactor;
    public uint alphaBlendOp;
    public uint colorWriteMask;
}

internal unsafe struct VkPipelineColorBlendStateCreateInfo
{
    public uint sType;
    public void* pNext;
    public uint flags;
    public uint logicOpEnable;
    public uint logicOp;
    public uint attachmentCount;
    public VkPipelineColorBlendAttachmentState* pAttachments;
    public fixed float blendConstants[4];
}

internal unsafe struct VkPipelineDynamicStateCreateInfo
{
    public uint sType;
    public void* pNext;
    public uint flags;
    public uint dynamicStateCount;
    public uint* pDynamicStates;
}

internal unsafe struct VkPipelineRenderingCreateInfo
{
    public uint sType;
    public void* pNext;
    public uint viewMask;
    public uint colorAttachmentCount;
    public uint* pColorAttachmentFormats;
    public uint depthAttachmentFormat;
    public uint stencilAttachmentFormat;
}

internal unsafe struct VkGraphicsPipelineCreateInfo
{
    public uint sType;
    public void* pNext;
    public uint flags;
    public uint stageCount;
    public VkPipelineShaderStageCreateInfo* pStages;
    public VkPipelineVertexInputStateCreateInfo* pVertexInputState;
    public VkPipelineInputAssemblyStateCreateInfo* pInputAssemblyState;
    public void* pTessellationState;
    public VkPipelineViewportStateCreateInfo* pViewportState;
    public VkPipelineRasterizationStateCreateInfo* pRasterizationState;
    public VkPipelineMultisampleStateCreateInfo* pMultisampleState;
    public VkPipelineDepthStencilStateCreateInfo* pDepthStencilState;
    public VkPipelineColorBlendStateCreateInfo* pColorBlendState;
    public VkPipelineDynamicStateCreateInfo* pDynamicState;
    public ulong layout;
    public ulong renderPass;
    public uint subpass;
    public ulong basePipelineHandle;
    public int basePipelineIndex;
}

internal struct VkViewport
{
    public float x;
    public float y;
    public float width;
    public float height;
    public float minDepth;
    public float maxDepth;
}

internal struct VkOffset2D
{
    public int x;
    public int y;
}

internal struct VkExtent2D
{
    public uint width;
    public uint height;
}

internal struct VkRect2D
{
    public VkOffset2D offset;
    public VkExtent2D extent;
}

/// <summary>Union of float32[4] / uint32[4] colour and {depth, stencil}.</summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
internal unsafe struct VkClearValue
{
    [FieldOffset(0)] public fixed float float32[4];
    [FieldOffset(0)] public fixed uint uint32[4];
    [FieldOffset(0)] public float depth;
    [FieldOffset(4)] public uint stencil;
}

internal unsafe struct VkRenderingAttachmentInfo
{
    public uint sType;
    public void* pNext;
    public ulong imageView;
    public uint imageLayout;
    public uint resolveMode;
    public ulong resolveImageView;
    public uint resolveImageLayout;
    public uint loadOp;
    public uint storeOp;
    public VkClearValue clearValue;
}

internal unsafe struct VkRenderingInfo
{
    public uint sType;
    public void* pNext;
    public uint flags;
    public VkRect2D renderArea;
    public uint layerCount;
    public uint viewMask;
    public uint colorAttachmentCount;
    public VkRenderingAttachmentInfo* pColorAttachments;
    public VkRenderingAttachmentInfo* pDepthAttachment;
    public VkRenderingAttachmentInfo* pStencilAttachment;
}
