/* Flat C ABI of the Simulator libtorch shim. Every function catches C++ exceptions: on failure it returns
   a null handle or a negative status and stores the message for simtorch_last_error() on the calling thread.
   Handles are opaque heap objects owned by the caller and released with the matching *_free function. */
#ifndef SIMTORCH_H
#define SIMTORCH_H
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SIMTORCH_API __attribute__((visibility("default")))

typedef struct simtorch_tensor simtorch_tensor;
typedef struct simtorch_generator simtorch_generator;
typedef struct simtorch_optimizer simtorch_optimizer;
typedef struct simtorch_archive simtorch_archive;

/* dtype codes (stable, mirrored in C#): 0 float32, 1 float64, 2 int32, 3 int64, 4 uint8, 5 bool
   device codes: 0 cpu, 1 cuda (device index 0) */

SIMTORCH_API const char* simtorch_last_error(void);
SIMTORCH_API const char* simtorch_version(void);
SIMTORCH_API int32_t simtorch_cuda_available(void);
SIMTORCH_API int32_t simtorch_cuda_device_count(void);
SIMTORCH_API int32_t simtorch_manual_seed(uint64_t seed);
SIMTORCH_API int32_t simtorch_set_num_threads(int32_t n);
SIMTORCH_API int32_t simtorch_get_num_threads(void);
SIMTORCH_API int32_t simtorch_grad_mode(int32_t enabled); /* sets thread-local grad mode, returns previous (0/1) */

SIMTORCH_API simtorch_generator* simtorch_generator_create(uint64_t seed);
SIMTORCH_API void simtorch_generator_free(simtorch_generator* g);

/* creation */
SIMTORCH_API void simtorch_tensor_free(simtorch_tensor* t);
SIMTORCH_API simtorch_tensor* simtorch_tensor_from_data(const void* data, const int64_t* shape, int32_t ndim, int32_t dtype, int32_t device);
SIMTORCH_API simtorch_tensor* simtorch_tensor_from_blob(void* data, const int64_t* shape, int32_t ndim, int32_t dtype);
SIMTORCH_API simtorch_tensor* simtorch_tensor_full(const int64_t* shape, int32_t ndim, double value, int32_t dtype, int32_t device);
/* kind: 0 uniform [0,1), 1 standard normal, 2 uniform [lo,hi), 3 normal(mean=lo, std=hi); g may be null (global generator) */
SIMTORCH_API simtorch_tensor* simtorch_tensor_random(const int64_t* shape, int32_t ndim, int32_t kind, double lo, double hi, simtorch_generator* g, int32_t dtype, int32_t device);
SIMTORCH_API simtorch_tensor* simtorch_tensor_arange(int64_t n, int32_t dtype, int32_t device);

/* queries */
SIMTORCH_API int32_t simtorch_tensor_ndim(simtorch_tensor* t);
SIMTORCH_API int32_t simtorch_tensor_shape(simtorch_tensor* t, int64_t* out, int32_t cap);
SIMTORCH_API int32_t simtorch_tensor_dtype(simtorch_tensor* t);
SIMTORCH_API int32_t simtorch_tensor_device(simtorch_tensor* t);
SIMTORCH_API int64_t simtorch_tensor_numel(simtorch_tensor* t);
SIMTORCH_API int32_t simtorch_tensor_copy_out(simtorch_tensor* t, void* dst, int64_t bytes);
SIMTORCH_API int32_t simtorch_tensor_item(simtorch_tensor* t, double* out);
SIMTORCH_API int32_t simtorch_tensor_copy_(simtorch_tensor* dst, simtorch_tensor* src); /* in place, no grad */
SIMTORCH_API int32_t simtorch_tensor_set_data(simtorch_tensor* dst, simtorch_tensor* src); /* swap storage, keep identity */
SIMTORCH_API int32_t simtorch_tensor_fill_(simtorch_tensor* t, double value);           /* in place, no grad */

