#pragma once
#include <napi.h>

namespace netspec {

// conv2d(mode, params, a, b, out, bias|null, relu, rooms|null) — oneDNN convolution on NHWC tensors.
//   mode 0 forward:          a = x [n,ih,iw,ic],  b = filter,           out = y [n,oh,ow,oc]
//   mode 1 backward data:    a = dy [n,oh,ow,oc], b = filter,           out = dx
//   mode 2 backward weights: a = x,              b = dy,               out = dfilter
// filter is [kh,kw,ic/groups,oc] (tfjs HWIO; output channels group-major).
// params, an object read by name (a missing or non-integer field throws a TypeError naming it):
//   { batch, inSize: [ih, iw], inChannels, outSize: [oh, ow], outChannels, kernelSize: [kh, kw],
//     strides: [sh, sw], dilation: [dh, dw], pad: [top, bottom, left, right], groups }
// bias ([oc]) and relu apply to mode 0 only (fused as bias + post-op).
// rooms: [a, b, out, scratchpad], a Float32Array (or null) for each temporary: the reordered
// copies of a, b and out, and oneDNN's scratchpad, at least as long as convWorkspace says. A
// temporary without one (or with a shorter one) goes to a buffer the addon keeps.
Napi::Value Conv2d(const Napi::CallbackInfo& info);
// convWorkspace(mode, params, hasBias, relu): [a, b, out, scratchpad], the floats of room each
// temporary of that problem takes (0: none). Before its first call it builds the candidate
// primitives (the first call times them in those rooms) and sizes each for the larger.
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
