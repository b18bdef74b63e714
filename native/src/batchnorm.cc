// Batch normalisation on [rows, channels] rows: the channels of a row are contiguous, so every
// pass walks memory once, front to back, vectorised over the channels, summing into per-channel
// floats over blocks of rows and doubles across blocks. Forward: one pass for Σx and Σx² (shifted),
// one for y (with a following relu/relu6 applied as it is written). Backward: one for Σdy and
// Σdy·(x − mean), one for dx, an affine function of dy and x per channel (dy masked by the
// activation's gradient as it is read). Passes over 65,536 values or more are split over the
// OpenMP threads, with results that do not depend on their number (channelSums). On a loaded
// 2-core machine every call once waited ~16 ms for a descheduled second thread, so these ran on
// one; on a quiet one, two threads shortened resnet-fashion's epochs (bench/results/
// 2026-11-30-resnet-fashion: run8 against run7).
#include "batchnorm.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <type_traits>
#include <vector>

#include "common.h"

namespace netspec {

namespace {

enum Act : int64_t { kNone = 0, kRelu = 1, kRelu6 = 2 };

struct BnShape {
  int64_t rows, c;
  double epsilon;
  bool training;
  int64_t act;
};

BnShape bnArgs(const Napi::CallbackInfo& info, const char* fn) {
  const Napi::Object o = paramsArg(info, 0, fn);
  BnShape s{intField(o, fn, "rows"), intField(o, fn, "channels"), numberField(o, fn, "epsilon"), boolField(o, fn, "training"),
            intField(o, fn, "activation")};
  if (s.rows <= 0 || s.c <= 0 || !(s.epsilon >= 0) || s.act < kNone || s.act > kRelu6) {
    throw Napi::RangeError::New(info.Env(), std::string(fn) + ": invalid parameters");
  }
  return s;
}

template <int64_t A>
inline float activate(float v) {
  if (A == kRelu) return std::max(v, 0.f);
  if (A == kRelu6) return std::min(std::max(v, 0.f), 6.f);
  return v;
}

// The activation's gradient, read from its output (so no pre-activation tensor is kept). dy is
// loaded unconditionally and the condition has no short circuit, so that the loops vectorise as
// selects: a conditional load stays a branch, mispredicted on half the elements (5x slower).
template <int64_t A>
inline float maskedGrad(const float* y, const float* dy, int64_t i) {
  const float d = dy[i];
  if (A == kRelu) return y[i] > 0.f ? d : 0.f;
  if (A == kRelu6) return ((y[i] > 0.f) & (y[i] < 6.f)) ? d : 0.f;
  return d;
}

// The row loops take raw pointers: node-gyp builds with -fno-strict-aliasing, under which a store
// through a float* may change a std::vector's data pointer, so loops indexing captured vectors
// reload it every element and do not vectorise (measured: the backward 6x slower).

// y = act(x·k1 + k0) for one row.
template <int64_t A>
inline void normalizeRow(int64_t C, const float* __restrict x, const float* __restrict k1, const float* __restrict k0, float* __restrict y) {
  for (int64_t c = 0; c < C; ++c) y[c] = activate<A>(k1[c] * x[c] + k0[c]);
}

// a0 += dy', a1 += dy'·(x − m) for one row, dy' the activation's gradient of dy.
template <int64_t A>
inline void sumRow(int64_t C, const float* __restrict x, const float* __restrict dy, const float* __restrict y, const float* __restrict m,
                   float* __restrict a0, float* __restrict a1) {
  for (int64_t c = 0; c < C; ++c) {
    const float g = maskedGrad<A>(y, dy, c);
    a0[c] += g;
    a1[c] += g * (x[c] - m[c]);
  }
}

// dx = k1·dy' + k2·x + k0 for one row (k2 null: inference, dx = k1·dy' + k0).
template <int64_t A>
inline void gradRow(int64_t C, const float* __restrict x, const float* __restrict dy, const float* __restrict y, const float* __restrict k1,
                    const float* __restrict k2, const float* __restrict k0, float* __restrict dx) {
  if (k2) {
    for (int64_t c = 0; c < C; ++c) dx[c] = k1[c] * maskedGrad<A>(y, dy, c) + k2[c] * x[c] + k0[c];
  } else {
    for (int64_t c = 0; c < C; ++c) dx[c] = k1[c] * maskedGrad<A>(y, dy, c) + k0[c];
  }
}

// Calls f(std::integral_constant<int64_t, A>) for the activation A: one instantiation each.
template <typename F>
void withActivation(int64_t act, F f) {
  if (act == kRelu) f(std::integral_constant<int64_t, kRelu>{});
  else if (act == kRelu6) f(std::integral_constant<int64_t, kRelu6>{});
  else f(std::integral_constant<int64_t, kNone>{});
}

// Work of this many values or more is split over the OpenMP threads.
constexpr int64_t kParallelValues = int64_t{1} << 16;

// Per-channel sums over the rows: `row(r, s0, s1)` adds row r's terms to s0[c] and s1[c] in
// float, for blocks of kBlock rows, each block's sums then added to the double totals in block
// order: float adds vectorise twice as wide, and a block's rounding error stays that of kBlock
// terms. The blocks are summed in parallel into a table and added up in order afterwards, so the
// totals do not depend on the number of threads.
constexpr int64_t kBlock = 32;
template <typename Row>
void channelSums(const BnShape& s, std::vector<double>& s0, std::vector<double>& s1, Row row) {
  s0.assign(s.c, 0.0);
  s1.assign(s.c, 0.0);
  const int64_t blocks = (s.rows + kBlock - 1) / kBlock;
  std::vector<float> t0(blocks * s.c, 0.f), t1(blocks * s.c, 0.f);
#pragma omp parallel for schedule(static) if (s.rows * s.c >= kParallelValues)
  for (int64_t b = 0; b < blocks; ++b) {
    const int64_t end = std::min(s.rows, (b + 1) * kBlock);
    for (int64_t r = b * kBlock; r < end; ++r) row(r, t0.data() + b * s.c, t1.data() + b * s.c);
  }
  for (int64_t b = 0; b < blocks; ++b) {
    for (int64_t c = 0; c < s.c; ++c) {
      s0[c] += t0[b * s.c + c];
      s1[c] += t1[b * s.c + c];
    }
  }
}

}  // namespace

Napi::Value BatchNorm(const Napi::CallbackInfo& info) {
  std::lock_guard<std::mutex> lock(addonMutex());
  const char* fn = "batchNorm";
  const BnShape s = bnArgs(info, fn);
  F32 x = f32Arg(info, 1, "x"), gamma = optionalF32Arg(info, 2, "gamma"), beta = optionalF32Arg(info, 3, "beta");
  F32 mean = f32Arg(info, 4, "mean"), variance = f32Arg(info, 5, "variance"), y = outArg(info, 6, "y");
  const Napi::Env env = info.Env();
  requireLength(env, x, s.rows * s.c, "x");
  requireLength(env, y, s.rows * s.c, "y");
  for (const F32* p : {&mean, &variance}) requireLength(env, *p, s.c, "mean/variance");
  for (const F32* p : {&gamma, &beta}) {
    if (p->data) requireLength(env, *p, s.c, "gamma/beta");
  }
  const int64_t C = s.c;
  if (s.training) {
    // Σ(x − K) and Σ(x − K)² with K the first row (the shifted-data algorithm): the variance is
    // then a difference of nearly equal numbers only if the mean is far from K in standard
    // deviations, not whenever it is far from 0 (as for raw pixel values).
    const std::vector<float> shift(x.data, x.data + C);
    const float* k = shift.data();
    std::vector<double> sum, squares;
    channelSums(s, sum, squares, [&](int64_t r, float* a0, float* a1) {
      const float* xr = x.data + r * C;
      for (int64_t c = 0; c < C; ++c) {
        const float d = xr[c] - k[c];
        a0[c] += d;
        a1[c] += d * d;
      }
    });
    for (int64_t c = 0; c < C; ++c) {
      const double d = sum[c] / s.rows;
      mean.data[c] = static_cast<float>(k[c] + d);
      variance.data[c] = static_cast<float>(std::max(0.0, squares[c] / s.rows - d * d));
    }
  }
  // y = x·k1 + k0 with k1 = γ/√(var + ε), k0 = β − mean·k1.
  std::vector<float> k1(C), k0(C);
  for (int64_t c = 0; c < C; ++c) {
    const double scale = (gamma.data ? gamma.data[c] : 1.0) / std::sqrt(static_cast<double>(variance.data[c]) + s.epsilon);
    k1[c] = static_cast<float>(scale);
    k0[c] = static_cast<float>((beta.data ? beta.data[c] : 0.0) - mean.data[c] * scale);
  }
  // y = act(x·k1 + k0), the activation applied as each value is written.
  withActivation(s.act, [&](auto a) {
    constexpr int64_t A = decltype(a)::value;
    const float *K1 = k1.data(), *K0 = k0.data();
#pragma omp parallel for schedule(static) if (s.rows * C >= kParallelValues)
    for (int64_t r = 0; r < s.rows; ++r) normalizeRow<A>(C, x.data + r * C, K1, K0, y.data + r * C);
  });
  return env.Undefined();
}

Napi::Value BatchNormGrad(const Napi::CallbackInfo& info) {
  std::lock_guard<std::mutex> lock(addonMutex());
  const char* fn = "batchNormGrad";
  const BnShape s = bnArgs(info, fn);
  F32 x = f32Arg(info, 1, "x"), dy = f32Arg(info, 2, "dy"), gamma = optionalF32Arg(info, 3, "gamma");
  F32 mean = f32Arg(info, 4, "mean"), variance = f32Arg(info, 5, "variance");
  F32 dx = outArg(info, 6, "dx"), dgamma = outArg(info, 7, "dgamma"), dbeta = outArg(info, 8, "dbeta");
  const F32 out = optionalF32Arg(info, 9, "y");
  const Napi::Env env = info.Env();
  for (const F32* p : {&x, &dy, &dx}) requireLength(env, *p, s.rows * s.c, "x/dy/dx");
  if (s.act != kNone) {
    if (!out.data) throw Napi::TypeError::New(env, std::string(fn) + ": an activation's gradient needs its output y");
    requireLength(env, out, s.rows * s.c, "y");
  }
  for (const F32* p : {&mean, &variance, &dgamma, &dbeta}) requireLength(env, *p, s.c, "mean/variance/dgamma/dbeta");
  if (gamma.data) requireLength(env, gamma, s.c, "gamma");
  const int64_t C = s.c;
  const float* m = mean.data;
  // dy passes through the activation's gradient (masked by the output y) as it is read, in both passes.
  const float* yv = out.data;
  std::vector<double> sumDy, sumDyX;  // Σ dy and Σ dy·(x − mean)
  withActivation(s.act, [&](auto a) {
    constexpr int64_t A = decltype(a)::value;
    channelSums(s, sumDy, sumDyX, [&](int64_t r, float* a0, float* a1) {
      sumRow<A>(C, x.data + r * C, dy.data + r * C, yv ? yv + r * C : nullptr, m, a0, a1);
    });
  });
  // dx = k1·dy + k2·x + k0: training k1 = s, k2 = −s·rstd·dγ/n, k0 = −s·dβ/n − mean·k2; inference k1 = s.
  std::vector<float> k1(C), k2(C), k0(C);
  const double n = static_cast<double>(s.rows);
  for (int64_t c = 0; c < C; ++c) {
    const double rstd = 1.0 / std::sqrt(static_cast<double>(variance.data[c]) + s.epsilon);
    const double scale = (gamma.data ? gamma.data[c] : 1.0) * rstd;
    const double dg = sumDyX[c] * rstd, db = sumDy[c];
    dgamma.data[c] = static_cast<float>(dg);
    dbeta.data[c] = static_cast<float>(db);
    k1[c] = static_cast<float>(scale);
    if (s.training) {
      const double b = -scale * rstd * dg / n;
      k2[c] = static_cast<float>(b);
      k0[c] = static_cast<float>(-scale * db / n - m[c] * b);
    } else {
      k2[c] = 0.f;
      k0[c] = 0.f;
    }
  }
  withActivation(s.act, [&](auto a) {
    constexpr int64_t A = decltype(a)::value;
    const float* k2p = s.training ? k2.data() : nullptr;
    const float *K1 = k1.data(), *K0 = k0.data();
#pragma omp parallel for schedule(static) if (s.rows * C >= kParallelValues)
    for (int64_t r = 0; r < s.rows; ++r) {
      gradRow<A>(C, x.data + r * C, dy.data + r * C, yv ? yv + r * C : nullptr, K1, k2p, K0, dx.data + r * C);
    }
  });
  return env.Undefined();
}

Napi::Value MeanMiddle(const Napi::CallbackInfo& info) {
  std::lock_guard<std::mutex> lock(addonMutex());
  F32 x = f32Arg(info, 0, "x"), out = outArg(info, 1, "out");
  const int64_t outer = static_cast<int64_t>(numberArg(info, 2, "outer"));
  const int64_t mid = static_cast<int64_t>(numberArg(info, 3, "mid"));
  const int64_t inner = static_cast<int64_t>(numberArg(info, 4, "inner"));
  if (outer <= 0 || mid <= 0 || inner <= 0) throw Napi::RangeError::New(info.Env(), "mean: outer, mid and inner must be positive");
  requireLength(info.Env(), x, outer * mid * inner, "x");
  requireLength(info.Env(), out, outer * inner, "out");
  const float size = static_cast<float>(mid);
  std::vector<double> acc(inner);
  for (int64_t o = 0; o < outer; ++o) {
    std::fill(acc.begin(), acc.end(), 0.0);
    const float* block = x.data + o * mid * inner;
    for (int64_t k = 0; k < mid; ++k) {
      const float* row = block + k * inner;
      for (int64_t i = 0; i < inner; ++i) acc[i] += row[i] / size;
    }
    for (int64_t i = 0; i < inner; ++i) out.data[o * inner + i] = static_cast<float>(acc[i]);
  }
  return info.Env().Undefined();
}

}  // namespace netspec
