using System.Numerics;
using Simulator.Core;
using Simulator.Rendering.Vulkan;
using Simulator.Torch;

namespace Simulator.Embedding.Tests;

/// <summary>
/// An embedding host that does not opt in: rendering a frame and running torch ops must leave glibc's allocator
/// settings and the native environment as they were. Nothing in this test assembly opts in, and it runs in its own
/// process, so the check cannot be spoiled by another test.
/// </summary>
public sealed class NoOptInTests
{
    private static readonly string[] s_tunedVariables = ["OPENBLAS_NUM_THREADS", "OMP_WAIT_POLICY", "OMP_NUM_THREADS", "SIM_MALLOC_TRIM"];

    [Fact]
    public void Renderer_and_torch_leave_process_state_alone()
    {
        Dictionary<string, string?> before = s_tunedVariables.ToDictionary(n => n, TorchRuntime.NativeEnvironment);

        using (var renderer = VulkanRenderer.Create(new RendererOptions(Gpu: "auto", Validation: false)))
        {
            using CameraBatch batch = renderer.CreateBatch(new BatchDescription(1, 32, 32, RenderOutputs.All));
            batch.Env(0).Camera = CameraPose.Create(new Vector3(0, 0, 1), 0f);
            _ = batch.Wait(batch.Submit());
        }
        using (TorchScope.Enter())
        {
            using var a = Tensor.Ones(64, 64);
            Assert.Equal(64.0 * 64 * 64, a.MatMul(a).Sum().Item(), 3);
        }

        Assert.False(NativeHeap.Applied);
        Assert.Null(NativeHeap.TrimThreshold);
        Assert.Null(TorchRuntime.ThreadingConfiguration);
        foreach (string name in s_tunedVariables)
        {
            Assert.Equal(before[name], TorchRuntime.NativeEnvironment(name));
        }

        // Too late now: libtorch has read its environment, so the opt-in refuses instead of pretending.
        var e = Assert.Throws<InvalidOperationException>(() => TorchRuntime.ConfigureThreading());
        Assert.Contains("before the first use", e.Message, StringComparison.Ordinal);
        Assert.Equal(before["OMP_WAIT_POLICY"], TorchRuntime.NativeEnvironment("OMP_WAIT_POLICY"));
    }
}
