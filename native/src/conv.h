#pragma once
#include <napi.h>

namespace netspec {

// conv2d(mode, params, a, b, out, bias|null, relu, workspace|null) — oneDNN convolution on NHWC tensors.
//   mode 0 forward:          a = x [n,ih,iw,ic],  b = filter,           out = y [n,oh,ow,oc]
//   mode 1 backward data:    a = dy [n,oh,ow,oc], b = filter,           out = dx
//   mode 2 backward weights: a = x,              b = dy,               out = dfilter
// filter is [kh,kw,ic/groups,oc] (tfjs HWIO; output channels group-major).
// params, an object read by name (a missing or non-integer field throws a TypeError naming it):
//   { batch, inSize: [ih, iw], inChannels, outSize: [oh, ow], outChannels, kernelSize: [kh, kw],
//     strides: [sh, sw], dilation: [dh, dw], pad: [top, bottom, left, right], groups }
// bias ([oc]) and relu apply to mode 0 only (fused as bias + post-op).
// workspace: a Float32Array of at least convWorkspace(...) floats for the reordered copies and
// the scratchpad; without one (or a smaller one) they go to buffers the addon keeps.
Napi::Value Conv2d(const Napi::CallbackInfo& info);
// convWorkspace(mode, params, hasBias, relu): the floats of workspace conv2d uses for that
// problem. Before its first call it builds the candidate primitives (the first call times them
// in the workspace) and sizes it for the larger.
Napi::Value ConvWorkspace(const Napi::CallbackInfo& info);
// convImpl(mode, params, hasBias, relu): the oneDNN implementation chosen for that shape and
// its activation layout ("jit:avx2 blocked", "x64:gemm:jit nhwc", …).
Napi::Value ConvImpl(const Napi::CallbackInfo& info);
// setConvLayout(layout): 0 auto (time NHWC and blocked on each shape's first call, keep the
// faster; the default, or NETSPEC_CONV_LAYOUT=nhwc|blocked), 1 NHWC only, 2 blocked. Clears the cache.
Napi::Value SetConvLayout(const Napi::CallbackInfo& info);
// Drops cached primitives and scratch buffers.
void ClearConvCache();
size_t ConvCacheSize();

}  // namespace netspec
