using System.Runtime.InteropServices;
using Simulator.Rendering.Vulkan.Interop;

namespace Simulator.Rendering.Vulkan;

public sealed unsafe partial class VulkanContext
{
    private readonly ValidationLog? _validationLog;

    /// <summary>True when the validation layer is on for this context.</summary>
    public bool ValidationEnabled => _validationLog != null;

    /// <summary>Every validation warning and error reported so far (empty when validation is off).</summary>
    public IReadOnlyList<string> ValidationMessages => _validationLog?.Snapshot() ?? [];

    /// <summary>Forgets the collected validation messages (tests call this between cases).</summary>
    public void ClearValidationMessages() => _validationLog?.Clear();

    private static VkDebugUtilsMessengerCreateInfoEXT MessengerInfo(ValidationLog log) => new()
    {
        sType = VkConst.VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT,
        messageSeverity = VkConst.VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT | VkConst.VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT,
        messageType = VkConst.VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT | VkConst.VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT
            | VkConst.VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT,
        pfnUserCallback = &OnDebugMessage,
        pUserData = (void*)log.Handle,
    };

    [UnmanagedCallersOnly]
    private static uint OnDebugMessage(uint severity, uint types, VkDebugUtilsMessengerCallbackDataEXT* data, void* userData)
    {
        if (userData != null && GCHandle.FromIntPtr((nint)userData).Target is ValidationLog log)
        {
            string level = (severity & VkConst.VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT) != 0 ? "error" : "warning";
            string text = data != null ? Marshal.PtrToStringUTF8((nint)data->pMessage) ?? "" : "";
            log.Add($"{level}: {text}");
        }
        return 0; // VK_FALSE: never abort the call that triggered the message.
    }

    /// <summary>Thread-safe message list pinned by a GCHandle so the native callback can reach it.</summary>
    private sealed class ValidationLog : IDisposable
    {
        private readonly List<string> _messages = [];
        private readonly Lock _lock = new();
        private GCHandle _handle;

        public ValidationLog() => _handle = GCHandle.Alloc(this);

        public nint Handle => GCHandle.ToIntPtr(_handle);

        public void Add(string message)
        {
            lock (_lock)
            {
                _messages.Add(message);
            }
        }

        public string[] Snapshot()
        {
            lock (_lock)
            {
                return [.. _messages];
            }
        }

        public void Clear()
        {
            lock (_lock)
            {
                _messages.Clear();
            }
        }

        public void Dispose()
        {
            if (_handle.IsAllocated)
            {
                _handle.Free();
            }
        }
    }
}
