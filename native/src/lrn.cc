// LRN across channels, vectorised over the channels of one pixel (NHWC keeps them contiguous):
// the window sums are before+after+1 shifted adds of a zero-padded row of squares (before ≠
// after for PyTorch's even windows: floor(n/2) before, floor((n−1)/2) after), and n^−β is a square
// root and a division for the common β = 0.75 and 0.5 (AlexNet's), exp/log otherwise. Float
// arithmetic throughout: the sums are of at most a few dozen positive terms.
#include "lrn.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "common.h"

namespace netspec {

namespace {

struct LrnShape {
  int64_t pixels, c, before, after;
  float bias, alpha, beta;
  int64_t width() const { return before + after + 1; }
};

// params (lrn.h), each field read by name.
LrnShape lrnArgs(const Napi::CallbackInfo& info, const char* fn) {
  const Napi::Object o = paramsArg(info, 0, fn);
  LrnShape s{intField(o, fn, "pixels"),
             intField(o, fn, "channels"),
             intField(o, fn, "before"),
             intField(o, fn, "after"),
             static_cast<float>(numberField(o, fn, "bias")),
             static_cast<float>(numberField(o, fn, "alpha")),
             static_cast<float>(numberField(o, fn, "beta"))};
  if (s.pixels <= 0 || s.c <= 0 || s.before < 0 || s.after < 0) throw Napi::RangeError::New(info.Env(), "lrn: invalid parameters");
  return s;
}

// Per-thread rows: `padded` holds C values between before + after zeros.
struct Rows {
  std::vector<float> padded, norm, power;
  explicit Rows(const LrnShape& s) : padded(s.c + s.before + s.after, 0.f), norm(s.c), power(s.c) {}
};

// Zeroes the padded row around the C channels placed at `offset` (before or after: the
// gradient places its row at the other one), and returns where they go.
inline float* zeroBorders(const LrnShape& s, Rows& rows, int64_t offset) {
  float* row = rows.padded.data();
  std::fill(row, row + offset, 0.f);
  std::fill(row + offset + s.c, row + rows.padded.size(), 0.f);
  return row + offset;
}

// out[c] = Σ_{j=0}^{before+after} padded[c + j]: with the row at offset `before` in padded,
// the sum over channels c − before … c + after; at offset `after`, over c − after … c + before.
inline void windowSums(const LrnShape& s, const float* padded, float* out) {
  const int64_t w = s.width();
  std::copy(padded, padded + s.c, out);
  for (int64_t j = 1; j < w; ++j) {
    const float* shifted = padded + j;
    for (int64_t c = 0; c < s.c; ++c) out[c] += shifted[c];
  }
}

// norm[c] = bias + alpha · Σ x²  and  power[c] = norm[c]^−β, for the pixel x.
inline void normsAndPowers(const LrnShape& s, const float* x, Rows& rows) {
  float* sq = zeroBorders(s, rows, s.before);
  for (int64_t c = 0; c < s.c; ++c) sq[c] = x[c] * x[c];
  float* norm = rows.norm.data();
  float* power = rows.power.data();
  windowSums(s, rows.padded.data(), norm);
  for (int64_t c = 0; c < s.c; ++c) norm[c] = s.bias + s.alpha * norm[c];
  if (s.beta == 0.75f) {
    for (int64_t c = 0; c < s.c; ++c) {
      const float root = std::sqrt(norm[c]);
      power[c] = 1.f / (root * std::sqrt(root));
    }
  } else if (s.beta == 0.5f) {
    for (int64_t c = 0; c < s.c; ++c) power[c] = 1.f / std::sqrt(norm[c]);
  } else if (s.beta == 1.f) {
    for (int64_t c = 0; c < s.c; ++c) power[c] = 1.f / norm[c];
  } else {
    for (int64_t c = 0; c < s.c; ++c) power[c] = std::exp(-s.beta * std::log(norm[c]));
  }
}

}  // namespace

Napi::Value Lrn(const Napi::CallbackInfo& info) {
  std::lock_guard<std::mutex> lock(addonMutex());
  const LrnShape s = lrnArgs(info, "lrn");
  F32 x = f32Arg(info, 1, "x"), y = outArg(info, 2, "y");
  requireLength(info.Env(), x, s.pixels * s.c, "x");
  requireLength(info.Env(), y, s.pixels * s.c, "y");
#pragma omp parallel if (s.pixels * s.c >= (1 << 15))
  {
    Rows rows(s);
#pragma omp for schedule(static)
    for (int64_t p = 0; p < s.pixels; ++p) {
      const float* xp = x.data + p * s.c;
      float* yp = y.data + p * s.c;
      normsAndPowers(s, xp, rows);
      const float* power = rows.power.data();
      for (int64_t c = 0; c < s.c; ++c) yp[c] = xp[c] * power[c];
    }
  }
  return info.Env().Undefined();
}

// dx[k] = dy[k]·n[k]^−β − 2αβ·x[k]·Σ_{o=k−after}^{k+before} dy[o]·y[o]/n[o]: k is in o's window
// (o − before … o + after) exactly when o is in the mirrored window around k.
Napi::Value LrnGrad(const Napi::CallbackInfo& info) {
  std::lock_guard<std::mutex> lock(addonMutex());
  const LrnShape s = lrnArgs(info, "lrnGrad");
  F32 x = f32Arg(info, 1, "x"), y = f32Arg(info, 2, "y"), dy = f32Arg(info, 3, "dy"), dx = outArg(info, 4, "dx");
  for (const F32* a : {&x, &y, &dy, &dx}) requireLength(info.Env(), *a, s.pixels * s.c, "lrnGrad tensor");
  const float scale = 2.f * s.alpha * s.beta;
#pragma omp parallel if (s.pixels * s.c >= (1 << 15))
  {
    Rows rows(s);
    std::vector<float> cross(s.c);
#pragma omp for schedule(static)
    for (int64_t p = 0; p < s.pixels; ++p) {
      const int64_t at = p * s.c;
      const float *xp = x.data + at, *yp = y.data + at, *dyp = dy.data + at;
      float* dxp = dx.data + at;
      normsAndPowers(s, xp, rows);
      // Reuse the padded row for dy·y/n, at offset `after` for the mirrored window.
      float* t = zeroBorders(s, rows, s.after);
      const float* norm = rows.norm.data();
      for (int64_t c = 0; c < s.c; ++c) t[c] = dyp[c] * yp[c] / norm[c];
      windowSums(s, rows.padded.data(), cross.data());
      const float* power = rows.power.data();
      for (int64_t c = 0; c < s.c; ++c) dxp[c] = dyp[c] * power[c] - scale * xp[c] * cross[c];
    }
  }
  return info.Env().Undefined();
}

}  // namespace netspec
