using System.Diagnostics;
using Silk.NET.Vulkan;
using Semaphore = Silk.NET.Vulkan.Semaphore;

namespace Simulator.Rendering.Vulkan;

public sealed unsafe partial class CameraBatch
{
    private BatchTimings _timings;

    /// <summary>Phase timers accumulated since creation or <see cref="ResetTimings"/>.</summary>
    public BatchTimings Timings => _timings;

    public void ResetTimings() => _timings = default;

    private long SubmitFrame(bool clearOnly, int envCount)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_presenting)
        {
            throw new InvalidOperationException("a presenting batch submits through its WindowView");
        }
        long frame = _nextFrame;
        FrameSlot slot = _slots[(int)(frame % _slots.Length)];
        long t0 = Stopwatch.GetTimestamp();
        // Reusing a slot invalidates the view of frame t-FramesInFlight: wait until the GPU is done with it.
        WaitSlot(slot);
        long t1 = Stopwatch.GetTimestamp();
        BuildInputs(slot, clearOnly, envCount);
        ReadbackTarget target = slot.Readback!;
        _builder.CaptureBoxCandidates(envCount, target.BoxIds, target.BoxClasses, target.BoxCandidateCounts);
        target.BoxesReady = false;
        long t2 = Stopwatch.GetTimestamp();
        RecordCommands(slot, clearOnly, envCount, present: null, 0);
        long t3 = Stopwatch.GetTimestamp();
        Submit(slot, default, default);
        long t4 = Stopwatch.GetTimestamp();
        _slotEnvCounts[(int)(frame % _slots.Length)] = envCount;
        _timings.Frames++;
        _timings.BuildTicks += t2 - t1;
        _timings.RecordTicks += t3 - t2;
        _timings.SubmitTicks += (t4 - t3) + (t1 - t0);
        return frame;
    }

    /// <summary>
    /// Renders camera 0 into the acquired image of <paramref name="target"/> and presents it. False when the
    /// swapchain is out of date or suboptimal: the caller recreates it (nothing was presented, or the frame was).
    /// </summary>
    internal bool SubmitPresent(SwapchainTarget target, GpuBuffer? capture)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        FrameSlot slot = _slots[(int)(_nextFrame % _slots.Length)];
        WaitSlot(slot);
        if (!target.Acquire(slot.ImageAvailable, out uint index))
        {
            return false;
        }
        BuildInputs(slot, clearOnly: false, 1);
        RecordCommands(slot, clearOnly: false, 1, target, index, capture);
        Submit(slot, slot.ImageAvailable, target.Rendered(index));
        _timings.Frames++;
        bool presented = target.Present(index);
        if (capture != null)
        {
            WaitSlot(slot);
        }
        return presented;
    }

    private void BuildInputs(FrameSlot slot, bool clearOnly, int envCount) =>
        _builder.Build((float)Width / Height, envCount, clearOnly, (EnvGpu*)slot.Envs.Pointer, (DrawRecordGpu*)slot.Records.Pointer);

    private void Submit(FrameSlot slot, Semaphore wait, Semaphore signal)
    {
        CommandBuffer cb = slot.CommandBuffer;
        PipelineStageFlags waitStage = PipelineStageFlags.TransferBit;
        var submit = new SubmitInfo
        {
            SType = StructureType.SubmitInfo,
            CommandBufferCount = 1,
            PCommandBuffers = &cb,
            WaitSemaphoreCount = wait.Handle != 0 ? 1u : 0u,
            PWaitSemaphores = &wait,
            PWaitDstStageMask = &waitStage,
            SignalSemaphoreCount = signal.Handle != 0 ? 1u : 0u,
            PSignalSemaphores = &signal,
        };
        VkCheck.Check(_ctx.Api.QueueSubmit(_ctx.Queue, 1, &submit, slot.Fence));
        slot.Frame = _nextFrame++;
        slot.Pending = true;
    }
}
