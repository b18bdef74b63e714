#pragma once
#include <napi.h>

namespace netspec {

// unary(op, x, y, alpha): op 0 relu (max(0, x), NaN kept), op 1 step (x > 0 ? 1 : alpha, NaN kept),
// op 2 floor, op 3 relu6 (min(max(x, 0), 6), NaN kept).
Napi::Value Unary(const Napi::CallbackInfo& info);
// binary(op, a, b, out[, inner[, block]]): out[i] = a[i % a.length] ∘ b[i % b.length], op 0 add, 1 sub,
// 2 mul, 3 div, 4 relu gradient (b > 0 ? a : 0), 5 relu6 gradient from x (a·[0 < b ≤ 6], NaN where b is). One operand has out.length values, the other's length divides it (tfjs's
// broadcast of a trailing block or a scalar). With `inner`, the smaller operand instead holds one
// value per row of `inner` outputs (a [M, 1] column against [M, N]); with `block` too, one block
// of `block` values per row of inner × block outputs ([N, 1, 1, C] against [N, H, W, C]).
Napi::Value Binary(const Napi::CallbackInfo& info);
// sum(x, out, outer, inner, mode): x viewed as [outer, inner]; mode 0 sums over outer (out has
// `inner` values), mode 1 over inner (out has `outer` values). Accumulates in double, as tfjs does.
Napi::Value Sum(const Napi::CallbackInfo& info);
// softmax(x, y, cols): softmax over each row of `cols` values (the last axis).
Napi::Value Softmax(const Napi::CallbackInfo& info);

}  // namespace netspec
