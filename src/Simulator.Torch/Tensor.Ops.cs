using Simulator.Torch.Interop;

namespace Simulator.Torch;

// Elementwise, reduction and shape ops. The integer codes are the op tables of Native/simtorch_ops.cpp.
public sealed partial class Tensor
{
    private Tensor Unary(int op) => new(NativeMethods.simtorch_unary(op, Handle));
    private Tensor Binary(int op, Tensor other) => new(NativeMethods.simtorch_binary(op, Handle, other.Handle));
    private Tensor WithScalar(int op, double s) => new(NativeMethods.simtorch_scalar(op, Handle, s));

    public Tensor Neg() => Unary(0);
    public Tensor Exp() => Unary(1);
    public Tensor Log() => Unary(2);
    public Tensor Sqrt() => Unary(3);
    public Tensor Abs() => Unary(4);
    public Tensor Relu() => Unary(5);
    public Tensor Tanh() => Unary(6);
    public Tensor Sigmoid() => Unary(7);
    /// <summary>Same data, cut from the autograd graph.</summary>
    public Tensor Detach() => Unary(8);
    public Tensor Clone() => Unary(9);
    public Tensor Contiguous() => Unary(10);
    public Tensor Square() => Unary(11);
    public Tensor Sign() => Unary(12);
    public Tensor Softplus() => Unary(13);
    public Tensor Log1p() => Unary(14);
    public Tensor Atanh() => Unary(15);
    public Tensor Lgamma() => Unary(16);
    public Tensor Digamma() => Unary(17);

    public Tensor Add(Tensor other) => Binary(0, other);
    public Tensor Sub(Tensor other) => Binary(1, other);
    public Tensor Mul(Tensor other) => Binary(2, other);
    public Tensor Div(Tensor other) => Binary(3, other);
    public Tensor MatMul(Tensor other) => Binary(4, other);
    public Tensor Pow(Tensor exponent) => Binary(5, exponent);
    public Tensor Maximum(Tensor other) => Binary(6, other);
    public Tensor Minimum(Tensor other) => Binary(7, other);
    /// <summary>Mean squared error against <paramref name="target"/>.</summary>
    public Tensor MseLoss(Tensor target) => Binary(8, target);
    public Tensor Eq(Tensor other) => Binary(9, other);
    public Tensor Gt(Tensor other) => Binary(10, other);
    public Tensor Lt(Tensor other) => Binary(11, other);
    public Tensor Ge(Tensor other) => Binary(12, other);
    public Tensor Le(Tensor other) => Binary(13, other);

    public Tensor Add(double s) => WithScalar(0, s);
    public Tensor Sub(double s) => WithScalar(1, s);
    public Tensor Mul(double s) => WithScalar(2, s);
    public Tensor Div(double s) => WithScalar(3, s);
    public Tensor Pow(double exponent) => WithScalar(4, exponent);
    public Tensor ClampMin(double min) => WithScalar(7, min);
    public Tensor ClampMax(double max) => WithScalar(8, max);
    public Tensor Gt(double s) => WithScalar(9, s);
    public Tensor Lt(double s) => WithScalar(10, s);
    public Tensor Eq(double s) => WithScalar(11, s);
    public Tensor Clamp(double min, double max) => new(NativeMethods.simtorch_clamp(Handle, min, max));

    /// <summary>Elementwise <paramref name="condition"/> ? <paramref name="a"/> : <paramref name="b"/>.</summary>
    public static Tensor Where(Tensor condition, Tensor a, Tensor b) => new(NativeMethods.simtorch_where(condition.Handle, a.Handle, b.Handle));

    public static Tensor operator +(Tensor a, Tensor b) => a.Add(b);
    public static Tensor operator -(Tensor a, Tensor b) => a.Sub(b);
    public static Tensor operator *(Tensor a, Tensor b) => a.Mul(b);
    public static Tensor operator /(Tensor a, Tensor b) => a.Div(b);
    public static Tensor operator -(Tensor a) => a.Neg();
    public static Tensor operator +(Tensor a, double s) => a.Add(s);
    public static Tensor operator -(Tensor a, double s) => a.Sub(s);
    public static Tensor operator *(Tensor a, double s) => a.Mul(s);
    public static Tensor operator /(Tensor a, double s) => a.Div(s);
    public static Tensor operator +(double s, Tensor a) => a.Add(s);
    public static Tensor operator -(double s, Tensor a) => a.WithScalar(5, s);
    public static Tensor operator *(double s, Tensor a) => a.Mul(s);
    public static Tensor operator /(double s, Tensor a) => a.WithScalar(6, s);

