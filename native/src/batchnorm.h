#pragma once
#include <napi.h>

namespace netspec {

// Batch normalisation over the last axis of a row-major tensor viewed as [rows, channels] (NHWC
// or [n, c]): y = act((x − mean)·γ/√(var + ε) + β). params, read by name:
//   { rows, channels, activation (integers: 0 none, 1 relu, 2 relu6), epsilon (number), training (boolean) }
// batchNorm(params, x, gamma|null, beta|null, mean, variance, y): in training writes the batch's
//   mean and biased variance into mean and variance, else normalises with the ones given there.
// batchNormGrad(params, x, dy, gamma|null, mean, variance, dx, dgamma, dbeta, y|null): dβ = Σ dy,
//   dγ = Σ dy·x̂ and dx = s·(dy − dβ/n − x̂·dγ/n) in training (s = γ/√(var + ε)), s·dy in inference.
//   With an activation, dy is first masked by the activation's gradient read from the output y
//   (relu: y > 0; relu6: 0 < y < 6, PyTorch's), as NetspecReluGrad and relu6's gradient do.
// Sums accumulate in double; one pass for the statistics, one for the output; one thread.
Napi::Value BatchNorm(const Napi::CallbackInfo& info);
Napi::Value BatchNormGrad(const Napi::CallbackInfo& info);

// mean(x, out, outer, mid, inner): x as [outer, mid, inner], out[o, i] = Σ_m x[o, m, i]/mid, each
// term divided first and the sum in double, in tfjs's cpu Mean's order (the same values).
Napi::Value MeanMiddle(const Napi::CallbackInfo& info);

}  // namespace netspec
