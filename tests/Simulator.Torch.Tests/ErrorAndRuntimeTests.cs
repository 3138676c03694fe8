using System.Runtime.InteropServices;
using Simulator.Core;
using Simulator.Torch;

namespace Simulator.Torch.Tests;

public class ErrorAndRuntimeTests
{
    [Fact]
    public void MatMulShapeMismatchNamesBothShapes()
    {
        using var scope = TorchScope.Enter();
        var a = Tensor.Zeros(2, 3);
        var b = Tensor.Zeros(4, 5);
        var e = Assert.Throws<TorchException>(() => a.MatMul(b));
        Assert.Contains("[2, 3]", e.Message);
        Assert.Contains("[4, 5]", e.Message);
        Assert.DoesNotContain("frame #", e.Message); // no C++ backtrace
    }

    [Fact]
    public void NativeErrorsBecomeExceptionsWithLibtorchMessage()
    {
        using var scope = TorchScope.Enter();
        var a = Tensor.Zeros(2, 3);
        var e = Assert.Throws<TorchException>(() => a.Reshape(4, 2));
        Assert.Contains("[4, 2]", e.Message);
        Assert.Throws<TorchException>(() => Functional.Linear(a, Tensor.Zeros(4, 5), null));
        Assert.Throws<TorchException>(() => a.Item());
        // The failed calls leave the library usable.
        Assert.Equal(0, a.Sum().Item());
    }

    [Fact]
    public void DisposedTensorThrowsObjectDisposed()
    {
        var a = Tensor.Zeros(2);
        a.Dispose();
        Assert.Throws<ObjectDisposedException>(() => a.Sum());
        a.Dispose(); // idempotent
    }

    [Fact]
    public void RuntimeSettings()
    {
        Assert.Equal(Environment.GetEnvironmentVariable("OPENBLAS_NUM_THREADS") ?? "1", TorchRuntime.NativeOpenBlasThreads);
        Assert.StartsWith("1.", TorchRuntime.Version);
        Assert.Equal(Device.Cpu, TorchRuntime.ResolveDevice("cpu"));
        Assert.Equal(TorchRuntime.CudaAvailable ? Device.Cuda : Device.Cpu, TorchRuntime.ResolveDevice("auto"));
        var e = Assert.Throws<SimInputException>(() => TorchRuntime.ResolveDevice("tpu", "--device"));
        Assert.Contains("--device", e.Message);
        if (!TorchRuntime.CudaAvailable)
        {
            Assert.Throws<SimInputException>(() => TorchRuntime.ResolveDevice("cuda"));
        }
    }

    [Fact]
    public unsafe void OpenBlasRunsSingleThreaded()
    {
        using var scope = TorchScope.Enter();
        _ = Tensor.Zeros(2).Sum(); // libtorch (and with it OpenBLAS) is loaded by now
        // Only checkable where libtorch uses OpenBLAS (Debian with libopenblas0-pthread, as the project requires).
        if (NativeLibrary.TryLoad("libopenblas.so.0", out nint lib))
        {
            var getThreads = (delegate* unmanaged<int>)NativeLibrary.GetExport(lib, "openblas_get_num_threads");
            // 1 unless the user chose a value before starting the process (respected on purpose).
            string? preset = Environment.GetEnvironmentVariable("OPENBLAS_NUM_THREADS");
            Assert.Equal(preset is null ? 1 : int.Parse(preset, System.Globalization.CultureInfo.InvariantCulture), getThreads());
        }
    }

    [Fact]
    public void ThreadsDefaultToCoreCount()
    {
        // Another test may change it; the default is applied once when the library loads.
        int before = TorchRuntime.NumThreads;
        Assert.InRange(before, 1, Environment.ProcessorCount);
        TorchRuntime.NumThreads = 1;
        Assert.Equal(1, TorchRuntime.NumThreads);
        TorchRuntime.NumThreads = Environment.ProcessorCount;
        Assert.Equal(Environment.ProcessorCount, TorchRuntime.NumThreads);
    }

    [Fact]
    public void ConfigureThreadingIsAHostOptInAppliedOnce()
    {
        // This assembly's HostOptIn applied the defaults before any test ran.
        Assert.Equal(new TorchThreadingOptions(), TorchRuntime.ThreadingConfiguration);
        // .NET's copy of the environment is the one the process started with: a value the user set is kept.
        Assert.Equal(Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") ?? "PASSIVE", TorchRuntime.NativeEnvironment("OMP_WAIT_POLICY"));
        string? userThreads = Environment.GetEnvironmentVariable("OMP_NUM_THREADS");
        Assert.Equal(userThreads ?? Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            TorchRuntime.NativeEnvironment("OMP_NUM_THREADS"));
        if (userThreads == null)
        {
            Assert.Equal(Environment.ProcessorCount, TorchRuntime.NumThreads); // libtorch read it when it loaded
        }
        TorchRuntime.ConfigureThreading(); // equal options: nothing to do
        var e = Assert.Throws<InvalidOperationException>(() => TorchRuntime.ConfigureThreading(new TorchThreadingOptions { NumThreads = 1 }));
        Assert.Contains("already called", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => TorchRuntime.ConfigureThreading(new TorchThreadingOptions { OmpWaitPolicy = "SPIN" }));
    }
}
