#pragma once
#include <napi.h>

namespace netspec {

// Local response normalisation across channels, alpha multiplying the plain sum (tfjs's convention):
//   y[c] = x[c] · (bias + alpha · Σ_{k=c−before}^{c+after} x[k]²)^(−beta)   (zero outside the channels)
// tf's depthRadius r is before = after = r; PyTorch's size n is before = n/2, after = (n−1)/2 (floored).
// lrn(params, x, y), lrnGrad(params, x, y, dy, dx); params, read by name:
//   { pixels, channels, before, after (integers), bias, alpha, beta }
Napi::Value Lrn(const Napi::CallbackInfo& info);
Napi::Value LrnGrad(const Napi::CallbackInfo& info);

}  // namespace netspec
