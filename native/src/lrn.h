#pragma once
#include <napi.h>

namespace netspec {

// Local response normalisation across channels, tfjs semantics (alpha multiplies the plain sum):
//   y[c] = x[c] · (bias + alpha · Σ_{|k−c|≤r} x[k]²)^(−beta)
// lrn(params, x, y), lrnGrad(params, x, y, dy, dx); params, read by name:
//   { pixels, channels, depthRadius (r, an integer), bias, alpha, beta }
Napi::Value Lrn(const Napi::CallbackInfo& info);
Napi::Value LrnGrad(const Napi::CallbackInfo& info);

}  // namespace netspec
