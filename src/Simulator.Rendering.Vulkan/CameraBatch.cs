using System.Diagnostics;
using Simulator.Core;
using Silk.NET.Vulkan;

namespace Simulator.Rendering.Vulkan;

/// <summary>
/// N cameras (one per env) rendered in one submission into layered targets and read back with one copy per
/// output into one persistently mapped buffer: the result is one contiguous N×H×W×C block per output.
/// <para>Three parts: the <see cref="DrawListBuilder"/> (plain C#: frame inputs, culling, sorting, per-instance
/// records), submission (command recording, queue submit, fences: this class) and the render target (a
/// <see cref="ReadbackTarget"/> per frame in flight, or a <see cref="SwapchainTarget"/> when a
/// <see cref="WindowView"/> presents through an internal batch).</para>
/// <para>Frame contract (pipelining): fill <see cref="Env"/> and the instances, call <see cref="Submit()"/> (returns
/// at once with the frame number t), do other work (physics for t+1, refill inputs), then <see cref="Wait"/>(t)
/// returns a read-only <see cref="FrameView"/> of frame t. Up to <see cref="BatchDescription.FramesInFlight"/>
/// frames may be in flight; the view of frame t stays valid until Submit is called for frame t+FramesInFlight
/// (which reuses its memory). Inputs are copied at Submit, so they may be changed right after it returns.</para>
/// </summary>
public sealed unsafe partial class CameraBatch : IDisposable
{
    private readonly VulkanRenderer _renderer;
    private readonly VulkanContext _ctx;
    private readonly FrameSlot[] _slots;
    private readonly DrawListBuilder _builder;
    private readonly PipelineSet _pipelines;
    private readonly int[] _slotEnvCounts;
    private readonly bool _presenting;
    private CommandPool _commandPool;
    private DescriptorPool _descriptorPool;
    private long _nextFrame;
    private bool _disposed;

