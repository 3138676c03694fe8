// The op table: generic unary/binary/scalar/reduction entry points dispatched on small integer codes (mirrored
// by TensorOps codes in C#), plus the layer ops the models need. No logic beyond argument checking.
#include "simtorch_internal.h"

using simtorch::get;
using simtorch::wrap;

namespace {
at::Tensor unary(int32_t op, const at::Tensor& a) {
    switch (op) {
        case 0: return at::neg(a);
        case 1: return at::exp(a);
        case 2: return at::log(a);
        case 3: return at::sqrt(a);
        case 4: return at::abs(a);
        case 5: return at::relu(a);
        case 6: return at::tanh(a);
        case 7: return at::sigmoid(a);
        case 8: return a.detach();
        case 9: return a.clone();
        case 10: return a.contiguous();
        case 11: return at::square(a);
        case 12: return at::sign(a);
        case 13: return at::softplus(a);
        case 14: return at::log1p(a);
        case 15: return at::atanh(a);
        case 16: return at::lgamma(a);
        case 17: return at::digamma(a);
        default: TORCH_CHECK(false, "unknown unary op ", op);
    }
}

at::Tensor binary(int32_t op, const at::Tensor& a, const at::Tensor& b) {
    switch (op) {
        case 0: return at::add(a, b);
        case 1: return at::sub(a, b);
        case 2: return at::mul(a, b);
        case 3: return at::div(a, b);
        case 4:
            // ATen's own message omits the second operand's shape when both are matrices in some paths.
            TORCH_CHECK(a.dim() < 2 || b.dim() < 1 || a.size(-1) == b.size(b.dim() >= 2 ? -2 : 0),
                        "matmul: shapes ", a.sizes(), " and ", b.sizes(), " cannot be multiplied");
            return at::matmul(a, b);
        case 5: return at::pow(a, b);
        case 6: return at::maximum(a, b);
        case 7: return at::minimum(a, b);
        case 8: return at::mse_loss(a, b);
        case 9: return at::eq(a, b);
        case 10: return at::gt(a, b);
        case 11: return at::lt(a, b);
        case 12: return at::ge(a, b);
        case 13: return at::le(a, b);
        default: TORCH_CHECK(false, "unknown binary op ", op);
    }
}

at::Tensor scalar(int32_t op, const at::Tensor& a, double s) {
    switch (op) {
        case 0: return at::add(a, s);
        case 1: return at::sub(a, s);
        case 2: return at::mul(a, s);
        case 3: return at::div(a, s);
        case 4: return at::pow(a, s);
        case 5: return at::rsub(a, s);
        case 6: return at::mul(at::reciprocal(a), s);
        case 7: return at::clamp_min(a, s);
        case 8: return at::clamp_max(a, s);
        case 9: return at::gt(a, s);
        case 10: return at::lt(a, s);
        case 11: return at::eq(a, s);
        default: TORCH_CHECK(false, "unknown scalar op ", op);
    }
}

at::Tensor reduce(int32_t op, const at::Tensor& a, at::IntArrayRef dims, bool keep) {
    bool all = dims.empty();
    switch (op) {
        case 0: return all ? at::sum(a) : at::sum(a, dims, keep);
        case 1: return all ? at::mean(a) : at::mean(a, dims, keep);
        case 2:
            if (all) return at::max(a);
            TORCH_CHECK(dims.size() == 1, "max reduces over one dimension");
            return std::get<0>(at::max(a, dims[0], keep));
        case 3:
            if (all) return at::min(a);
            TORCH_CHECK(dims.size() == 1, "min reduces over one dimension");
            return std::get<0>(at::min(a, dims[0], keep));
        case 4:
            TORCH_CHECK(dims.size() <= 1, "argmax reduces over one dimension");
            return all ? at::argmax(a) : at::argmax(a, dims[0], keep);
        case 5:
            TORCH_CHECK(dims.size() <= 1, "argmin reduces over one dimension");
            return all ? at::argmin(a) : at::argmin(a, dims[0], keep);
        case 6: {
            std::vector<int64_t> every;
            for (int64_t i = 0; i < a.dim(); ++i) every.push_back(i);
            return at::logsumexp(a, all ? at::IntArrayRef(every) : dims, keep);
        }
        case 7: return all ? at::var(a, false) : at::var(a, dims, false, keep);
        default: TORCH_CHECK(false, "unknown reduction ", op);
    }
}
}  // namespace

