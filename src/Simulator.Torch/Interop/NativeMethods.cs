using System.Runtime.InteropServices;

namespace Simulator.Torch.Interop;

/// <summary>Declarations of libsimtorch (Native/simtorch.h). Names match the C functions exactly.</summary>
internal static unsafe class NativeMethods
{
    private const string Lib = "simtorch";

    [DllImport(Lib)] internal static extern byte* simtorch_last_error();
    [DllImport(Lib)] internal static extern byte* simtorch_version();
    [DllImport(Lib)] internal static extern int simtorch_cuda_available();
    [DllImport(Lib)] internal static extern int simtorch_cuda_device_count();
    [DllImport(Lib)] internal static extern int simtorch_manual_seed(ulong seed);
    [DllImport(Lib)] internal static extern int simtorch_set_num_threads(int n);
    [DllImport(Lib)] internal static extern int simtorch_get_num_threads();
    [DllImport(Lib)] internal static extern int simtorch_grad_mode(int enabled);

    [DllImport(Lib)] internal static extern nint simtorch_generator_create(ulong seed);
    [DllImport(Lib)] internal static extern void simtorch_generator_free(nint g);

    [DllImport(Lib)] internal static extern void simtorch_tensor_free(nint t);
    [DllImport(Lib)] internal static extern TensorHandle simtorch_tensor_from_data(void* data, long* shape, int ndim, int dtype, int device);
    [DllImport(Lib)] internal static extern TensorHandle simtorch_tensor_from_blob(void* data, long* shape, int ndim, int dtype);
    [DllImport(Lib)] internal static extern TensorHandle simtorch_tensor_full(long* shape, int ndim, double value, int dtype, int device);
    [DllImport(Lib)] internal static extern TensorHandle simtorch_tensor_random(long* shape, int ndim, int kind, double lo, double hi, nint g, int dtype, int device);
    [DllImport(Lib)] internal static extern TensorHandle simtorch_tensor_arange(long n, int dtype, int device);

    [DllImport(Lib)] internal static extern int simtorch_tensor_ndim(TensorHandle t);
    [DllImport(Lib)] internal static extern int simtorch_tensor_shape(TensorHandle t, long* shape, int cap);
    [DllImport(Lib)] internal static extern int simtorch_tensor_dtype(TensorHandle t);
    [DllImport(Lib)] internal static extern int simtorch_tensor_device(TensorHandle t);
    [DllImport(Lib)] internal static extern long simtorch_tensor_numel(TensorHandle t);
    [DllImport(Lib)] internal static extern int simtorch_tensor_copy_out(TensorHandle t, void* dst, long bytes);
    [DllImport(Lib)] internal static extern int simtorch_tensor_item(TensorHandle t, double* value);
    [DllImport(Lib)] internal static extern int simtorch_tensor_copy_(TensorHandle dst, TensorHandle src);
    [DllImport(Lib)] internal static extern int simtorch_tensor_set_data(TensorHandle dst, TensorHandle src);
    [DllImport(Lib)] internal static extern int simtorch_tensor_fill_(TensorHandle t, double value);

