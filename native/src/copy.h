#pragma once
#include <napi.h>

namespace netspec {

// copyBox(src, srcShape, srcBegin, dst, dstShape, dstBegin, box): copies the box of extent `box`
// starting at srcBegin in src (row-major, srcShape) to dstBegin in dst (dstShape). All arrays of
// integers have the same rank (≤ 8). Slice, SplitV, Concat and PadV2 are all made of this.
Napi::Value CopyBox(const Napi::CallbackInfo& info);
// fill(dst, value)
Napi::Value Fill(const Napi::CallbackInfo& info);

}  // namespace netspec
