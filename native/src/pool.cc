// Plain loops over NHWC, vectorised along channels and split over threads with OpenMP (the same
// runtime oneDNN uses, so the two never oversubscribe the cores).
#include "pool.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#include "common.h"

namespace netspec {

namespace {

struct Pool {
  int64_t n, ih, iw, c, oh, ow, kh, kw, sh, sw, pt, pl;
  // In-bounds window rows [y0, y1) and columns [x0, x1) of output (oy, ox).
  int64_t y0(int64_t oy) const { return std::max<int64_t>(0, oy * sh - pt); }
  int64_t y1(int64_t oy) const { return std::min<int64_t>(ih, oy * sh - pt + kh); }
  int64_t x0(int64_t ox) const { return std::max<int64_t>(0, ox * sw - pl); }
  int64_t x1(int64_t ox) const { return std::min<int64_t>(iw, ox * sw - pl + kw); }
  size_t inSize() const { return n * ih * iw * c; }
  size_t outSize() const { return n * oh * ow * c; }
};

// params (pool.h), each field read by name.
Pool poolArg(const Napi::CallbackInfo& info, const char* fn) {
  const Napi::Object o = paramsArg(info, 0, fn);
  int64_t in[2], out[2], k[2], st[2], pad[2];
  intsField(o, fn, "inSize", in, 2);
  intsField(o, fn, "outSize", out, 2);
  intsField(o, fn, "kernelSize", k, 2);
  intsField(o, fn, "strides", st, 2);
  intsField(o, fn, "padTopLeft", pad, 2);
  Pool s{intField(o, fn, "batch"), in[0], in[1], intField(o, fn, "channels"), out[0], out[1], k[0], k[1], st[0], st[1], pad[0], pad[1]};
  if (s.n <= 0 || s.ih <= 0 || s.iw <= 0 || s.c <= 0 || s.oh <= 0 || s.ow <= 0 || s.kh <= 0 || s.kw <= 0 ||
      s.sh <= 0 || s.sw <= 0 || s.pt < 0 || s.pl < 0) {
    throw Napi::RangeError::New(info.Env(), "pool: invalid shape parameters");
  }
  if (s.ih * s.iw * s.c >= INT32_MAX) throw Napi::RangeError::New(info.Env(), "pool: image too large");
  return s;
}

// Backward passes scatter into dx, so work is split by image: no two threads write the same
// element, and each clears and fills its own images while they are in cache.
void maxPool(const Pool& s, const float* x, float* y) {
  const float lowest = -std::numeric_limits<float>::infinity();
#pragma omp parallel for collapse(2) schedule(static)
  for (int64_t b = 0; b < s.n; ++b) {
    for (int64_t oy = 0; oy < s.oh; ++oy) {
      for (int64_t ox = 0; ox < s.ow; ++ox) {
        float* o = y + ((b * s.oh + oy) * s.ow + ox) * s.c;
        std::fill(o, o + s.c, lowest);
        for (int64_t yy = s.y0(oy); yy < s.y1(oy); ++yy) {
          for (int64_t xx = s.x0(ox); xx < s.x1(ox); ++xx) {
            const float* in = x + ((b * s.ih + yy) * s.iw + xx) * s.c;
            for (int64_t ch = 0; ch < s.c; ++ch) o[ch] = in[ch] > o[ch] ? in[ch] : o[ch];
          }
        }
      }
    }
  }
}

void maxPoolGrad(const Pool& s, const float* x, const float* dy, float* dx) {
  const int64_t image = s.ih * s.iw * s.c;
#pragma omp parallel
  {
    // Start below every float (−∞, not the smallest positive float) and keep the first maximum.
    // Positions are within one image, int32 so that the select below vectorises (checked in poolArg).
    std::vector<float> best(s.c);
    std::vector<int32_t> where(s.c);
#pragma omp for schedule(static)
    for (int64_t b = 0; b < s.n; ++b) {
      const float* xb = x + b * image;
      float* dxb = dx + b * image;
      std::memset(dxb, 0, image * sizeof(float));
      for (int64_t oy = 0; oy < s.oh; ++oy) {
        for (int64_t ox = 0; ox < s.ow; ++ox) {
          std::fill(best.begin(), best.end(), -std::numeric_limits<float>::infinity());
          std::fill(where.begin(), where.end(), -1);
          float* bst = best.data();
          int32_t* wh = where.data();
          for (int64_t yy = s.y0(oy); yy < s.y1(oy); ++yy) {
            for (int64_t xx = s.x0(ox); xx < s.x1(ox); ++xx) {
              const int32_t at = static_cast<int32_t>((yy * s.iw + xx) * s.c);
              const float* v = xb + at;
              // Branch-free so that it vectorises; strictly greater keeps the first maximum.
              for (int32_t j = 0; j < static_cast<int32_t>(s.c); ++j) {
                const int32_t mask = -static_cast<int32_t>(v[j] > bst[j]);
                bst[j] = v[j] > bst[j] ? v[j] : bst[j];
                wh[j] = (wh[j] & ~mask) | ((at + j) & mask);
              }
            }
          }
          const float* g = dy + ((b * s.oh + oy) * s.ow + ox) * s.c;
          for (int64_t ch = 0; ch < s.c; ++ch) {
            if (wh[ch] >= 0) dxb[wh[ch]] += g[ch];  // all −∞/NaN windows pass nothing, as tfjs
          }
        }
      }
    }
  }
}

void avgPool(const Pool& s, const float* x, float* y) {
#pragma omp parallel for collapse(2) schedule(static)
  for (int64_t b = 0; b < s.n; ++b) {
    for (int64_t oy = 0; oy < s.oh; ++oy) {
      for (int64_t ox = 0; ox < s.ow; ++ox) {
        float* o = y + ((b * s.oh + oy) * s.ow + ox) * s.c;
        std::fill(o, o + s.c, 0.f);
        const int64_t count = (s.y1(oy) - s.y0(oy)) * (s.x1(ox) - s.x0(ox));
        for (int64_t yy = s.y0(oy); yy < s.y1(oy); ++yy) {
          for (int64_t xx = s.x0(ox); xx < s.x1(ox); ++xx) {
            const float* in = x + ((b * s.ih + yy) * s.iw + xx) * s.c;
            for (int64_t ch = 0; ch < s.c; ++ch) o[ch] += in[ch];
          }
        }
        const float inv = 1.f / static_cast<float>(count);
        for (int64_t ch = 0; ch < s.c; ++ch) o[ch] *= inv;
      }
    }
  }
}

void avgPoolGrad(const Pool& s, const float* dy, float* dx) {
  const int64_t image = s.ih * s.iw * s.c;
#pragma omp parallel for schedule(static)
  for (int64_t b = 0; b < s.n; ++b) {
    float* dxb = dx + b * image;
    std::memset(dxb, 0, image * sizeof(float));
    for (int64_t oy = 0; oy < s.oh; ++oy) {
      for (int64_t ox = 0; ox < s.ow; ++ox) {
        const int64_t count = (s.y1(oy) - s.y0(oy)) * (s.x1(ox) - s.x0(ox));
        const float inv = 1.f / static_cast<float>(count);
        const float* g = dy + ((b * s.oh + oy) * s.ow + ox) * s.c;
        for (int64_t yy = s.y0(oy); yy < s.y1(oy); ++yy) {
          for (int64_t xx = s.x0(ox); xx < s.x1(ox); ++xx) {
            float* d = dxb + (yy * s.iw + xx) * s.c;
            for (int64_t ch = 0; ch < s.c; ++ch) d[ch] += g[ch] * inv;
          }
        }
      }
    }
  }
}

}  // namespace

Napi::Value MaxPool(const Napi::CallbackInfo& info) {
  std::lock_guard<std::mutex> lock(addonMutex());
  const Pool s = poolArg(info, "maxPool");
  F32 x = f32Arg(info, 1, "x"), y = outArg(info, 2, "y");
  requireLength(info.Env(), x, s.inSize(), "x");
  requireLength(info.Env(), y, s.outSize(), "y");
  maxPool(s, x.data, y.data);
  return info.Env().Undefined();
}

Napi::Value MaxPoolGrad(const Napi::CallbackInfo& info) {
  std::lock_guard<std::mutex> lock(addonMutex());
  const Pool s = poolArg(info, "maxPoolGrad");
  F32 x = f32Arg(info, 1, "x"), dy = f32Arg(info, 2, "dy"), dx = outArg(info, 3, "dx");
  requireLength(info.Env(), x, s.inSize(), "x");
  requireLength(info.Env(), dy, s.outSize(), "dy");
  requireLength(info.Env(), dx, s.inSize(), "dx");
  maxPoolGrad(s, x.data, dy.data, dx.data);
  return info.Env().Undefined();
}

Napi::Value AvgPool(const Napi::CallbackInfo& info) {
  std::lock_guard<std::mutex> lock(addonMutex());
  const Pool s = poolArg(info, "avgPool");
  F32 x = f32Arg(info, 1, "x"), y = outArg(info, 2, "y");
  requireLength(info.Env(), x, s.inSize(), "x");
  requireLength(info.Env(), y, s.outSize(), "y");
  avgPool(s, x.data, y.data);
  return info.Env().Undefined();
}

Napi::Value AvgPoolGrad(const Napi::CallbackInfo& info) {
  std::lock_guard<std::mutex> lock(addonMutex());
  const Pool s = poolArg(info, "avgPoolGrad");
  F32 dy = f32Arg(info, 1, "dy"), dx = outArg(info, 2, "dx");
  requireLength(info.Env(), dy, s.outSize(), "dy");
  requireLength(info.Env(), dx, s.inSize(), "dx");
  avgPoolGrad(s, dy.data, dx.data);
  return info.Env().Undefined();
}

}  // namespace netspec
