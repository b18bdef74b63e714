#include "common.h"

#include <sys/mman.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace netspec {

static Napi::Error typeError(const Napi::Env& env, const char* name, const char* what) {
  return Napi::TypeError::New(env, std::string(name) + ": expected " + what);
}

F32 f32Value(const Napi::Env& env, const Napi::Value& v, const char* name, bool optional) {
  if (optional && (v.IsNull() || v.IsUndefined())) return F32{};
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_float32_array) {
    throw typeError(env, name, optional ? "a Float32Array or null" : "a Float32Array");
  }
  Napi::Float32Array a = v.As<Napi::Float32Array>();
  return F32{a.Data(), a.ElementLength()};  // Data() already includes the byte offset
}

F32 f32Arg(const Napi::CallbackInfo& info, size_t i, const char* name) { return f32Value(info.Env(), info[i], name); }

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
  return f32Value(info.Env(), info[i], name, true);
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

Napi::Object paramsArg(const Napi::CallbackInfo& info, size_t i, const char* fn) {
  Napi::Value v = info[i];
  if (!v.IsObject() || v.IsArray()) {
    throw Napi::TypeError::New(info.Env(), std::string(fn) + ": params: expected an object of named fields");
  }
  return v.As<Napi::Object>();
}

static Napi::Error fieldError(const Napi::Object& o, const char* fn, const char* field, const std::string& what) {
  return Napi::TypeError::New(o.Env(), std::string(fn) + ": params." + field + ": expected " + what);
}

// Raw napi calls, one per read: these run on every convolution, so no more calls than the
// positional array they replaced needed.
static napi_value getField(const Napi::Object& o, const char* field) {
  napi_value v = nullptr;
  if (napi_get_named_property(o.Env(), o, field, &v) != napi_ok) throw Napi::Error::New(o.Env());
  return v;
}

// A Number with no fractional part: 2.5 or NaN as a size is a bug in the caller, not something to truncate.
static bool toInt(napi_env env, napi_value v, int64_t* out) {
  double d;
  if (napi_get_value_double(env, v, &d) != napi_ok) return false;  // not a Number
  if (!(std::trunc(d) == d && std::abs(d) < 9007199254740992.0)) return false;
  *out = static_cast<int64_t>(d);
  return true;
}

int64_t intField(const Napi::Object& o, const char* fn, const char* field) {
  int64_t out;
  if (!toInt(o.Env(), getField(o, field), &out)) throw fieldError(o, fn, field, "an integer");
  return out;
}

void intsField(const Napi::Object& o, const char* fn, const char* field, int64_t* out, size_t count) {
  napi_env env = o.Env();
  napi_value a = getField(o, field);
  uint32_t length = 0;
  bool ok = napi_get_array_length(env, a, &length) == napi_ok && length == count;  // napi_array_expected otherwise
  for (uint32_t k = 0; ok && k < count; ++k) {
    napi_value e;
    ok = napi_get_element(env, a, k, &e) == napi_ok && toInt(env, e, &out[k]);
  }
  if (!ok) throw fieldError(o, fn, field, "an array of " + std::to_string(count) + " integers");
}

bool boolField(const Napi::Object& o, const char* fn, const char* field) {
  bool b;
  if (napi_get_value_bool(o.Env(), getField(o, field), &b) != napi_ok) throw fieldError(o, fn, field, "a boolean");
  return b;
}

double numberField(const Napi::Object& o, const char* fn, const char* field) {
  double d;
  if (napi_get_value_double(o.Env(), getField(o, field), &d) != napi_ok) throw fieldError(o, fn, field, "a number");
  return d;
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
