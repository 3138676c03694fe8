using Microsoft.ML.OnnxRuntime;

namespace Simulator.Perception.Onnx;

/// <summary>Turns <see cref="OnnxRunOptions"/> into ONNX Runtime session options.</summary>
internal static class OnnxSessionFactory
{
    public const string CpuProvider = "CPUExecutionProvider";
    public const string CudaProvider = "CUDAExecutionProvider";
    public const string DmlProvider = "DmlExecutionProvider";

    public static string[] AvailableProviders() => OrtEnv.Instance().GetAvailableProviders();

    /// <summary>Why <paramref name="options"/>' provider cannot run here (problem and hint), or null.</summary>
    public static (string Problem, string Hint)? MissingProvider(OnnxRunOptions options)
    {
        string[] available = AvailableProviders();
        string? needed = options.Provider switch
        {
            ExecutionProvider.Cuda => CudaProvider,
            ExecutionProvider.Dml => DmlProvider,
            _ => null,
        };
        if (needed is null || Array.IndexOf(available, needed) >= 0)
        {
            return null;
        }
        string hint = options.Provider == ExecutionProvider.Dml && !OperatingSystem.IsWindows()
            ? "DirectML exists only on Windows; use --ep cpu or --ep cuda"
            : "install the ONNX Runtime build with that provider, Microsoft.ML.OnnxRuntime.Gpu.Linux for CUDA, or use --ep cpu";
        return ($"execution provider '{options.Provider.ToString().ToLowerInvariant()}' ({needed}) is not available; available providers: {string.Join(", ", available)}", hint);
    }

    public static SessionOptions CreateOptions(OnnxRunOptions options, string path)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.IntraOpThreads, 1);
        if (MissingProvider(options) is { } missing)
        {
            throw new PerceptionModelException(path, missing.Problem, missing.Hint);
        }
        string[] available = AvailableProviders();
        var so = new SessionOptions();
        try
        {
            so.IntraOpNumThreads = options.IntraOpThreads;
            so.InterOpNumThreads = 1;
            so.ExecutionMode = ExecutionMode.ORT_SEQUENTIAL;
            so.GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL;
            // Idle ONNX Runtime workers sleep instead of spinning: the simulation needs the cores between runs.
            so.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
            so.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
            switch (options.Provider)
            {
                case ExecutionProvider.Cuda:
                    so.AppendExecutionProvider_CUDA(options.DeviceId);
                    break;
                case ExecutionProvider.Dml:
                    so.AppendExecutionProvider_DML(options.DeviceId);
                    break;
            }
            return so;
        }
        catch (OnnxRuntimeException e)
        {
            so.Dispose();
            throw new PerceptionModelException(path, $"cannot configure execution provider '{options.Provider.ToString().ToLowerInvariant()}': {e.Message}",
                $"available providers: {string.Join(", ", available)}", e);
        }
        catch
        {
            so.Dispose();
            throw;
        }
    }
}