    private unsafe Tensor Reduce(int op, ReadOnlySpan<long> dims, bool keepDim)
    {
        fixed (long* d = dims)
        {
            return new Tensor(NativeMethods.simtorch_reduce(op, Handle, d, dims.Length, keepDim ? 1 : 0));
        }
    }

    public Tensor Sum() => Reduce(0, [], false);
    public Tensor Sum(long dim, bool keepDim = false) => Reduce(0, [dim], keepDim);
    public Tensor Mean() => Reduce(1, [], false);
    public Tensor Mean(long dim, bool keepDim = false) => Reduce(1, [dim], keepDim);
    public Tensor Max() => Reduce(2, [], false);
    public Tensor Max(long dim, bool keepDim = false) => Reduce(2, [dim], keepDim);
    public Tensor Min() => Reduce(3, [], false);
    public Tensor Min(long dim, bool keepDim = false) => Reduce(3, [dim], keepDim);
    /// <summary>Index of the largest element of the flattened tensor.</summary>
    public Tensor ArgMax() => Reduce(4, [], false);
    public Tensor ArgMax(long dim, bool keepDim = false) => Reduce(4, [dim], keepDim);
    public Tensor ArgMin(long dim, bool keepDim = false) => Reduce(5, [dim], keepDim);
    public Tensor LogSumExp(long dim, bool keepDim = false) => Reduce(6, [dim], keepDim);
    /// <summary>Population variance (divides by N).</summary>
    public Tensor Var() => Reduce(7, [], false);

    public Tensor Softmax(long dim) => new(NativeMethods.simtorch_softmax(Handle, dim, 0));
    public Tensor LogSoftmax(long dim) => new(NativeMethods.simtorch_softmax(Handle, dim, 1));
    public Tensor Gather(long dim, Tensor index) => new(NativeMethods.simtorch_gather(Handle, dim, index.Handle));
    public Tensor IndexSelect(long dim, Tensor index) => new(NativeMethods.simtorch_index_select(Handle, dim, index.Handle));

    public static Tensor Cat(ReadOnlySpan<Tensor> tensors, long dim = 0) => Join(tensors, dim, 0);
    public static Tensor Stack(ReadOnlySpan<Tensor> tensors, long dim = 0) => Join(tensors, dim, 1);

    private static unsafe Tensor Join(ReadOnlySpan<Tensor> tensors, long dim, int stack)
    {
        Span<nint> handles = tensors.Length <= 64 ? stackalloc nint[tensors.Length] : new nint[tensors.Length];
        for (int i = 0; i < tensors.Length; i++)
        {
            handles[i] = tensors[i].Handle.DangerousGetHandle();
        }
        fixed (nint* h = handles)
        {
            var result = new Tensor(NativeMethods.simtorch_cat(h, tensors.Length, dim, stack));
            for (int i = 0; i < tensors.Length; i++)
            {
                GC.KeepAlive(tensors[i]);
            }
            return result;
        }
    }

    public unsafe Tensor Reshape(params ReadOnlySpan<long> shape)
    {
        fixed (long* s = shape)
        {
            return new Tensor(NativeMethods.simtorch_reshape(Handle, s, shape.Length));
        }
    }

    /// <summary>Keeps dimension 0 and flattens the rest: [N, ...] to [N, prod(...)].</summary>
    public Tensor Flatten() => Reshape(Size(0), -1);

    public unsafe Tensor Permute(params ReadOnlySpan<long> dims)
    {
        fixed (long* d = dims)
        {
            return new Tensor(NativeMethods.simtorch_permute(Handle, d, dims.Length));
        }
    }

    /// <summary>Elements start..end (exclusive) along <paramref name="dim"/>; a view.</summary>
    public Tensor Slice(long dim, long start, long end, long step = 1) => new(NativeMethods.simtorch_slice(Handle, dim, start, end, step));

    public Tensor To(Device device) => new(NativeMethods.simtorch_to(Handle, -1, (int)device));
    public Tensor To(DType dtype) => new(NativeMethods.simtorch_to(Handle, (int)dtype, -1));
    public Tensor To(DType dtype, Device device) => new(NativeMethods.simtorch_to(Handle, (int)dtype, (int)device));
}
