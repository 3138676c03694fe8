using System.Runtime.InteropServices;
using Simulator.Torch.Interop;

namespace Simulator.Torch;

/// <summary>
/// A libtorch tensor. Owns one native reference (released by <see cref="Dispose"/> or by the enclosing
/// <see cref="TorchScope"/>). Ops return new tensors; views share storage as in libtorch.
/// </summary>
public sealed partial class Tensor : IDisposable
{
    private readonly TensorHandle _handle;
    private GCHandle _pin; // set for zero-copy tensors over a managed array

    internal int ScopeDepth;
    internal int ScopeIndex;

    internal Tensor(TensorHandle handle)
    {
        _handle = Native.Check(handle);
        TorchScope.Track(this);
    }

    internal TensorHandle Handle => _handle.IsClosed ? throw new ObjectDisposedException(nameof(Tensor)) : _handle;

    public bool IsDisposed => _handle.IsClosed;

    public void Dispose()
    {
        TorchScope.Untrack(this);
        _handle.Dispose();
        if (_pin.IsAllocated)
        {
            _pin.Free();
        }
    }

    /// <summary>Hands the tensor to the enclosing scope (or to the caller if this was the outermost). Returns this.</summary>
    public Tensor MoveOut()
    {
        TorchScope.MoveOut(this);
        return this;
    }

    /// <summary>Takes the tensor out of scope ownership: the caller now disposes it. Returns this.</summary>
    public Tensor DetachFromScope()
    {
        TorchScope.Untrack(this);
        return this;
    }

    public int Dim => Native.Check(NativeMethods.simtorch_tensor_ndim(Handle));

    public long NumElements => Native.Check(NativeMethods.simtorch_tensor_numel(Handle));

    public DType DType => (DType)Native.Check(NativeMethods.simtorch_tensor_dtype(Handle));

    public Device Device => (Device)Native.Check(NativeMethods.simtorch_tensor_device(Handle));

    public unsafe long[] Shape
    {
        get
        {
            long* dims = stackalloc long[16];
            int n = Native.Check(NativeMethods.simtorch_tensor_shape(Handle, dims, 16));
            return new ReadOnlySpan<long>(dims, n).ToArray();
        }
    }

    /// <summary>Size of one dimension (negative counts from the end), without allocating.</summary>
    public unsafe long Size(int dim)
    {
        long* dims = stackalloc long[16];
        int n = Native.Check(NativeMethods.simtorch_tensor_shape(Handle, dims, 16));
        int d = dim < 0 ? dim + n : dim;
        if ((uint)d >= (uint)n)
        {
            throw new ArgumentOutOfRangeException(nameof(dim), dim, $"tensor has {n} dimensions");
        }
        return dims[d];
    }

    public string ShapeString => "[" + string.Join(", ", Shape) + "]";

    public override string ToString() => $"Tensor{ShapeString} {DType} {Device}";

    /// <summary>The single value of a one-element tensor.</summary>
    public unsafe double Item()
    {
        double value;
        Native.Check(NativeMethods.simtorch_tensor_item(Handle, &value));
        return value;
    }

    /// <summary>Copies the elements (row-major, moved to the CPU) into <paramref name="destination"/>, whose length must match.</summary>
    public unsafe void CopyTo<T>(Span<T> destination) where T : unmanaged
    {
        CheckElementType<T>();
        fixed (T* p = destination)
        {
            Native.Check(NativeMethods.simtorch_tensor_copy_out(Handle, p, (long)destination.Length * sizeof(T)));
        }
    }

    public T[] ToArray<T>() where T : unmanaged
    {
        var result = new T[NumElements];
        CopyTo<T>(result);
        return result;
    }

    /// <summary>Copies <paramref name="source"/> into this tensor in place (broadcasting, no autograd record).</summary>
    public void CopyFrom(Tensor source) => Native.Check(NativeMethods.simtorch_tensor_copy_(Handle, source.Handle));

    /// <summary>Makes this tensor use <paramref name="source"/>'s data (any device/shape) while keeping its identity,
    /// so modules and optimizers holding it see the change.</summary>
    public void SetData(Tensor source) => Native.Check(NativeMethods.simtorch_tensor_set_data(Handle, source.Handle));

    /// <summary>Sets every element in place (no autograd record).</summary>
    public void Fill(double value) => Native.Check(NativeMethods.simtorch_tensor_fill_(Handle, value));

    private void CheckElementType<T>() where T : unmanaged
    {
        DType expected = DTypeOf<T>();
        DType actual = DType;
        if (expected != actual)
        {
            throw new ArgumentException($"tensor holds {actual}, not {typeof(T).Name}");
        }
    }

    internal static DType DTypeOf<T>() where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return DType.Float32;
        if (typeof(T) == typeof(double)) return DType.Float64;
        if (typeof(T) == typeof(int)) return DType.Int32;
        if (typeof(T) == typeof(long)) return DType.Int64;
        if (typeof(T) == typeof(byte)) return DType.UInt8;
        if (typeof(T) == typeof(bool)) return DType.Bool;
        throw new NotSupportedException($"no tensor dtype for {typeof(T).Name}");
    }

    internal void Pin(GCHandle pin) => _pin = pin;
}
