// Elementwise ops and reductions that dominate a training step once convolutions are fast:
// tfjs computes bias-add, relu, its gradient (dy · step(x)) and bias gradients (sums over
// batch and space) as separate JS loops. These stream memory, so one thread is as fast as two
// (measured), and stays fast when the cores are shared: a parallel region waits for its slowest
// thread, which on a busy machine is often descheduled.
#include "elementwise.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "common.h"

namespace netspec {

namespace {

template <typename Op>
void binaryLoop(const float* a, int64_t na, const float* b, int64_t nb, float* out, int64_t n, Op op) {
  if (na == n && nb == n) {
    for (int64_t i = 0; i < n; ++i) out[i] = op(a[i], b[i]);
  } else if (na == n && nb == 1) {
    const float s = b[0];
    for (int64_t i = 0; i < n; ++i) out[i] = op(a[i], s);
  } else if (nb == n && na == 1) {
    const float s = a[0];
    for (int64_t i = 0; i < n; ++i) out[i] = op(s, b[i]);
  } else if (na == n) {
    // b repeats every nb elements (a bias along the last axes).
    const int64_t rows = n / nb;
    for (int64_t r = 0; r < rows; ++r) {
      for (int64_t j = 0; j < nb; ++j) out[r * nb + j] = op(a[r * nb + j], b[j]);
    }
  } else {
    const int64_t rows = n / na;
    for (int64_t r = 0; r < rows; ++r) {
      for (int64_t j = 0; j < na; ++j) out[r * na + j] = op(a[j], b[r * na + j]);
    }
  }
}

// Middle broadcast: `small` holds rows × block values, each block repeated `repeat` times in the
// output (rows × repeat × block): a [M, 1] column against [M, N] (block 1), or [N, 1, 1, C]
// against [N, H, W, C] (mean's gradient; repeat H·W, block C).
template <typename Op>
void middleLoop(const float* small, const float* big, float* out, int64_t n, int64_t repeat, int64_t block, bool smallFirst, Op op) {
  const int64_t rows = n / (repeat * block);
  for (int64_t r = 0; r < rows; ++r) {
    const float* s = small + r * block;
    for (int64_t k = 0; k < repeat; ++k) {
      const int64_t at = (r * repeat + k) * block;
      const float* in = big + at;
      float* o = out + at;
      if (block == 1) {
        if (smallFirst) {
          o[0] = op(s[0], in[0]);
        } else {
          o[0] = op(in[0], s[0]);
        }
      } else if (smallFirst) {
        for (int64_t j = 0; j < block; ++j) o[j] = op(s[j], in[j]);
      } else {
        for (int64_t j = 0; j < block; ++j) o[j] = op(in[j], s[j]);
      }
    }
  }
}

// Column broadcast (block 1): one value per row of `inner` outputs, the inner loop over the row.
template <typename Op>
void columnLoop(const float* small, const float* big, float* out, int64_t n, int64_t inner, bool smallFirst, Op op) {
  const int64_t rows = n / inner;
  for (int64_t r = 0; r < rows; ++r) {
    const float s = small[r];
    const float* in = big + r * inner;
    float* o = out + r * inner;
    if (smallFirst) {
      for (int64_t j = 0; j < inner; ++j) o[j] = op(s, in[j]);
    } else {
      for (int64_t j = 0; j < inner; ++j) o[j] = op(in[j], s);
    }
  }
}

template <typename Op>
void dispatch(const F32& a, const F32& b, const F32& out, int64_t inner, int64_t block, Op op) {
  const int64_t na = a.length, nb = b.length, n = out.length;
  if (inner > 0) {
    const bool aSmall = na < nb;
    const float* small = aSmall ? a.data : b.data;
    const float* big = aSmall ? b.data : a.data;
    if (block == 1) {
      columnLoop(small, big, out.data, n, inner, aSmall, op);
    } else {
      middleLoop(small, big, out.data, n, inner, block, aSmall, op);
    }
  } else {
    binaryLoop(a.data, na, b.data, nb, out.data, n, op);
  }
}

}  // namespace

Napi::Value Unary(const Napi::CallbackInfo& info) {
  std::lock_guard<std::mutex> lock(addonMutex());
  const int op = static_cast<int>(numberArg(info, 0, "op"));
  F32 x = f32Arg(info, 1, "x"), y = outArg(info, 2, "y");
  const float alpha = info.Length() > 3 && info[3].IsNumber() ? static_cast<float>(numberArg(info, 3, "alpha")) : 0.f;
  requireLength(info.Env(), y, x.length, "y");
  const int64_t n = static_cast<int64_t>(x.length);
  const float* in = x.data;
  float* out = y.data;
  if (op == 0) {
    for (int64_t i = 0; i < n; ++i) out[i] = in[i] < 0.f ? 0.f : in[i];
  } else if (op == 1) {
    for (int64_t i = 0; i < n; ++i) out[i] = std::isnan(in[i]) ? in[i] : (in[i] > 0.f ? 1.f : alpha);
  } else if (op == 2) {
    for (int64_t i = 0; i < n; ++i) out[i] = std::floor(in[i]);
  } else if (op == 3) {
    for (int64_t i = 0; i < n; ++i) out[i] = std::isnan(in[i]) ? in[i] : std::min(std::max(0.f, in[i]), 6.f);  // max(0, −0) is +0, as Math.max
  } else {
    throw Napi::RangeError::New(info.Env(), "unary: unknown op");
  }
  return info.Env().Undefined();
}

Napi::Value Binary(const Napi::CallbackInfo& info) {
  std::lock_guard<std::mutex> lock(addonMutex());
  const int op = static_cast<int>(numberArg(info, 0, "op"));
  F32 a = f32Arg(info, 1, "a"), b = f32Arg(info, 2, "b"), out = outArg(info, 3, "out");
  const int64_t na = a.length, nb = b.length, n = out.length;
  const int64_t inner = info.Length() > 4 && info[4].IsNumber() ? static_cast<int64_t>(numberArg(info, 4, "inner")) : 0;
  const int64_t block = info.Length() > 5 && info[5].IsNumber() ? static_cast<int64_t>(numberArg(info, 5, "block")) : 1;
  if (inner > 0) {
    if (block < 1 || inner * block > n || n % (inner * block) != 0 || std::max(na, nb) != n || std::min(na, nb) != n / inner) {
      throw Napi::RangeError::New(info.Env(), "binary: a middle broadcast needs [rows, block] against [rows, inner, block]");
    }
  } else if (na == 0 || nb == 0 || n % na != 0 || n % nb != 0 || (na != n && nb != n)) {
    throw Napi::RangeError::New(info.Env(), "binary: one operand must fill the output, the other's length divide it");
  }
  switch (op) {
    case 0: dispatch(a, b, out, inner, block, [](float p, float q) { return p + q; }); break;
    case 1: dispatch(a, b, out, inner, block, [](float p, float q) { return p - q; }); break;
    case 2: dispatch(a, b, out, inner, block, [](float p, float q) { return p * q; }); break;
    case 3: dispatch(a, b, out, inner, block, [](float p, float q) { return p / q; }); break;
    case 4: dispatch(a, b, out, inner, block, [](float p, float q) { return q > 0.f ? p : 0.f; }); break;
    // relu6's gradient from its output y, as PyTorch's hardtanh_backward: dy where 0 < y < 6, else
    // 0 (so 0 at x = 6 and beyond). A product, so −0 as the portable kernel's tf.mul gives.
    case 5:
      // Selects between values computed anyway, so that it vectorises (branches: 28 ms, this 2.4 ms for 3.6 M).
      dispatch(a, b, out, inner, block, [](float p, float q) {
        float mask = q > 0.f ? 1.f : 0.f;
        mask = q < 6.f ? mask : 0.f;
        return p * mask;
      });
      break;
    default: throw Napi::RangeError::New(info.Env(), "binary: unknown op");
  }
  return info.Env().Undefined();
}

Napi::Value Sum(const Napi::CallbackInfo& info) {
  std::lock_guard<std::mutex> lock(addonMutex());
  F32 x = f32Arg(info, 0, "x"), out = outArg(info, 1, "out");
  const int64_t outer = static_cast<int64_t>(numberArg(info, 2, "outer"));
  const int64_t inner = static_cast<int64_t>(numberArg(info, 3, "inner"));
  const int mode = static_cast<int>(numberArg(info, 4, "mode"));
  if (outer < 0 || inner < 0 || (mode != 0 && mode != 1)) throw Napi::RangeError::New(info.Env(), "sum: bad arguments");
  requireLength(info.Env(), x, outer * inner, "x");
  requireLength(info.Env(), out, mode == 0 ? inner : outer, "out");
  const float* in = x.data;
  if (mode == 1) {
    for (int64_t r = 0; r < outer; ++r) {
      double s = 0;
      for (int64_t j = 0; j < inner; ++j) s += in[r * inner + j];
      out.data[r] = static_cast<float>(s);
    }
    return info.Env().Undefined();
  }
  std::vector<double> total(inner, 0.0);
  for (int64_t r = 0; r < outer; ++r) {
    const float* row = in + r * inner;
    for (int64_t j = 0; j < inner; ++j) total[j] += row[j];
  }
  for (int64_t j = 0; j < inner; ++j) out.data[j] = static_cast<float>(total[j]);
  return info.Env().Undefined();
}

Napi::Value Softmax(const Napi::CallbackInfo& info) {
  std::lock_guard<std::mutex> lock(addonMutex());
  F32 x = f32Arg(info, 0, "x"), y = outArg(info, 1, "y");
  const int64_t cols = static_cast<int64_t>(numberArg(info, 2, "cols"));
  if (cols <= 0 || x.length % cols != 0) throw Napi::RangeError::New(info.Env(), "softmax: cols must divide x's length");
  requireLength(info.Env(), y, x.length, "y");
  const int64_t rows = x.length / cols;
  for (int64_t r = 0; r < rows; ++r) {
    const float* in = x.data + r * cols;
    float* o = y.data + r * cols;
    float top = in[0];
    for (int64_t j = 1; j < cols; ++j) top = std::max(top, in[j]);
    double total = 0;
    for (int64_t j = 0; j < cols; ++j) {
      o[j] = std::exp(in[j] - top);
      total += o[j];
    }
    const float inv = static_cast<float>(1.0 / total);
    for (int64_t j = 0; j < cols; ++j) o[j] *= inv;
  }
  return info.Env().Undefined();
}

}  // namespace netspec
