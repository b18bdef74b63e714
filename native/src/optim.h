#pragma once
#include <napi.h>

namespace netspec {

// The optimizers' per-variable updates in one pass over memory, into fresh outputs (tfjs tensors
// are immutable; the old buffers go back to the backend's pool). Same float32 operations, in the
// same order, as the tensor-op path of src/runtime/train/optimizer.ts, so both give equal results.
//
// sgdUpdate(w, v, g, wOut, vOut, lr, mu, wd, nesterov):
//   d = −lr·(g + wd·w);  v' = mu·v + d;  w' = w + v'  (nesterov: w' = (w + mu·v') + d)
Napi::Value SgdUpdate(const Napi::CallbackInfo& info);
// adamUpdate(w, m, v, g, wOut, mOut, vOut, lr, b1, b2, c1, c2, eps, wd):
//   m' = b1·m + (1−b1)·g;  v' = b2·v + (1−b2)·g²;  u = (m'/c1) / (√(v'/c2) + eps) + wd·w;  w' = w − lr·u
Napi::Value AdamUpdate(const Napi::CallbackInfo& info);

}  // namespace netspec
