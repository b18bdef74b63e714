// LRN with running window sums: O(channels) per pixel instead of O(channels · window).
#include "lrn.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "common.h"

namespace netspec {

namespace {

struct LrnShape {
  int64_t pixels, c, r;
  double bias, alpha, beta;
};

LrnShape lrnArgs(const Napi::CallbackInfo& info, size_t first) {
  const auto p = intsArg(info, 0, 2, "params");
  LrnShape s{p[0], p[1], static_cast<int64_t>(numberArg(info, first, "depthRadius")), numberArg(info, first + 1, "bias"),
        numberArg(info, first + 2, "alpha"), numberArg(info, first + 3, "beta")};
  if (s.pixels <= 0 || s.c <= 0 || s.r < 0) throw Napi::RangeError::New(info.Env(), "lrn: invalid parameters");
  return s;
}

// norm[c] = bias + alpha · Σ_{k∈[c−r, c+r]∩[0, C)} x[k]², from prefix sums of squares (in double).
void norms(const LrnShape& s, const float* x, double* prefix, double* norm) {
  prefix[0] = 0;
  for (int64_t k = 0; k < s.c; ++k) prefix[k + 1] = prefix[k] + static_cast<double>(x[k]) * x[k];
  for (int64_t ch = 0; ch < s.c; ++ch) {
    const int64_t lo = std::max<int64_t>(0, ch - s.r), hi = std::min<int64_t>(s.c, ch + s.r + 1);
    norm[ch] = s.bias + s.alpha * (prefix[hi] - prefix[lo]);
  }
}

}  // namespace

Napi::Value Lrn(const Napi::CallbackInfo& info) {
  std::lock_guard<std::mutex> lock(addonMutex());
  const LrnShape s = lrnArgs(info, 3);
  F32 x = f32Arg(info, 1, "x"), y = outArg(info, 2, "y");
  requireLength(info.Env(), x, s.pixels * s.c, "x");
  requireLength(info.Env(), y, s.pixels * s.c, "y");
#pragma omp parallel
  {
    std::vector<double> prefix(s.c + 1), norm(s.c);
#pragma omp for schedule(static)
    for (int64_t p = 0; p < s.pixels; ++p) {
      const float* xp = x.data + p * s.c;
      float* yp = y.data + p * s.c;
      norms(s, xp, prefix.data(), norm.data());
      for (int64_t ch = 0; ch < s.c; ++ch) yp[ch] = static_cast<float>(xp[ch] * std::pow(norm[ch], -s.beta));
    }
  }
  return info.Env().Undefined();
}

// dx[k] = dy[k]·norm[k]^−β − 2αβ·x[k]·Σ_{|o−k|≤r} dy[o]·y[o]/norm[o]   (the window is symmetric)
Napi::Value LrnGrad(const Napi::CallbackInfo& info) {
  std::lock_guard<std::mutex> lock(addonMutex());
  const LrnShape s = lrnArgs(info, 5);
  F32 x = f32Arg(info, 1, "x"), y = f32Arg(info, 2, "y"), dy = f32Arg(info, 3, "dy"), dx = outArg(info, 4, "dx");
  for (const F32* a : {&x, &y, &dy, &dx}) requireLength(info.Env(), *a, s.pixels * s.c, "lrnGrad tensor");
#pragma omp parallel
  {
    std::vector<double> prefix(s.c + 1), norm(s.c), coefPrefix(s.c + 1);
#pragma omp for schedule(static)
    for (int64_t p = 0; p < s.pixels; ++p) {
      const int64_t at = p * s.c;
      norms(s, x.data + at, prefix.data(), norm.data());
      coefPrefix[0] = 0;
      for (int64_t o = 0; o < s.c; ++o) {
        coefPrefix[o + 1] = coefPrefix[o] + static_cast<double>(dy.data[at + o]) * y.data[at + o] / norm[o];
      }
      for (int64_t k = 0; k < s.c; ++k) {
        const int64_t lo = std::max<int64_t>(0, k - s.r), hi = std::min<int64_t>(s.c, k + s.r + 1);
        const double cross = coefPrefix[hi] - coefPrefix[lo];
        dx.data[at + k] = static_cast<float>(dy.data[at + k] * std::pow(norm[k], -s.beta) -
                                             2 * s.alpha * s.beta * x.data[at + k] * cross);
      }
    }
  }
  return info.Env().Undefined();
}

}  // namespace netspec
