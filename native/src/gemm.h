#pragma once
#include <napi.h>

#include <string>

namespace netspec {

// matmul(params, a, b, out, bias|null, relu) — batched row-major sgemm, tfjs BatchMatMul semantics:
// out[i] = op(a[i % batchA]) · op(b[i % batchB]) for i < batch, op = transpose when the flag is 1.
// params, read by name: { batch, batchA, batchB, m, n, k, transposeA, transposeB (booleans) }; a is [batchA, M, K] ([.., K, M]
// transposed), b is [batchB, K, N] ([.., N, K] transposed), out is [batch, M, N].
// bias (length N, added to every row, or length 1) and relu are applied after the product.
Napi::Value Matmul(const Napi::CallbackInfo& info);
// Which sgemm runs: "openblas" (default) or "onednn" (NETSPEC_GEMM=onednn).
std::string GemmName();

}  // namespace netspec
