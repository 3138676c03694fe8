using System.Runtime.InteropServices;
using Simulator.Torch.Interop;

namespace Simulator.Torch;

public sealed partial class Tensor
{
    /// <summary>Copies <paramref name="data"/> into a new tensor of the given shape.</summary>
    public static unsafe Tensor FromSpan<T>(ReadOnlySpan<T> data, ReadOnlySpan<long> shape, Device device = Device.Cpu) where T : unmanaged
    {
        CheckCount(data.Length, shape);
        fixed (T* p = data)
        fixed (long* s = shape)
        {
            return new Tensor(NativeMethods.simtorch_tensor_from_data(p, s, shape.Length, (int)DTypeOf<T>(), (int)device));
        }
    }

    public static Tensor FromArray<T>(T[] data, params ReadOnlySpan<long> shape) where T : unmanaged => FromSpan<T>(data, shape);

    /// <summary>
    /// A CPU tensor over <paramref name="array"/> itself (no copy): the array stays pinned until the tensor is disposed.
    /// Create it once over a reused batch buffer and refill the buffer each step.
    /// </summary>
    public static unsafe Tensor FromArrayNoCopy<T>(T[] array, params ReadOnlySpan<long> shape) where T : unmanaged
    {
        CheckCount(array.Length, shape);
        GCHandle pin = GCHandle.Alloc(array, GCHandleType.Pinned);
        try
        {
            fixed (long* s = shape)
            {
                var tensor = new Tensor(NativeMethods.simtorch_tensor_from_blob((void*)pin.AddrOfPinnedObject(), s, shape.Length, (int)DTypeOf<T>()));
                tensor.Pin(pin);
                return tensor;
            }
        }
        catch
        {
            pin.Free();
            throw;
        }
    }

    /// <summary>A CPU tensor over native memory the caller keeps alive and unmoved for the tensor's lifetime.</summary>
    public static unsafe Tensor FromPointer(void* data, ReadOnlySpan<long> shape, DType dtype)
    {
        fixed (long* s = shape)
        {
            return new Tensor(NativeMethods.simtorch_tensor_from_blob(data, s, shape.Length, (int)dtype));
        }
    }

    public static unsafe Tensor Full(ReadOnlySpan<long> shape, double value, DType dtype = DType.Float32, Device device = Device.Cpu)
    {
        fixed (long* s = shape)
        {
            return new Tensor(NativeMethods.simtorch_tensor_full(s, shape.Length, value, (int)dtype, (int)device));
        }
    }

    public static Tensor Zeros(params ReadOnlySpan<long> shape) => Full(shape, 0.0);

    public static Tensor Ones(params ReadOnlySpan<long> shape) => Full(shape, 1.0);

    public static Tensor Scalar(double value, DType dtype = DType.Float32, Device device = Device.Cpu) => Full([], value, dtype, device);

    /// <summary>Uniform in [0, 1) from <paramref name="generator"/> (or the global generator when null).</summary>
    public static Tensor Rand(ReadOnlySpan<long> shape, Generator? generator = null, DType dtype = DType.Float32, Device device = Device.Cpu)
        => Random(shape, 0, 0, 1, generator, dtype, device);

    /// <summary>Standard normal from <paramref name="generator"/> (or the global generator when null).</summary>
    public static Tensor Randn(ReadOnlySpan<long> shape, Generator? generator = null, DType dtype = DType.Float32, Device device = Device.Cpu)
        => Random(shape, 1, 0, 1, generator, dtype, device);

    public static Tensor Uniform(ReadOnlySpan<long> shape, double low, double high, Generator? generator = null, DType dtype = DType.Float32, Device device = Device.Cpu)
        => Random(shape, 2, low, high, generator, dtype, device);

    public static Tensor Normal(ReadOnlySpan<long> shape, double mean, double std, Generator? generator = null, DType dtype = DType.Float32, Device device = Device.Cpu)
        => Random(shape, 3, mean, std, generator, dtype, device);

    public static Tensor Arange(long n, DType dtype = DType.Int64, Device device = Device.Cpu)
        => new(NativeMethods.simtorch_tensor_arange(n, (int)dtype, (int)device));

    private static unsafe Tensor Random(ReadOnlySpan<long> shape, int kind, double a, double b, Generator? generator, DType dtype, Device device)
    {
        fixed (long* s = shape)
        {
            return new Tensor(NativeMethods.simtorch_tensor_random(s, shape.Length, kind, a, b, generator?.Handle ?? 0, (int)dtype, (int)device));
        }
    }

    private static void CheckCount(int count, ReadOnlySpan<long> shape)
    {
        long expected = 1;
        foreach (long d in shape)
        {
            if (d < 0)
            {
                throw new ArgumentException($"negative dimension {d} in shape");
            }
            expected *= d;
        }
        if (expected != count)
        {
            throw new ArgumentException($"shape [{string.Join(", ", shape.ToArray())}] needs {expected} elements, data has {count}");
        }
    }
}
