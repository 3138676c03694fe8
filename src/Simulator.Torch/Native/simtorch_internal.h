// Shared plumbing of the shim's translation units: handle casts, dtype/device codes and the exception guard.
#pragma once
#include "simtorch.h"
#include <ATen/ATen.h>
#include <string>

struct simtorch_tensor { at::Tensor t; };
struct simtorch_generator { at::Generator g; };

namespace simtorch {

void set_error(const char* message);

inline at::ScalarType to_dtype(int32_t code) {
    switch (code) {
        case 0: return at::kFloat;
        case 1: return at::kDouble;
        case 2: return at::kInt;
        case 3: return at::kLong;
        case 4: return at::kByte;
        case 5: return at::kBool;
        default: TORCH_CHECK(false, "unknown dtype code ", code);
    }
}

inline int32_t from_dtype(at::ScalarType s) {
    switch (s) {
        case at::kFloat: return 0;
        case at::kDouble: return 1;
        case at::kInt: return 2;
        case at::kLong: return 3;
        case at::kByte: return 4;
        case at::kBool: return 5;
        default: TORCH_CHECK(false, "dtype ", s, " has no code in the shim");
    }
}

inline at::Device to_device(int32_t code) {
    TORCH_CHECK(code == 0 || code == 1, "unknown device code ", code);
    return code == 0 ? at::Device(at::kCPU) : at::Device(at::kCUDA, 0);
}

inline simtorch_tensor* wrap(at::Tensor t) { return new simtorch_tensor{std::move(t)}; }

inline at::Tensor& get(simtorch_tensor* h) {
    TORCH_CHECK(h != nullptr, "null tensor handle");
    TORCH_CHECK(h->t.defined(), "undefined tensor");
    return h->t;
}

}  // namespace simtorch

// c10::Error::what() carries a C++ backtrace; what_without_backtrace() is the message users need.
#define SIMTORCH_GUARD(fail_value, ...)                                         \
    try { __VA_ARGS__ }                                                                \
    catch (const c10::Error& e) { simtorch::set_error(e.what_without_backtrace()); return fail_value; } \
    catch (const std::exception& e) { simtorch::set_error(e.what()); return fail_value; }          \
    catch (...) { simtorch::set_error("unknown C++ exception"); return fail_value; }
