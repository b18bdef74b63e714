#pragma once
#include <napi.h>

namespace netspec {

// NHWC 2-D pooling; windows are clipped to the input (padding never takes part), as in tfjs.
// params, an object read by name (a missing or non-integer field throws a TypeError naming it):
//   { batch, inSize: [ih, iw], channels, outSize: [oh, ow], kernelSize: [kh, kw], strides: [sh, sw],
//     padTopLeft: [top, left] }
//   maxPool(params, x, y)           max over the window
//   maxPoolGrad(params, x, dy, dx)  dy goes to the first maximum of each window (scan order row, col)
//   avgPool(params, x, y)           mean over the window's in-bounds positions
//   avgPoolGrad(params, dy, dx)     dy / (that count) to each in-bounds position
Napi::Value MaxPool(const Napi::CallbackInfo& info);
Napi::Value MaxPoolGrad(const Napi::CallbackInfo& info);
Napi::Value AvgPool(const Napi::CallbackInfo& info);
Napi::Value AvgPoolGrad(const Napi::CallbackInfo& info);

}  // namespace netspec
