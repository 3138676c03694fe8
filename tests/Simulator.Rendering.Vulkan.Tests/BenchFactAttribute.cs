namespace Simulator.Rendering.Vulkan.Tests;

/// <summary>
/// A fact that runs only when SIM_BENCH=1 and is reported as skipped otherwise (xUnit 2 has no dynamic skip, so the
/// skip reason is set when the attribute is made), instead of passing without checking anything.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class BenchFactAttribute : FactAttribute
{
    public BenchFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("SIM_BENCH") != "1")
        {
            Skip = "benchmark: set SIM_BENCH=1 to run it";
        }
    }
}