    [DllImport(Lib)] internal static extern TensorHandle simtorch_unary(int op, TensorHandle a);
    [DllImport(Lib)] internal static extern TensorHandle simtorch_binary(int op, TensorHandle a, TensorHandle b);
    [DllImport(Lib)] internal static extern TensorHandle simtorch_scalar(int op, TensorHandle a, double s);
    [DllImport(Lib)] internal static extern TensorHandle simtorch_clamp(TensorHandle a, double lo, double hi);
    [DllImport(Lib)] internal static extern TensorHandle simtorch_where(TensorHandle cond, TensorHandle a, TensorHandle b);
    [DllImport(Lib)] internal static extern TensorHandle simtorch_reduce(int op, TensorHandle a, long* dims, int ndims, int keepdim);
    [DllImport(Lib)] internal static extern TensorHandle simtorch_softmax(TensorHandle a, long dim, int log);
    [DllImport(Lib)] internal static extern TensorHandle simtorch_gather(TensorHandle a, long dim, TensorHandle index);
    [DllImport(Lib)] internal static extern TensorHandle simtorch_index_select(TensorHandle a, long dim, TensorHandle index);
    [DllImport(Lib)] internal static extern TensorHandle simtorch_cat(nint* ts, int n, long dim, int stack);
    [DllImport(Lib)] internal static extern TensorHandle simtorch_reshape(TensorHandle a, long* shape, int ndim);
    [DllImport(Lib)] internal static extern TensorHandle simtorch_permute(TensorHandle a, long* dims, int ndim);
    [DllImport(Lib)] internal static extern TensorHandle simtorch_slice(TensorHandle a, long dim, long start, long end, long step);
    [DllImport(Lib)] internal static extern TensorHandle simtorch_to(TensorHandle a, int dtype, int device);
    [DllImport(Lib)] internal static extern TensorHandle simtorch_conv2d(TensorHandle x, TensorHandle w, nint b, long stride, long padding);
    [DllImport(Lib)] internal static extern TensorHandle simtorch_conv_transpose2d(TensorHandle x, TensorHandle w, nint b, long stride, long padding);
    [DllImport(Lib)] internal static extern TensorHandle simtorch_linear(TensorHandle x, TensorHandle w, nint b);
    [DllImport(Lib)] internal static extern TensorHandle simtorch_pool2d(TensorHandle x, int max, long kernel, long stride, long padding);
    [DllImport(Lib)] internal static extern TensorHandle simtorch_layer_norm(TensorHandle x, long normalizedLast, nint w, nint b, double eps);
    [DllImport(Lib)] internal static extern TensorHandle simtorch_elu(TensorHandle x, double alpha);

    [DllImport(Lib)] internal static extern int simtorch_set_requires_grad(TensorHandle t, int flag);
    [DllImport(Lib)] internal static extern int simtorch_requires_grad(TensorHandle t);
    [DllImport(Lib)] internal static extern int simtorch_backward(TensorHandle t, nint grad);
    [DllImport(Lib)] internal static extern TensorHandle simtorch_grad(TensorHandle t, int* hasGrad);
    [DllImport(Lib)] internal static extern int simtorch_zero_grad(TensorHandle t);
    [DllImport(Lib)] internal static extern int simtorch_clip_grad_norm(nint* ts, int n, double maxNorm, double* totalNorm);

    [DllImport(Lib)] internal static extern nint simtorch_optim_create(int kind, nint* ts, int n, double lr, double a, double b, double c, double weightDecay);
    [DllImport(Lib)] internal static extern int simtorch_optim_step(nint o);
    [DllImport(Lib)] internal static extern int simtorch_optim_zero_grad(nint o);
    [DllImport(Lib)] internal static extern int simtorch_optim_set_lr(nint o, double lr);
    [DllImport(Lib)] internal static extern void simtorch_optim_free(nint o);
    [DllImport(Lib)] internal static extern int simtorch_optim_save(nint o, byte** data, long* length);
    [DllImport(Lib)] internal static extern int simtorch_optim_load(nint o, byte* data, long length);

    [DllImport(Lib)] internal static extern int simtorch_save(nint* names, nint* ts, int n, byte** data, long* length);
    [DllImport(Lib)] internal static extern void simtorch_buffer_free(byte* data);
    [DllImport(Lib)] internal static extern nint simtorch_load(byte* data, long length);
    [DllImport(Lib)] internal static extern int simtorch_archive_count(nint a);
    [DllImport(Lib)] internal static extern byte* simtorch_archive_name(nint a, int i);
    [DllImport(Lib)] internal static extern TensorHandle simtorch_archive_tensor(nint a, int i);
    [DllImport(Lib)] internal static extern void simtorch_archive_free(nint a);
}
