// Argument plumbing shared by the kernels: JS Float32Arrays are read and written in place
// (no copies), shape parameters arrive as plain number arrays.
#pragma once
#include <napi.h>

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <vector>

namespace netspec {

struct F32 {
  float* data = nullptr;
  size_t length = 0;
};

// The Float32Array at info[i]; throws a JS TypeError for anything else.
F32 f32Arg(const Napi::CallbackInfo& info, size_t i, const char* name);
// The same for a value that is not an argument (an array's element); null/undefined give an empty
// F32 when `optional`. `name` names the value in the TypeError.
F32 f32Value(const Napi::Env& env, const Napi::Value& v, const char* name, bool optional = false);
// An output Float32Array, freshly allocated by JS and not yet touched: large ones are marked for
// transparent huge pages first, so that the first write faults in 2 MiB pages rather than 4 KiB
// ones (tens of MB of fresh output per op otherwise cost more in page faults than the op).
F32 outArg(const Napi::CallbackInfo& info, size_t i, const char* name);
// Same as f32Arg, but null/undefined gives an empty F32.
F32 optionalF32Arg(const Napi::CallbackInfo& info, size_t i, const char* name);
// An array of exactly `count` integers.
std::vector<int64_t> intsArg(const Napi::CallbackInfo& info, size_t i, size_t count, const char* name);
// The parameter object at info[i]; fields are then read by name, each checked, and a missing or
// wrong-typed one throws a TypeError naming it ("conv2d: params.strides: expected …").
Napi::Object paramsArg(const Napi::CallbackInfo& info, size_t i, const char* fn);
int64_t intField(const Napi::Object& o, const char* fn, const char* field);
// An array field of exactly `count` integers, written to out[0 .. count).
void intsField(const Napi::Object& o, const char* fn, const char* field, int64_t* out, size_t count);
bool boolField(const Napi::Object& o, const char* fn, const char* field);
double numberField(const Napi::Object& o, const char* fn, const char* field);
double numberArg(const Napi::CallbackInfo& info, size_t i, const char* name);
bool boolArg(const Napi::CallbackInfo& info, size_t i, const char* name);
// Throws a JS RangeError unless a.length == expected: a wrong size would read or write out of bounds.
void requireLength(const Napi::Env& env, const F32& a, size_t expected, const char* name);

// Every entry point takes this: the caches are not thread-safe and worker threads may share the addon.
std::mutex& addonMutex();

}  // namespace netspec
