// netspec_native: the hot kernels of the netspec-cpu tfjs backend. Every function reads its inputs
// from and writes its result into Float32Arrays that the caller allocated (the tfjs backend owns
// all tensor memory); see the headers for each signature.
#include <napi.h>
#include <dnnl.h>
#include <omp.h>

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <string>

#include "batchnorm.h"
#include "common.h"
#include "conv.h"
#include "copy.h"
#include "elementwise.h"
#include "gemm.h"
#include "lrn.h"
#include "optim.h"
#include "pool.h"

extern "C" {
// From OpenBLAS (declared here so that any cblas.h will do).
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
char* openblas_get_config(void);
}

namespace netspec {

namespace {

// oneDNN's name for the widest instruction set it may use here: the CPU's, capped by
// ONEDNN_MAX_CPU_ISA. bf16 convolutions and matmuls need avx512_core_bf16 or avx512_core_amx.
const char* EffectiveIsaName() {
  switch (dnnl_get_effective_cpu_isa()) {
    case dnnl_cpu_isa_sse41: return "sse41";
    case dnnl_cpu_isa_avx: return "avx";
    case dnnl_cpu_isa_avx2: return "avx2";
    case dnnl_cpu_isa_avx2_vnni: return "avx2_vnni";
    case dnnl_cpu_isa_avx512_mic: return "avx512_mic";
    case dnnl_cpu_isa_avx512_mic_4ops: return "avx512_mic_4ops";
    case dnnl_cpu_isa_avx512_core: return "avx512_core";
    case dnnl_cpu_isa_avx512_core_vnni: return "avx512_core_vnni";
    case dnnl_cpu_isa_avx512_core_bf16: return "avx512_core_bf16";
    case dnnl_cpu_isa_avx512_core_amx: return "avx512_core_amx";
    case dnnl_cpu_isa_all: return "all";
    default: return "unknown";
  }
}

Napi::Value Info(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::lock_guard<std::mutex> lock(addonMutex());
  const dnnl_version_t* v = dnnl_version();
  Napi::Object o = Napi::Object::New(env);
  o.Set("onednn", std::to_string(v->major) + "." + std::to_string(v->minor) + "." + std::to_string(v->patch));
  o.Set("blas", std::string(openblas_get_config()));
  o.Set("isa", EffectiveIsaName());
  o.Set("gemm", GemmName());
  o.Set("threads", omp_get_max_threads());
  o.Set("blasThreads", openblas_get_num_threads());
  o.Set("cachedPrimitives", static_cast<double>(ConvCacheSize()));
  return o;
}

// setThreads(n): both OpenMP (oneDNN and our loops) and OpenBLAS.
Napi::Value SetThreads(const Napi::CallbackInfo& info) {
  std::lock_guard<std::mutex> lock(addonMutex());
  const int n = static_cast<int>(numberArg(info, 0, "threads"));
  if (n < 1) throw Napi::RangeError::New(info.Env(), "setThreads: need at least 1 thread");
  omp_set_num_threads(n);
  openblas_set_num_threads(n);
  return info.Env().Undefined();
}

// releasePages(a): hands the whole pages inside a's memory back to the kernel (MADV_DONTNEED):
// the resident set shrinks at once, and a later write faults in zeroed pages. For memory whose
// contents nobody needs (the float pool's free blocks). Returns the bytes released.
Napi::Value ReleasePages(const Napi::CallbackInfo& info) {
  F32 a = f32Arg(info, 0, "a");
  const uintptr_t page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
  const uintptr_t begin = (reinterpret_cast<uintptr_t>(a.data) + page - 1) & ~(page - 1);
  const uintptr_t end = (reinterpret_cast<uintptr_t>(a.data) + a.length * sizeof(float)) & ~(page - 1);
  if (end <= begin) return Napi::Number::New(info.Env(), 0);
  if (madvise(reinterpret_cast<void*>(begin), end - begin, MADV_DONTNEED) != 0) return Napi::Number::New(info.Env(), 0);
  return Napi::Number::New(info.Env(), static_cast<double>(end - begin));
}

// adviseHugePages(a): asks for transparent huge pages over a's memory (MADV_HUGEPAGE), as outputs
// get (common.cc): a page released by releasePages then faults back in 2 MiB at a time.
Napi::Value AdviseHugePages(const Napi::CallbackInfo& info) {
  outArg(info, 0, "a");
  return info.Env().Undefined();
}

Napi::Value ClearCache(const Napi::CallbackInfo& info) {
  std::lock_guard<std::mutex> lock(addonMutex());
  ClearConvCache();
  return info.Env().Undefined();
}

}  // namespace

}  // namespace netspec

static Napi::Object Init(Napi::Env env, Napi::Object exports) {
  using namespace netspec;
  exports.Set("conv2d", Napi::Function::New(env, Conv2d, "conv2d"));
  exports.Set("setConvLayout", Napi::Function::New(env, SetConvLayout, "setConvLayout"));
  exports.Set("convImpl", Napi::Function::New(env, ConvImpl, "convImpl"));
  exports.Set("convWorkspace", Napi::Function::New(env, ConvWorkspace, "convWorkspace"));
  exports.Set("matmul", Napi::Function::New(env, Matmul, "matmul"));
  exports.Set("maxPool", Napi::Function::New(env, MaxPool, "maxPool"));
  exports.Set("maxPoolGrad", Napi::Function::New(env, MaxPoolGrad, "maxPoolGrad"));
  exports.Set("avgPool", Napi::Function::New(env, AvgPool, "avgPool"));
  exports.Set("avgPoolGrad", Napi::Function::New(env, AvgPoolGrad, "avgPoolGrad"));
  exports.Set("lrn", Napi::Function::New(env, Lrn, "lrn"));
  exports.Set("lrnGrad", Napi::Function::New(env, LrnGrad, "lrnGrad"));
  exports.Set("batchNorm", Napi::Function::New(env, BatchNorm, "batchNorm"));
  exports.Set("batchNormGrad", Napi::Function::New(env, BatchNormGrad, "batchNormGrad"));
  exports.Set("mean", Napi::Function::New(env, MeanMiddle, "mean"));
  exports.Set("sgdUpdate", Napi::Function::New(env, SgdUpdate, "sgdUpdate"));
  exports.Set("adamUpdate", Napi::Function::New(env, AdamUpdate, "adamUpdate"));
  exports.Set("unary", Napi::Function::New(env, Unary, "unary"));
  exports.Set("binary", Napi::Function::New(env, Binary, "binary"));
  exports.Set("softmax", Napi::Function::New(env, Softmax, "softmax"));
  exports.Set("sum", Napi::Function::New(env, Sum, "sum"));
  exports.Set("copyBox", Napi::Function::New(env, CopyBox, "copyBox"));
  exports.Set("fill", Napi::Function::New(env, Fill, "fill"));
  exports.Set("info", Napi::Function::New(env, Info, "info"));
  exports.Set("setThreads", Napi::Function::New(env, SetThreads, "setThreads"));
  exports.Set("clearCache", Napi::Function::New(env, ClearCache, "clearCache"));
  exports.Set("releasePages", Napi::Function::New(env, ReleasePages, "releasePages"));
  exports.Set("adviseHugePages", Napi::Function::New(env, AdviseHugePages, "adviseHugePages"));
  return exports;
}

NODE_API_MODULE(netspec_native, Init)
