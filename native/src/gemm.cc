#include "gemm.h"

#include <cblas.h>
#include <dnnl.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "common.h"

namespace netspec {

namespace {

// Which sgemm runs: NETSPEC_GEMM=openblas or onednn forces one; by default OpenBLAS, except for
// Aᵀ·B (a dense layer's weight gradient xᵀ·dy: tall, with the batch as the short inner
// dimension), where oneDNN's sgemm measured twice as fast here (fc6: 20–25 ms vs 39–46 ms).
enum class Gemm { Auto, OpenBlas, OneDnn };

Gemm gemmSetting() {
  static const Gemm g = [] {
    const char* e = std::getenv("NETSPEC_GEMM");
    if (e && std::strcmp(e, "onednn") == 0) return Gemm::OneDnn;
    if (e && std::strcmp(e, "openblas") == 0) return Gemm::OpenBlas;
    return Gemm::Auto;
  }();
  return g;
}

bool useOnednn(bool ta, bool tb) {
  const Gemm g = gemmSetting();
  return g == Gemm::OneDnn || (g == Gemm::Auto && ta && !tb);
}

void sgemm(bool ta, bool tb, int64_t m, int64_t n, int64_t k, const float* a, const float* b, float* c) {
  const int64_t lda = ta ? m : k, ldb = tb ? k : n;
  if (useOnednn(ta, tb)) {
    dnnl_sgemm(ta ? 'T' : 'N', tb ? 'T' : 'N', m, n, k, 1.f, a, lda, b, ldb, 0.f, c, n);
    return;
  }
  cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, m, n, k, 1.f, a, lda, b,
              ldb, 0.f, c, n);
}

}  // namespace

std::string GemmName() {
  const Gemm g = gemmSetting();
  return g == Gemm::OneDnn ? "onednn" : g == Gemm::OpenBlas ? "openblas" : "auto";
}

Napi::Value Matmul(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::lock_guard<std::mutex> lock(addonMutex());
  const Napi::Object p = paramsArg(info, 0, "matmul");
  const int64_t batch = intField(p, "matmul", "batch"), batchA = intField(p, "matmul", "batchA"),
                batchB = intField(p, "matmul", "batchB"), m = intField(p, "matmul", "m"), n = intField(p, "matmul", "n"),
                k = intField(p, "matmul", "k");
  const bool ta = boolField(p, "matmul", "transposeA"), tb = boolField(p, "matmul", "transposeB");
  if (batch <= 0 || batchA <= 0 || batchB <= 0 || m <= 0 || n <= 0 || k < 0 || batch < batchA || batch < batchB) {
    throw Napi::RangeError::New(env, "matmul: invalid shape parameters");
  }
  F32 a = f32Arg(info, 1, "a"), b = f32Arg(info, 2, "b"), out = outArg(info, 3, "out");
  F32 bias = optionalF32Arg(info, 4, "bias");
  const bool relu = info.Length() > 5 && boolArg(info, 5, "relu");
  requireLength(env, a, batchA * m * k, "a");
  requireLength(env, b, batchB * k * n, "b");
  requireLength(env, out, batch * m * n, "out");
  if (bias.data && bias.length != static_cast<size_t>(n) && bias.length != 1) {
    throw Napi::RangeError::New(env, "matmul: bias must have length N or 1");
  }

  for (int64_t i = 0; i < batch; ++i) {
    float* c = out.data + i * m * n;
    if (k == 0) {
      std::fill(c, c + m * n, 0.f);
    } else {
      sgemm(ta, tb, m, n, k, a.data + (i % batchA) * m * k, b.data + (i % batchB) * k * n, c);
    }
  }
  if (bias.data || relu) {
    const int64_t rows = batch * m;
    const bool scalar = bias.length == 1;
    for (int64_t r = 0; r < rows; ++r) {
      float* row = out.data + r * n;
      if (bias.data) {
        for (int64_t j = 0; j < n; ++j) row[j] += bias.data[scalar ? 0 : j];
      }
      if (relu) {
        for (int64_t j = 0; j < n; ++j) row[j] = row[j] < 0.f ? 0.f : row[j];  // NaN passes, as in tfjs
      }
    }
  }
  return env.Undefined();
}

}  // namespace netspec