extern "C" {

simtorch_tensor* simtorch_unary(int32_t op, simtorch_tensor* a) { SIMTORCH_GUARD(nullptr, return wrap(unary(op, get(a)));) }
simtorch_tensor* simtorch_binary(int32_t op, simtorch_tensor* a, simtorch_tensor* b) {
    SIMTORCH_GUARD(nullptr, return wrap(binary(op, get(a), get(b)));)
}
simtorch_tensor* simtorch_scalar(int32_t op, simtorch_tensor* a, double s) { SIMTORCH_GUARD(nullptr, return wrap(scalar(op, get(a), s));) }
simtorch_tensor* simtorch_clamp(simtorch_tensor* a, double lo, double hi) { SIMTORCH_GUARD(nullptr, return wrap(at::clamp(get(a), lo, hi));) }
simtorch_tensor* simtorch_where(simtorch_tensor* c, simtorch_tensor* a, simtorch_tensor* b) {
    SIMTORCH_GUARD(nullptr, return wrap(at::where(get(c), get(a), get(b)));)
}
simtorch_tensor* simtorch_reduce(int32_t op, simtorch_tensor* a, const int64_t* dims, int32_t ndims, int32_t keepdim) {
    SIMTORCH_GUARD(nullptr, return wrap(reduce(op, get(a), at::IntArrayRef(dims, static_cast<size_t>(ndims)), keepdim != 0));)
}
simtorch_tensor* simtorch_softmax(simtorch_tensor* a, int64_t dim, int32_t log) {
    SIMTORCH_GUARD(nullptr, return wrap(log ? at::log_softmax(get(a), dim) : at::softmax(get(a), dim));)
}
simtorch_tensor* simtorch_gather(simtorch_tensor* a, int64_t dim, simtorch_tensor* index) {
    SIMTORCH_GUARD(nullptr, return wrap(at::gather(get(a), dim, get(index)));)
}
simtorch_tensor* simtorch_index_select(simtorch_tensor* a, int64_t dim, simtorch_tensor* index) {
    SIMTORCH_GUARD(nullptr, return wrap(at::index_select(get(a), dim, get(index)));)
}
simtorch_tensor* simtorch_cat(simtorch_tensor** ts, int32_t n, int64_t dim, int32_t stack) {
    SIMTORCH_GUARD(nullptr, {
        std::vector<at::Tensor> list;
        list.reserve(static_cast<size_t>(n));
        for (int32_t i = 0; i < n; ++i) list.push_back(get(ts[i]));
        return wrap(stack ? at::stack(list, dim) : at::cat(list, dim));
    })
}
simtorch_tensor* simtorch_reshape(simtorch_tensor* a, const int64_t* shape, int32_t ndim) {
    SIMTORCH_GUARD(nullptr, return wrap(at::reshape(get(a), at::IntArrayRef(shape, static_cast<size_t>(ndim))));)
}
simtorch_tensor* simtorch_permute(simtorch_tensor* a, const int64_t* dims, int32_t ndim) {
    SIMTORCH_GUARD(nullptr, return wrap(get(a).permute(at::IntArrayRef(dims, static_cast<size_t>(ndim))));)
}
simtorch_tensor* simtorch_slice(simtorch_tensor* a, int64_t dim, int64_t start, int64_t end, int64_t step) {
    SIMTORCH_GUARD(nullptr, return wrap(get(a).slice(dim, start, end, step));)
}
simtorch_tensor* simtorch_to(simtorch_tensor* a, int32_t dtype, int32_t device) {
    SIMTORCH_GUARD(nullptr, {
        const at::Tensor& t = get(a);
        at::ScalarType st = dtype < 0 ? t.scalar_type() : simtorch::to_dtype(dtype);
        at::Device dev = device < 0 ? t.device() : simtorch::to_device(device);
        return wrap(t.to(dev, st));
    })
}
simtorch_tensor* simtorch_conv2d(simtorch_tensor* x, simtorch_tensor* w, simtorch_tensor* b, int64_t stride, int64_t padding) {
    SIMTORCH_GUARD(nullptr, {
        c10::optional<at::Tensor> bias;
        if (b != nullptr) bias = get(b);
        return wrap(at::conv2d(get(x), get(w), bias, {stride, stride}, {padding, padding}));
    })
}
simtorch_tensor* simtorch_conv_transpose2d(simtorch_tensor* x, simtorch_tensor* w, simtorch_tensor* b, int64_t stride, int64_t padding) {
    SIMTORCH_GUARD(nullptr, {
        c10::optional<at::Tensor> bias;
        if (b != nullptr) bias = get(b);
        return wrap(at::conv_transpose2d(get(x), get(w), bias, {stride, stride}, {padding, padding}));
    })
}
simtorch_tensor* simtorch_linear(simtorch_tensor* x, simtorch_tensor* w, simtorch_tensor* b) {
    SIMTORCH_GUARD(nullptr, {
        const at::Tensor& xt = get(x);
        const at::Tensor& wt = get(w);
        TORCH_CHECK(xt.dim() >= 1 && wt.dim() == 2 && xt.size(-1) == wt.size(1),
                    "linear: input ", xt.sizes(), " does not match weight ", wt.sizes());
        c10::optional<at::Tensor> bias;
        if (b != nullptr) bias = get(b);
        return wrap(at::linear(xt, wt, bias));
    })
}
simtorch_tensor* simtorch_pool2d(simtorch_tensor* x, int32_t max, int64_t kernel, int64_t stride, int64_t padding) {
    SIMTORCH_GUARD(nullptr, {
        return wrap(max ? at::max_pool2d(get(x), {kernel, kernel}, {stride, stride}, {padding, padding})
                        : at::avg_pool2d(get(x), {kernel, kernel}, {stride, stride}, {padding, padding}));
    })
}
simtorch_tensor* simtorch_layer_norm(simtorch_tensor* x, int64_t normalized_last, simtorch_tensor* w, simtorch_tensor* b, double eps) {
    SIMTORCH_GUARD(nullptr, {
        c10::optional<at::Tensor> wt, bt;
        if (w != nullptr) wt = get(w);
        if (b != nullptr) bt = get(b);
        return wrap(at::layer_norm(get(x), {normalized_last}, wt, bt, eps));
    })
}
simtorch_tensor* simtorch_elu(simtorch_tensor* x, double alpha) { SIMTORCH_GUARD(nullptr, return wrap(at::elu(get(x), alpha));) }

}  // extern "C"
