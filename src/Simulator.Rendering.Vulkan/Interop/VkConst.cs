namespace Simulator.Rendering.Vulkan.Interop;

/// <summary>Vulkan enum and flag values used by the renderer, with the native names from vulkan_core.h.</summary>
internal static class VkConst
{
    public const uint VK_API_VERSION_1_3 = (1u << 22) | (3u << 12);
    public const uint VK_QUEUE_FAMILY_IGNORED = ~0u;
    public const ulong VK_WHOLE_SIZE = ~0ul;

    public const uint VK_STRUCTURE_TYPE_APPLICATION_INFO = 0;
    public const uint VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO = 1;
    public const uint VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO = 2;
    public const uint VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO = 3;
    public const uint VK_STRUCTURE_TYPE_SUBMIT_INFO = 4;
    public const uint VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO = 5;
    public const uint VK_STRUCTURE_TYPE_FENCE_CREATE_INFO = 8;
    public const uint VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO = 12;
    public const uint VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO = 14;
    public const uint VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO = 15;
    public const uint VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO = 16;
    public const uint VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO = 18;
    public const uint VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO = 19;
    public const uint VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO = 20;
    public const uint VK_STRUCTURE_TYPE_PIPELINE_VIEWPORT_STATE_CREATE_INFO = 22;
    public const uint VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO = 23;
    public const uint VK_STRUCTURE_TYPE_PIPELINE_MULTISAMPLE_STATE_CREATE_INFO = 24;
    public const uint VK_STRUCTURE_TYPE_PIPELINE_DEPTH_STENCIL_STATE_CREATE_INFO = 25;
    public const uint VK_STRUCTURE_TYPE_PIPELINE_COLOR_BLEND_STATE_CREATE_INFO = 26;
    public const uint VK_STRUCTURE_TYPE_PIPELINE_DYNAMIC_STATE_CREATE_INFO = 27;
    public const uint VK_STRUCTURE_TYPE_GRAPHICS_PIPELINE_CREATE_INFO = 28;
    public const uint VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO = 30;
    public const uint VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO = 32;
    public const uint VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO = 33;
    public const uint VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO = 34;
    public const uint VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET = 35;
    public const uint VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO = 39;
    public const uint VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO = 40;
    public const uint VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO = 42;
    public const uint VK_STRUCTURE_TYPE_BUFFER_MEMORY_BARRIER = 44;
    public const uint VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER = 45;
    public const uint VK_STRUCTURE_TYPE_MEMORY_BARRIER = 46;
    public const uint VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES = 51;
    public const uint VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES = 53;
    public const uint VK_STRUCTURE_TYPE_RENDERING_INFO = 1000044000;
    public const uint VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO = 1000044001;
    public const uint VK_STRUCTURE_TYPE_PIPELINE_RENDERING_CREATE_INFO = 1000044002;
    public const uint VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CALLBACK_DATA_EXT = 1000128003;
    public const uint VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT = 1000128004;

    public const int VK_SUCCESS = 0;
    public const int VK_NOT_READY = 1;
    public const int VK_TIMEOUT = 2;
    public const int VK_INCOMPLETE = 5;
    public const int VK_ERROR_OUT_OF_HOST_MEMORY = -1;
    public const int VK_ERROR_OUT_OF_DEVICE_MEMORY = -2;
    public const int VK_ERROR_INITIALIZATION_FAILED = -3;
    public const int VK_ERROR_DEVICE_LOST = -4;
    public const int VK_ERROR_LAYER_NOT_PRESENT = -6;
    public const int VK_ERROR_EXTENSION_NOT_PRESENT = -7;
    public const int VK_ERROR_FEATURE_NOT_PRESENT = -8;
    public const int VK_ERROR_INCOMPATIBLE_DRIVER = -9;

    public const uint VK_PHYSICAL_DEVICE_TYPE_OTHER = 0;
    public const uint VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU = 1;
    public const uint VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU = 2;
    public const uint VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU = 3;
    public const uint VK_PHYSICAL_DEVICE_TYPE_CPU = 4;

    public const uint VK_QUEUE_GRAPHICS_BIT = 0x1;

    public const uint VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT = 0x1;
    public const uint VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT = 0x2;
    public const uint VK_MEMORY_PROPERTY_HOST_COHERENT_BIT = 0x4;
    public const uint VK_MEMORY_PROPERTY_HOST_CACHED_BIT = 0x8;

    public const uint VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT = 0x100;
    public const uint VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT = 0x1000;
    public const uint VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT = 0x1;
    public const uint VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT = 0x2;
    public const uint VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT = 0x4;

    public const uint VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT = 0x2;
    public const uint VK_COMMAND_BUFFER_LEVEL_PRIMARY = 0;
    public const uint VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT = 0x1;
    public const uint VK_FENCE_CREATE_SIGNALED_BIT = 0x1;