/* generic ops; op codes are listed in simtorch_ops.h and mirrored in C# */
SIMTORCH_API simtorch_tensor* simtorch_unary(int32_t op, simtorch_tensor* a);
SIMTORCH_API simtorch_tensor* simtorch_binary(int32_t op, simtorch_tensor* a, simtorch_tensor* b);
SIMTORCH_API simtorch_tensor* simtorch_scalar(int32_t op, simtorch_tensor* a, double s);
SIMTORCH_API simtorch_tensor* simtorch_clamp(simtorch_tensor* a, double lo, double hi);
SIMTORCH_API simtorch_tensor* simtorch_where(simtorch_tensor* cond, simtorch_tensor* a, simtorch_tensor* b);
SIMTORCH_API simtorch_tensor* simtorch_reduce(int32_t op, simtorch_tensor* a, const int64_t* dims, int32_t ndims, int32_t keepdim);
SIMTORCH_API simtorch_tensor* simtorch_softmax(simtorch_tensor* a, int64_t dim, int32_t log);
SIMTORCH_API simtorch_tensor* simtorch_gather(simtorch_tensor* a, int64_t dim, simtorch_tensor* index);
SIMTORCH_API simtorch_tensor* simtorch_index_select(simtorch_tensor* a, int64_t dim, simtorch_tensor* index);
SIMTORCH_API simtorch_tensor* simtorch_cat(simtorch_tensor** ts, int32_t n, int64_t dim, int32_t stack);
SIMTORCH_API simtorch_tensor* simtorch_reshape(simtorch_tensor* a, const int64_t* shape, int32_t ndim);
SIMTORCH_API simtorch_tensor* simtorch_permute(simtorch_tensor* a, const int64_t* dims, int32_t ndim);
SIMTORCH_API simtorch_tensor* simtorch_slice(simtorch_tensor* a, int64_t dim, int64_t start, int64_t end, int64_t step);
SIMTORCH_API simtorch_tensor* simtorch_to(simtorch_tensor* a, int32_t dtype, int32_t device); /* -1 keeps */
SIMTORCH_API simtorch_tensor* simtorch_conv2d(simtorch_tensor* x, simtorch_tensor* w, simtorch_tensor* b, int64_t stride, int64_t padding);
SIMTORCH_API simtorch_tensor* simtorch_conv_transpose2d(simtorch_tensor* x, simtorch_tensor* w, simtorch_tensor* b, int64_t stride, int64_t padding);
SIMTORCH_API simtorch_tensor* simtorch_linear(simtorch_tensor* x, simtorch_tensor* w, simtorch_tensor* b);
SIMTORCH_API simtorch_tensor* simtorch_pool2d(simtorch_tensor* x, int32_t max, int64_t kernel, int64_t stride, int64_t padding);
SIMTORCH_API simtorch_tensor* simtorch_layer_norm(simtorch_tensor* x, int64_t normalized_last, simtorch_tensor* w, simtorch_tensor* b, double eps);
SIMTORCH_API simtorch_tensor* simtorch_elu(simtorch_tensor* x, double alpha);

/* autograd */
SIMTORCH_API int32_t simtorch_set_requires_grad(simtorch_tensor* t, int32_t flag);
SIMTORCH_API int32_t simtorch_requires_grad(simtorch_tensor* t);
SIMTORCH_API int32_t simtorch_backward(simtorch_tensor* t, simtorch_tensor* grad /* nullable */);
SIMTORCH_API simtorch_tensor* simtorch_grad(simtorch_tensor* t, int32_t* has_grad);
SIMTORCH_API int32_t simtorch_zero_grad(simtorch_tensor* t);
SIMTORCH_API int32_t simtorch_clip_grad_norm(simtorch_tensor** ts, int32_t n, double max_norm, double* total_norm);

/* optimizers: kind 0 Adam (a=beta1, b=beta2, c=eps), 1 SGD (a=momentum, b=dampening, c=nesterov 0/1) */
SIMTORCH_API simtorch_optimizer* simtorch_optim_create(int32_t kind, simtorch_tensor** params, int32_t n, double lr, double a, double b, double c, double weight_decay);
SIMTORCH_API int32_t simtorch_optim_step(simtorch_optimizer* o);
SIMTORCH_API int32_t simtorch_optim_zero_grad(simtorch_optimizer* o);
SIMTORCH_API int32_t simtorch_optim_set_lr(simtorch_optimizer* o, double lr);
SIMTORCH_API void simtorch_optim_free(simtorch_optimizer* o);
/* optimizer state (e.g. Adam moments and step counts) as bytes; free with simtorch_buffer_free */
SIMTORCH_API int32_t simtorch_optim_save(simtorch_optimizer* o, uint8_t** out_data, int64_t* out_len);
SIMTORCH_API int32_t simtorch_optim_load(simtorch_optimizer* o, const uint8_t* data, int64_t len);

/* serialization: a named, ordered list of tensors pickled like torch.save of a dict (readable by torch.load) */
SIMTORCH_API int32_t simtorch_save(const char** names, simtorch_tensor** ts, int32_t n, uint8_t** out_data, int64_t* out_len);
SIMTORCH_API void simtorch_buffer_free(uint8_t* data);
SIMTORCH_API simtorch_archive* simtorch_load(const uint8_t* data, int64_t len);
SIMTORCH_API int32_t simtorch_archive_count(simtorch_archive* a);
SIMTORCH_API const char* simtorch_archive_name(simtorch_archive* a, int32_t i);
SIMTORCH_API simtorch_tensor* simtorch_archive_tensor(simtorch_archive* a, int32_t i);
SIMTORCH_API void simtorch_archive_free(simtorch_archive* a);

#ifdef __cplusplus
}
#endif
#endif
