using System.Reflection;

namespace Simulator.Learning.Runs;

/// <summary>The version stamp a run and its model files record.</summary>
public static class RunInfo
{
    public static string Version { get; } =
        typeof(RunInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(RunInfo).Assembly.GetName().Version?.ToString() ?? "0";
}
