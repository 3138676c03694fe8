using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Silk.NET.Core;
using Silk.NET.Vulkan;

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

    private static DebugUtilsMessengerCreateInfoEXT MessengerInfo(ValidationLog log) => new()
    {
        SType = StructureType.DebugUtilsMessengerCreateInfoExt,
        MessageSeverity = DebugUtilsMessageSeverityFlagsEXT.WarningBitExt | DebugUtilsMessageSeverityFlagsEXT.ErrorBitExt,
        MessageType = DebugUtilsMessageTypeFlagsEXT.GeneralBitExt | DebugUtilsMessageTypeFlagsEXT.ValidationBitExt
            | DebugUtilsMessageTypeFlagsEXT.PerformanceBitExt,
        PfnUserCallback = (delegate* unmanaged[Cdecl]<DebugUtilsMessageSeverityFlagsEXT, DebugUtilsMessageTypeFlagsEXT, DebugUtilsMessengerCallbackDataEXT*, void*, Bool32>)&OnDebugMessage,
        PUserData = (void*)log.Handle,
    };

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static Bool32 OnDebugMessage(DebugUtilsMessageSeverityFlagsEXT severity, DebugUtilsMessageTypeFlagsEXT types,
        DebugUtilsMessengerCallbackDataEXT* data, void* userData)
    {
        if (userData != null && GCHandle.FromIntPtr((nint)userData).Target is ValidationLog log)
        {
            string level = (severity & DebugUtilsMessageSeverityFlagsEXT.ErrorBitExt) != 0 ? "error" : "warning";
            string text = data != null ? Marshal.PtrToStringUTF8((nint)data->PMessage) ?? "" : "";
            log.Add($"{level}: {text}");
        }
        return false; // VK_FALSE: never abort the call that triggered the message.
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
