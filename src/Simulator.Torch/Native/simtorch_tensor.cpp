// Tensor creation, queries and the op table. Kept on ATen only (no torch/torch.h) to keep compile time down.
#include "simtorch_internal.h"
#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>
#include <torch/cuda.h>
#include <torch/version.h>
#include <cstring>

using simtorch::get;
using simtorch::wrap;

namespace {
thread_local std::string t_last_error;

at::IntArrayRef dims_of(const int64_t* shape, int32_t ndim) {
    TORCH_CHECK(ndim >= 0 && (ndim == 0 || shape != nullptr), "bad shape argument");
    return at::IntArrayRef(shape, static_cast<size_t>(ndim));
}

at::TensorOptions options(int32_t dtype, int32_t device) {
    return at::TensorOptions().dtype(simtorch::to_dtype(dtype)).device(simtorch::to_device(device));
}
}  // namespace

void simtorch::set_error(const char* message) { t_last_error = message ? message : "(null)"; }

extern "C" {

const char* simtorch_last_error(void) { return t_last_error.c_str(); }
const char* simtorch_version(void) { return TORCH_VERSION; }

int32_t simtorch_cuda_available(void) { SIMTORCH_GUARD(0, return torch::cuda::is_available() ? 1 : 0;) }
int32_t simtorch_cuda_device_count(void) {
    SIMTORCH_GUARD(0, return static_cast<int32_t>(torch::cuda::device_count());)
}
int32_t simtorch_manual_seed(uint64_t seed) { SIMTORCH_GUARD(-1, at::manual_seed(seed); return 0;) }
int32_t simtorch_set_num_threads(int32_t n) { SIMTORCH_GUARD(-1, at::set_num_threads(n); return 0;) }
int32_t simtorch_get_num_threads(void) { SIMTORCH_GUARD(-1, return at::get_num_threads();) }
int32_t simtorch_grad_mode(int32_t enabled) {
    SIMTORCH_GUARD(-1, bool prev = at::GradMode::is_enabled(); at::GradMode::set_enabled(enabled != 0); return prev ? 1 : 0;)
}

simtorch_generator* simtorch_generator_create(uint64_t seed) {
    SIMTORCH_GUARD(nullptr, return new simtorch_generator{at::detail::createCPUGenerator(seed)};)
}
void simtorch_generator_free(simtorch_generator* g) { delete g; }

void simtorch_tensor_free(simtorch_tensor* t) { delete t; }

simtorch_tensor* simtorch_tensor_from_data(const void* data, const int64_t* shape, int32_t ndim, int32_t dtype, int32_t device) {
    SIMTORCH_GUARD(nullptr, {
        at::Tensor t = at::empty(dims_of(shape, ndim), options(dtype, 0));
        if (t.numel() > 0) {
            TORCH_CHECK(data != nullptr, "null data pointer");
            std::memcpy(t.data_ptr(), data, t.numel() * t.element_size());
        }
        return wrap(device == 0 ? t : t.to(simtorch::to_device(device)));
    })
}

simtorch_tensor* simtorch_tensor_from_blob(void* data, const int64_t* shape, int32_t ndim, int32_t dtype) {
    SIMTORCH_GUARD(nullptr, return wrap(at::from_blob(data, dims_of(shape, ndim), options(dtype, 0)));)
}

simtorch_tensor* simtorch_tensor_full(const int64_t* shape, int32_t ndim, double value, int32_t dtype, int32_t device) {
    SIMTORCH_GUARD(nullptr, return wrap(at::full(dims_of(shape, ndim), value, options(dtype, device)));)
}

simtorch_tensor* simtorch_tensor_random(const int64_t* shape, int32_t ndim, int32_t kind, double lo, double hi,
                                        simtorch_generator* g, int32_t dtype, int32_t device) {
    SIMTORCH_GUARD(nullptr, {
        // Drawn on the CPU so a seed gives the same numbers whatever the device.
        c10::optional<at::Generator> gen;
        if (g != nullptr) gen = g->g;
        at::Tensor t = at::empty(dims_of(shape, ndim), options(dtype, 0));
        switch (kind) {
            case 0: t.uniform_(0.0, 1.0, gen); break;
            case 1: t.normal_(0.0, 1.0, gen); break;
            case 2: t.uniform_(lo, hi, gen); break;
            case 3: t.normal_(lo, hi, gen); break;
            default: TORCH_CHECK(false, "unknown random kind ", kind);
        }
        return wrap(device == 0 ? t : t.to(simtorch::to_device(device)));
    })
}

simtorch_tensor* simtorch_tensor_arange(int64_t n, int32_t dtype, int32_t device) {
    SIMTORCH_GUARD(nullptr, return wrap(at::arange(n, options(dtype, device)));)
}

int32_t simtorch_tensor_ndim(simtorch_tensor* t) { SIMTORCH_GUARD(-1, return static_cast<int32_t>(get(t).dim());) }
int32_t simtorch_tensor_shape(simtorch_tensor* t, int64_t* out, int32_t cap) {
    SIMTORCH_GUARD(-1, {
        auto sizes = get(t).sizes();
        TORCH_CHECK(static_cast<int32_t>(sizes.size()) <= cap, "shape buffer too small");
        for (size_t i = 0; i < sizes.size(); ++i) out[i] = sizes[i];
        return static_cast<int32_t>(sizes.size());
    })
}
int32_t simtorch_tensor_dtype(simtorch_tensor* t) { SIMTORCH_GUARD(-1, return simtorch::from_dtype(get(t).scalar_type());) }
int32_t simtorch_tensor_device(simtorch_tensor* t) { SIMTORCH_GUARD(-1, return get(t).is_cuda() ? 1 : 0;) }
int64_t simtorch_tensor_numel(simtorch_tensor* t) { SIMTORCH_GUARD(-1, return get(t).numel();) }

int32_t simtorch_tensor_copy_out(simtorch_tensor* t, void* dst, int64_t bytes) {
    SIMTORCH_GUARD(-1, {
        at::Tensor c = get(t).detach().to(at::kCPU).contiguous();
        int64_t need = c.numel() * static_cast<int64_t>(c.element_size());
        TORCH_CHECK(bytes == need, "copy_out: destination holds ", bytes, " bytes, tensor ", c.sizes(), " needs ", need);
        if (need > 0) std::memcpy(dst, c.data_ptr(), static_cast<size_t>(need));
        return 0;
    })
}

int32_t simtorch_tensor_item(simtorch_tensor* t, double* out) {
    SIMTORCH_GUARD(-1, *out = get(t).item<double>(); return 0;)
}

int32_t simtorch_tensor_copy_(simtorch_tensor* dst, simtorch_tensor* src) {
    SIMTORCH_GUARD(-1, at::NoGradGuard ng; get(dst).copy_(get(src)); return 0;)
}

int32_t simtorch_tensor_set_data(simtorch_tensor* dst, simtorch_tensor* src) {
    SIMTORCH_GUARD(-1, get(dst).set_data(get(src)); return 0;)
}

int32_t simtorch_tensor_fill_(simtorch_tensor* t, double value) {
    SIMTORCH_GUARD(-1, at::NoGradGuard ng; get(t).fill_(value); return 0;)
}

}  // extern "C"