    internal CameraBatch(VulkanRenderer renderer, BatchDescription description, bool presenting = false)
    {
        _renderer = renderer;
        _ctx = renderer.Context;
        Description = description;
        _presenting = presenting;
        int passes = description.ResolveRenderPasses(_ctx.Device.Type);
        _builder = new DrawListBuilder(renderer, description.EnvCount, description.MaxInstancesPerEnv, passes);
        _slots = new FrameSlot[description.FramesInFlight];
        _slotEnvCounts = new int[description.FramesInFlight];
        try
        {
            _pipelines = renderer.Pipelines(description.NeedsFullTargets);
            CreatePools();
            CommandBuffer* commandBuffers = stackalloc CommandBuffer[_slots.Length];
            DescriptorSet* sets = stackalloc DescriptorSet[_slots.Length];
            AllocateCommandBuffersAndSets(commandBuffers, sets);
            int[] passStarts = _builder.PassStarts.ToArray();
            for (int i = 0; i < _slots.Length; i++)
            {
                _slots[i] = new FrameSlot(_ctx, description, passStarts, _builder.RecordCapacity, _builder.BoxesPerEnv, commandBuffers[i], sets[i], presenting);
                WriteDescriptorSet(_slots[i]);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public BatchDescription Description { get; }
    public int EnvCount => Description.EnvCount;
    public int Width => Description.Width;
    public int Height => Description.Height;
    public RenderOutputs Outputs => Description.ResolvedOutputs;

    /// <summary>Render passes per frame (see <see cref="BatchDescription.RenderPasses"/>).</summary>
    public int RenderPasses => _builder.Passes;

    /// <summary>Frames submitted so far (the next Submit returns this number).</summary>
    public long SubmittedFrames => _nextFrame;

    /// <summary>Camera, lighting, static set and randomisation of env <paramref name="env"/> for the next Submit.</summary>
    public ref EnvView Env(int env) => ref _builder.Env(env);

    /// <summary>All envs' views (same storage as <see cref="Env"/>).</summary>
    public Span<EnvView> Envs => _builder.Envs;

    public int InstanceCount(int env) => _builder.InstanceCount(env);

    /// <summary>Instance <paramref name="k"/> of env <paramref name="env"/> (k &lt; <see cref="InstanceCount"/>).</summary>
    public ref readonly PropInstance Instance(int env, int k) => ref _builder.Instance(env, k);

    /// <summary>Removes all prop instances of every env.</summary>
    public void ClearInstances() => _builder.ClearInstances();

    public void ClearInstances(int env) => _builder.ClearInstances(env);

    /// <summary>Adds a prop instance to env <paramref name="env"/> for the next Submit (kept until cleared).</summary>
    public void AddInstance(int env, in PropInstance instance) => _builder.AddInstance(env, instance);

    /// <summary>Records and submits frame t for all envs and returns t without waiting for the GPU.</summary>
    public long Submit() => SubmitFrame(clearOnly: false, EnvCount);

    /// <summary>
    /// Records and submits frame t for envs [0, <paramref name="envCount"/>) only: inputs are built for those envs,
    /// only the render passes that start below envCount are recorded (their layers clipped to envCount) and only
    /// envCount layers are read back. Rows at and past envCount of the returned frame hold stale data.
    /// </summary>
    public long Submit(int envCount)
    {
        if (envCount < 1 || envCount > EnvCount)
        {
            throw new ArgumentOutOfRangeException(nameof(envCount), envCount, $"this batch renders 1..{EnvCount} envs");
        }
        return SubmitFrame(clearOnly: false, envCount);
    }

    /// <summary>Same targets, clears and readback as <see cref="Submit"/> but draws nothing: the device's ceiling
    /// for this batch shape (used by the benchmark).</summary>
    public long SubmitClearOnly() => SubmitFrame(clearOnly: true, EnvCount);

    /// <summary>Waits for frame <paramref name="frame"/> and returns a read-only view of its outputs.</summary>
    public FrameView Wait(long frame)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        FrameSlot slot = _slots[(int)(frame % _slots.Length)];
        if (frame < 0 || slot.Frame != frame)
        {
            throw new InvalidOperationException(
                $"Frame {frame} is not available: it was never submitted or was overwritten (frames {Math.Max(0, _nextFrame - _slots.Length)}..{_nextFrame - 1} are kept).");
        }
        long t0 = Stopwatch.GetTimestamp();
        WaitSlot(slot);
        long t1 = Stopwatch.GetTimestamp();
        ReadbackTarget target = slot.Readback ?? throw new InvalidOperationException("a presenting batch has no read-back frames");
        if ((Outputs & RenderOutputs.Boxes) != 0 && !target.BoxesReady)
        {
            BoxExtractor.Extract(target, _slotEnvCounts[(int)(frame % _slots.Length)], Width * Height, Width, _builder.BoxesPerEnv);
            target.BoxesReady = true;
        }
        long t2 = Stopwatch.GetTimestamp();
        _timings.WaitTicks += t1 - t0;
        _timings.ReadbackTicks += t2 - t1;
        return new FrameView(target, Description, _builder.BoxesPerEnv, frame);
    }

    private void WaitSlot(FrameSlot slot)
    {
        if (!slot.Pending)
        {
            return;
        }
        Fence fence = slot.Fence;
        const ulong TimeoutNs = 120_000_000_000;
        Result result = _ctx.Api.WaitForFences(_ctx.DeviceHandle, 1, &fence, true, TimeoutNs);
        if (result == Result.Timeout)
        {
            throw new SimRuntimeException("The GPU did not finish a camera batch within 120 s (driver hang?).");
        }
        VkCheck.Check(result, "vkWaitForFences");
        VkCheck.Check(_ctx.Api.ResetFences(_ctx.DeviceHandle, 1, &fence));
        slot.Pending = false;
    }

    /// <summary>Waits for every frame in flight, then destroys the slots, pools and (nothing else: pipelines and
    /// meshes belong to the renderer).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        foreach (FrameSlot? slot in _slots)
        {
            if (slot != null)
            {
                WaitSlot(slot);
                slot.Dispose();
            }
        }
        if (_descriptorPool.Handle != 0)
        {
            _ctx.Api.DestroyDescriptorPool(_ctx.DeviceHandle, _descriptorPool, null);
            _ctx.Track(-1);
        }
        if (_commandPool.Handle != 0)
        {
            // Destroying the pool frees its command buffers.
            _ctx.Api.DestroyCommandPool(_ctx.DeviceHandle, _commandPool, null);
            _ctx.Track(-1);
        }
        _renderer.OnBatchDisposed(this);
    }
}
