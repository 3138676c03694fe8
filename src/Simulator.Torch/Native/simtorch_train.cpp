// Autograd, optimizers, gradient clipping and serialization: the parts that need the torch C++ API.
#include "simtorch_internal.h"
#include <torch/csrc/jit/serialization/pickle.h>
#include <torch/types.h>
#include <torch/nn/utils/clip_grad.h>
#include <torch/optim/adam.h>
#include <torch/optim/sgd.h>
#include <torch/serialize/input-archive.h>
#include <torch/serialize/output-archive.h>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

using simtorch::get;
using simtorch::wrap;

struct simtorch_optimizer { std::unique_ptr<torch::optim::Optimizer> impl; };
struct simtorch_archive {
    std::vector<std::string> names;
    std::vector<at::Tensor> tensors;
};

namespace {
std::vector<at::Tensor> list_of(simtorch_tensor** ts, int32_t n) {
    TORCH_CHECK(n >= 0 && (n == 0 || ts != nullptr), "bad tensor list");
    std::vector<at::Tensor> list;
    list.reserve(static_cast<size_t>(n));
    for (int32_t i = 0; i < n; ++i) list.push_back(get(ts[i]));
    return list;
}
}  // namespace

extern "C" {

int32_t simtorch_set_requires_grad(simtorch_tensor* t, int32_t flag) { SIMTORCH_GUARD(-1, get(t).requires_grad_(flag != 0); return 0;) }
int32_t simtorch_requires_grad(simtorch_tensor* t) { SIMTORCH_GUARD(-1, return get(t).requires_grad() ? 1 : 0;) }

int32_t simtorch_backward(simtorch_tensor* t, simtorch_tensor* grad) {
    SIMTORCH_GUARD(-1, {
        if (grad == nullptr) get(t).backward();
        else get(t).backward(get(grad));
        return 0;
    })
}

simtorch_tensor* simtorch_grad(simtorch_tensor* t, int32_t* has_grad) {
    SIMTORCH_GUARD(nullptr, {
        const at::Tensor& g = get(t).grad();
        *has_grad = g.defined() ? 1 : 0;
        return g.defined() ? wrap(g) : nullptr;
    })
}

int32_t simtorch_zero_grad(simtorch_tensor* t) {
    SIMTORCH_GUARD(-1, {
        at::Tensor& g = get(t).mutable_grad();
        if (g.defined()) {
            g = g.detach();
            g.zero_();
        }
        return 0;
    })
}

int32_t simtorch_clip_grad_norm(simtorch_tensor** ts, int32_t n, double max_norm, double* total_norm) {
    SIMTORCH_GUARD(-1, *total_norm = torch::nn::utils::clip_grad_norm_(list_of(ts, n), max_norm); return 0;)
}

simtorch_optimizer* simtorch_optim_create(int32_t kind, simtorch_tensor** params, int32_t n, double lr, double a, double b,
                                          double c, double weight_decay) {
    SIMTORCH_GUARD(nullptr, {
        auto list = list_of(params, n);
        auto* o = new simtorch_optimizer();
        if (kind == 0) {
            auto opts = torch::optim::AdamOptions(lr).betas({a, b}).eps(c).weight_decay(weight_decay);
            o->impl = std::make_unique<torch::optim::Adam>(list, opts);
        } else if (kind == 1) {
            auto opts = torch::optim::SGDOptions(lr).momentum(a).dampening(b).nesterov(c != 0.0).weight_decay(weight_decay);
            o->impl = std::make_unique<torch::optim::SGD>(list, opts);
        } else {
            delete o;
            TORCH_CHECK(false, "unknown optimizer kind ", kind);
        }
        return o;
    })
}

int32_t simtorch_optim_step(simtorch_optimizer* o) { SIMTORCH_GUARD(-1, o->impl->step(); return 0;) }
int32_t simtorch_optim_zero_grad(simtorch_optimizer* o) { SIMTORCH_GUARD(-1, o->impl->zero_grad(); return 0;) }
int32_t simtorch_optim_set_lr(simtorch_optimizer* o, double lr) {
    SIMTORCH_GUARD(-1, {
        for (auto& group : o->impl->param_groups()) group.options().set_lr(lr);
        return 0;
    })
}
void simtorch_optim_free(simtorch_optimizer* o) { delete o; }

namespace {
uint8_t* copy_out(const std::string& bytes, int64_t* out_len) {
    auto* buf = static_cast<uint8_t*>(std::malloc(bytes.empty() ? 1 : bytes.size()));
    TORCH_CHECK(buf != nullptr, "out of memory for ", bytes.size(), " bytes");
    std::memcpy(buf, bytes.data(), bytes.size());
    *out_len = static_cast<int64_t>(bytes.size());
    return buf;
}
}  // namespace

int32_t simtorch_optim_save(simtorch_optimizer* o, uint8_t** out_data, int64_t* out_len) {
    SIMTORCH_GUARD(-1, {
        torch::serialize::OutputArchive archive;
        o->impl->save(archive);
        std::string bytes;
        archive.save_to([&bytes](const void* buf, size_t n) -> size_t {
            bytes.append(static_cast<const char*>(buf), n);
            return n;
        });
        *out_data = copy_out(bytes, out_len);
        return 0;
    })
}

int32_t simtorch_optim_load(simtorch_optimizer* o, const uint8_t* data, int64_t len) {
    SIMTORCH_GUARD(-1, {
        TORCH_CHECK(data != nullptr && len > 0, "empty optimizer state");
        torch::serialize::InputArchive archive;
        archive.load_from(reinterpret_cast<const char*>(data), static_cast<size_t>(len));
        o->impl->load(archive);
        return 0;
    })
}

int32_t simtorch_save(const char** names, simtorch_tensor** ts, int32_t n, uint8_t** out_data, int64_t* out_len) {
    SIMTORCH_GUARD(-1, {
        c10::Dict<std::string, at::Tensor> dict;
        for (int32_t i = 0; i < n; ++i) {
            TORCH_CHECK(names[i] != nullptr, "null tensor name at ", i);
            auto inserted = dict.insert(names[i], get(ts[i]).detach().to(at::kCPU).contiguous());
            TORCH_CHECK(inserted.second, "duplicate tensor name '", names[i], "'");
        }
        std::vector<char> bytes = torch::jit::pickle_save(c10::IValue(dict));
        auto* buf = static_cast<uint8_t*>(std::malloc(bytes.size() ? bytes.size() : 1));
        TORCH_CHECK(buf != nullptr, "out of memory for ", bytes.size(), " bytes");
        std::memcpy(buf, bytes.data(), bytes.size());
        *out_data = buf;
        *out_len = static_cast<int64_t>(bytes.size());
        return 0;
    })
}

void simtorch_buffer_free(uint8_t* data) { std::free(data); }

simtorch_archive* simtorch_load(const uint8_t* data, int64_t len) {
    SIMTORCH_GUARD(nullptr, {
        TORCH_CHECK(len >= 0 && (len == 0 || data != nullptr), "bad buffer");
        std::vector<char> bytes(reinterpret_cast<const char*>(data), reinterpret_cast<const char*>(data) + len);
        c10::IValue value = torch::jit::pickle_load(bytes);
        TORCH_CHECK(value.isGenericDict(), "not a dictionary of named tensors");
        auto archive = std::make_unique<simtorch_archive>();
        for (const auto& item : value.toGenericDict()) {
            TORCH_CHECK(item.key().isString() && item.value().isTensor(), "entry is not a (name, tensor) pair");
            archive->names.push_back(item.key().toStringRef());
            archive->tensors.push_back(item.value().toTensor());
        }
        return archive.release();
    })
}

int32_t simtorch_archive_count(simtorch_archive* a) { SIMTORCH_GUARD(-1, return static_cast<int32_t>(a->names.size());) }
const char* simtorch_archive_name(simtorch_archive* a, int32_t i) {
    SIMTORCH_GUARD(nullptr, return a->names.at(static_cast<size_t>(i)).c_str();)
}
simtorch_tensor* simtorch_archive_tensor(simtorch_archive* a, int32_t i) {
    SIMTORCH_GUARD(nullptr, return wrap(a->tensors.at(static_cast<size_t>(i)));)
}
void simtorch_archive_free(simtorch_archive* a) { delete a; }

}  // extern "C"
