// Strided box copies. tfjs's cpu kernels move non-contiguous slices (channel splits of grouped
// convolutions, padding) one element at a time through index arrays, which costs more than the
// convolutions around them. Single-threaded: copies are bound by memory, not cores.
#include "copy.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "common.h"

namespace netspec {

namespace {

constexpr size_t kMaxRank = 8;

std::vector<int64_t> dims(const Napi::CallbackInfo& info, size_t i, const char* name) {
  Napi::Value v = info[i];
  if (!v.IsArray()) throw Napi::TypeError::New(info.Env(), std::string(name) + ": expected an array of integers");
  const size_t rank = v.As<Napi::Array>().Length();
  return intsArg(info, i, rank, name);
}

int64_t product(const std::vector<int64_t>& v) {
  int64_t p = 1;
  for (int64_t d : v) p *= d;
  return p;
}

}  // namespace

Napi::Value CopyBox(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::lock_guard<std::mutex> lock(addonMutex());
  F32 src = f32Arg(info, 0, "src");
  const auto srcShape = dims(info, 1, "srcShape"), srcBegin = dims(info, 2, "srcBegin");
  F32 dst = outArg(info, 3, "dst");
  const auto dstShape = dims(info, 4, "dstShape"), dstBegin = dims(info, 5, "dstBegin"), box = dims(info, 6, "box");
  const size_t rank = box.size();
  if (rank == 0 || rank > kMaxRank || srcShape.size() != rank || srcBegin.size() != rank || dstShape.size() != rank ||
      dstBegin.size() != rank) {
    throw Napi::RangeError::New(env, "copyBox: shapes, begins and box must share a rank of 1 to 8");
  }
  for (size_t k = 0; k < rank; ++k) {
    if (box[k] < 0 || srcBegin[k] < 0 || dstBegin[k] < 0 || srcBegin[k] + box[k] > srcShape[k] ||
        dstBegin[k] + box[k] > dstShape[k]) {
      throw Napi::RangeError::New(env, "copyBox: box out of bounds");
    }
  }
  requireLength(env, src, product(srcShape), "src");
  requireLength(env, dst, product(dstShape), "dst");
  if (product(box) == 0) return env.Undefined();

  // Row-major strides, then fold trailing axes the box spans whole (in both tensors) into one run.
  int64_t srcStride[kMaxRank], dstStride[kMaxRank];
  srcStride[rank - 1] = dstStride[rank - 1] = 1;
  for (size_t k = rank - 1; k > 0; --k) {
    srcStride[k - 1] = srcStride[k] * srcShape[k];
    dstStride[k - 1] = dstStride[k] * dstShape[k];
  }
  size_t last = rank - 1;  // the innermost axis the runs are cut along
  while (last > 0 && box[last] == srcShape[last] && box[last] == dstShape[last]) --last;
  const int64_t run = box[last] * srcStride[last];  // == box[last] * dstStride[last] by the folding
  int64_t runs = 1;
  for (size_t k = 0; k < last; ++k) runs *= box[k];
  int64_t srcBase = 0, dstBase = 0;
  for (size_t k = 0; k < rank; ++k) {
    srcBase += srcBegin[k] * srcStride[k];
    dstBase += dstBegin[k] * dstStride[k];
  }

  const float* s = src.data;
  float* d = dst.data;
  for (int64_t r = 0; r < runs; ++r) {
    int64_t rest = r, so = srcBase, dof = dstBase;
    for (size_t k = last; k-- > 0;) {  // decode r into box coordinates of axes last-1 … 0
      const int64_t i = rest % box[k];
      rest /= box[k];
      so += i * srcStride[k];
      dof += i * dstStride[k];
    }
    std::memcpy(d + dof, s + so, run * sizeof(float));
  }
  return env.Undefined();
}

Napi::Value Fill(const Napi::CallbackInfo& info) {
  std::lock_guard<std::mutex> lock(addonMutex());
  F32 dst = outArg(info, 0, "dst");
  const float value = static_cast<float>(numberArg(info, 1, "value"));
  const int64_t n = static_cast<int64_t>(dst.length);
  for (int64_t i = 0; i < n; ++i) dst.data[i] = value;
  return info.Env().Undefined();
}

}  // namespace netspec