    public const uint VK_BUFFER_USAGE_TRANSFER_SRC_BIT = 0x1;
    public const uint VK_BUFFER_USAGE_TRANSFER_DST_BIT = 0x2;
    public const uint VK_BUFFER_USAGE_STORAGE_BUFFER_BIT = 0x20;
    public const uint VK_BUFFER_USAGE_INDEX_BUFFER_BIT = 0x40;
    public const uint VK_BUFFER_USAGE_VERTEX_BUFFER_BIT = 0x80;
    public const uint VK_SHARING_MODE_EXCLUSIVE = 0;

    public const uint VK_IMAGE_TYPE_2D = 1;
    public const uint VK_IMAGE_VIEW_TYPE_2D_ARRAY = 5;
    public const uint VK_IMAGE_TILING_OPTIMAL = 0;
    public const uint VK_SAMPLE_COUNT_1_BIT = 1;
    public const uint VK_IMAGE_USAGE_TRANSFER_SRC_BIT = 0x1;
    public const uint VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT = 0x10;
    public const uint VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT = 0x20;
    public const uint VK_IMAGE_ASPECT_COLOR_BIT = 0x1;
    public const uint VK_IMAGE_ASPECT_DEPTH_BIT = 0x2;

    public const uint VK_IMAGE_LAYOUT_UNDEFINED = 0;
    public const uint VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL = 2;
    public const uint VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL = 3;
    public const uint VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL = 6;
    public const uint VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL = 1000241000;

    public const uint VK_FORMAT_UNDEFINED = 0;
    public const uint VK_FORMAT_R8_UINT = 13;
    public const uint VK_FORMAT_R8G8B8A8_UNORM = 37;
    public const uint VK_FORMAT_R32_UINT = 98;
    public const uint VK_FORMAT_R32_SFLOAT = 100;
    public const uint VK_FORMAT_R32G32_SFLOAT = 103;
    public const uint VK_FORMAT_R32G32B32A32_UINT = 107;
    public const uint VK_FORMAT_R32G32B32A32_SFLOAT = 109;
    public const uint VK_FORMAT_R32G32B32_SFLOAT = 106;
    public const uint VK_FORMAT_D32_SFLOAT = 126;

    public const uint VK_ATTACHMENT_LOAD_OP_CLEAR = 1;
    public const uint VK_ATTACHMENT_LOAD_OP_DONT_CARE = 2;
    public const uint VK_ATTACHMENT_STORE_OP_STORE = 0;
    public const uint VK_ATTACHMENT_STORE_OP_DONT_CARE = 1;
    public const uint VK_RESOLVE_MODE_NONE = 0;

    public const uint VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT = 0x1;
    public const uint VK_PIPELINE_STAGE_VERTEX_SHADER_BIT = 0x8;
    public const uint VK_PIPELINE_STAGE_EARLY_FRAGMENT_TESTS_BIT = 0x100;
    public const uint VK_PIPELINE_STAGE_LATE_FRAGMENT_TESTS_BIT = 0x200;
    public const uint VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT = 0x400;
    public const uint VK_PIPELINE_STAGE_TRANSFER_BIT = 0x1000;
    public const uint VK_PIPELINE_STAGE_HOST_BIT = 0x4000;

    public const uint VK_ACCESS_INDEX_READ_BIT = 0x2;
    public const uint VK_ACCESS_VERTEX_ATTRIBUTE_READ_BIT = 0x4;
    public const uint VK_ACCESS_SHADER_READ_BIT = 0x20;
    public const uint VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT = 0x100;
    public const uint VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_READ_BIT = 0x200;
    public const uint VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT = 0x400;
    public const uint VK_ACCESS_TRANSFER_READ_BIT = 0x800;
    public const uint VK_ACCESS_TRANSFER_WRITE_BIT = 0x1000;
    public const uint VK_ACCESS_HOST_READ_BIT = 0x2000;
    public const uint VK_ACCESS_HOST_WRITE_BIT = 0x4000;

    public const uint VK_SHADER_STAGE_VERTEX_BIT = 0x1;
    public const uint VK_SHADER_STAGE_FRAGMENT_BIT = 0x10;
    public const uint VK_DESCRIPTOR_TYPE_STORAGE_BUFFER = 7;
    public const uint VK_PIPELINE_BIND_POINT_GRAPHICS = 0;
    public const uint VK_VERTEX_INPUT_RATE_VERTEX = 0;
    public const uint VK_VERTEX_INPUT_RATE_INSTANCE = 1;
    public const uint VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST = 3;
    public const uint VK_POLYGON_MODE_FILL = 0;
    public const uint VK_CULL_MODE_NONE = 0;
    public const uint VK_CULL_MODE_BACK_BIT = 0x2;
    public const uint VK_FRONT_FACE_COUNTER_CLOCKWISE = 0;
    public const uint VK_COMPARE_OP_LESS = 1;
    public const uint VK_COMPARE_OP_LESS_OR_EQUAL = 3;
    public const uint VK_COLOR_COMPONENT_RGBA = 0xF;
    public const uint VK_DYNAMIC_STATE_VIEWPORT = 0;
    public const uint VK_DYNAMIC_STATE_SCISSOR = 1;
    public const uint VK_INDEX_TYPE_UINT32 = 1;
}
