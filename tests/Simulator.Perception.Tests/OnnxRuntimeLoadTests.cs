using Microsoft.ML.OnnxRuntime;

namespace Simulator.Perception.Tests;

public class OnnxRuntimeLoadTests
{
    [Fact]
    public void Native_runtime_loads_and_offers_the_cpu_provider()
    {
        Assert.Contains("CPUExecutionProvider", OrtEnv.Instance().GetAvailableProviders());
        Assert.StartsWith("1.31", PerceptionInfo.OnnxRuntimeVersion);
    }
}
