#include "common.h"

#include <sys/mman.h>

#include <cstdint>
#include <cstdlib>
#include <string>

namespace netspec {

static Napi::Error typeError(const Napi::Env& env, const char* name, const char* what) {
  return Napi::TypeError::New(env, std::string(name) + ": expected " + what);
}

F32 f32Arg(const Napi::CallbackInfo& info, size_t i, const char* name) {
  Napi::Value v = info[i];
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_float32_array) {
    throw typeError(info.Env(), name, "a Float32Array");
  }
  Napi::Float32Array a = v.As<Napi::Float32Array>();
  return F32{a.Data(), a.ElementLength()};  // Data() already includes the byte offset
}

F32 outArg(const Napi::CallbackInfo& info, size_t i, const char* name) {
  F32 a = f32Arg(info, i, name);
  constexpr uintptr_t kHuge = 2u << 20;
  const size_t bytes = a.length * sizeof(float);
  static const bool enabled = [] {
    const char* v = std::getenv("NETSPEC_NO_HUGEPAGES");
    return !(v && v[0] == '1');
  }();
  if (enabled && bytes >= 2 * kHuge) {
    const uintptr_t begin = (reinterpret_cast<uintptr_t>(a.data) + kHuge - 1) & ~(kHuge - 1);
    const uintptr_t end = (reinterpret_cast<uintptr_t>(a.data) + bytes) & ~(kHuge - 1);
    if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);  // a hint; failure is fine
  }
  return a;
}

F32 optionalF32Arg(const Napi::CallbackInfo& info, size_t i, const char* name) {
  Napi::Value v = info[i];
  if (v.IsNull() || v.IsUndefined()) return F32{};
  return f32Arg(info, i, name);
}

std::vector<int64_t> intsArg(const Napi::CallbackInfo& info, size_t i, size_t count, const char* name) {
  Napi::Value v = info[i];
  if (!v.IsArray()) throw typeError(info.Env(), name, "an array of integers");
  Napi::Array a = v.As<Napi::Array>();
  if (a.Length() != count) {
    throw Napi::RangeError::New(info.Env(), std::string(name) + ": expected " + std::to_string(count) +
                                                " integers, got " + std::to_string(a.Length()));
  }
  std::vector<int64_t> out(count);
  for (uint32_t k = 0; k < count; ++k) {
    Napi::Value e = a.Get(k);
    if (!e.IsNumber()) throw typeError(info.Env(), name, "an array of integers");
    out[k] = e.As<Napi::Number>().Int64Value();
  }
  return out;
}

double numberArg(const Napi::CallbackInfo& info, size_t i, const char* name) {
  if (!info[i].IsNumber()) throw typeError(info.Env(), name, "a number");
  return info[i].As<Napi::Number>().DoubleValue();
}

bool boolArg(const Napi::CallbackInfo& info, size_t i, const char* name) {
  if (!info[i].IsBoolean()) throw typeError(info.Env(), name, "a boolean");
  return info[i].As<Napi::Boolean>().Value();
}

void requireLength(const Napi::Env& env, const F32& a, size_t expected, const char* name) {
  if (a.length != expected) {
    throw Napi::RangeError::New(env, std::string(name) + ": expected " + std::to_string(expected) +
                                         " floats, got " + std::to_string(a.length));
  }
}

std::mutex& addonMutex() {
  static std::mutex m;
  return m;
}

}  // namespace netspec
