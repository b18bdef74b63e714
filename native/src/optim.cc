// Fused optimizer updates: the tensor-op path reads and writes each AlexNet fc6-sized buffer
// (151 MB) five to eight times per step; these read each input once and write each output once.
#include "optim.h"

#include <cmath>
#include <cstdint>

#include "common.h"

namespace netspec {

namespace {

// Below this many values a parallel region costs more than it saves.
constexpr int64_t kParallelMin = 1 << 16;

float floatArg(const Napi::CallbackInfo& info, size_t i, const char* name) {
  return static_cast<float>(numberArg(info, i, name));
}

}  // namespace

Napi::Value SgdUpdate(const Napi::CallbackInfo& info) {
  std::lock_guard<std::mutex> lock(addonMutex());
  F32 w = f32Arg(info, 0, "w"), v = f32Arg(info, 1, "v"), g = f32Arg(info, 2, "g");
  F32 wOut = outArg(info, 3, "wOut"), vOut = outArg(info, 4, "vOut");
  for (const F32* a : {&v, &g, &wOut, &vOut}) requireLength(info.Env(), *a, w.length, "sgdUpdate buffer");
  const float negLr = -floatArg(info, 5, "lr"), mu = floatArg(info, 6, "mu"), wd = floatArg(info, 7, "wd");
  const bool nesterov = boolArg(info, 8, "nesterov");
  const int64_t n = static_cast<int64_t>(w.length);
  const float *pw = w.data, *pv = v.data, *pg = g.data;
  float *ow = wOut.data, *ov = vOut.data;
#pragma omp parallel for schedule(static) if (n >= kParallelMin)
  for (int64_t i = 0; i < n; ++i) {
    const float grad = wd != 0.f ? pg[i] + pw[i] * wd : pg[i];
    const float descent = grad * negLr;
    const float vNew = pv[i] * mu + descent;
    ov[i] = vNew;
    ow[i] = nesterov ? (pw[i] + vNew * mu) + descent : pw[i] + vNew;
  }
  return info.Env().Undefined();
}

Napi::Value AdamUpdate(const Napi::CallbackInfo& info) {
  std::lock_guard<std::mutex> lock(addonMutex());
  F32 w = f32Arg(info, 0, "w"), m = f32Arg(info, 1, "m"), v = f32Arg(info, 2, "v"), g = f32Arg(info, 3, "g");
  F32 wOut = outArg(info, 4, "wOut"), mOut = outArg(info, 5, "mOut"), vOut = outArg(info, 6, "vOut");
  for (const F32* a : {&m, &v, &g, &wOut, &mOut, &vOut}) requireLength(info.Env(), *a, w.length, "adamUpdate buffer");
  const float lr = floatArg(info, 7, "lr"), b1 = floatArg(info, 8, "b1"), b2 = floatArg(info, 9, "b2");
  const float c1 = floatArg(info, 10, "c1"), c2 = floatArg(info, 11, "c2"), eps = floatArg(info, 12, "eps");
  const float wd = floatArg(info, 13, "wd");
  // 1 − β as the JS path computes it: in double, then rounded to float32.
  const float a1 = static_cast<float>(1.0 - numberArg(info, 8, "b1")), a2 = static_cast<float>(1.0 - numberArg(info, 9, "b2"));
  const int64_t n = static_cast<int64_t>(w.length);
  const float *pw = w.data, *pm = m.data, *pv = v.data, *pg = g.data;
  float *ow = wOut.data, *om = mOut.data, *ov = vOut.data;
#pragma omp parallel for schedule(static) if (n >= kParallelMin)
  for (int64_t i = 0; i < n; ++i) {
    const float mNew = pm[i] * b1 + pg[i] * a1;
    const float vNew = pv[i] * b2 + (pg[i] * pg[i]) * a2;
    om[i] = mNew;
    ov[i] = vNew;
    float update = (mNew / c1) / (std::sqrt(vNew / c2) + eps);
    if (wd != 0.f) update = update + pw[i] * wd;
    ow[i] = pw[i] - update * lr;
  }
  return info.Env().Undefined();
}

}  // namespace netspec
