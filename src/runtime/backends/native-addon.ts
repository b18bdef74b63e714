// Loads native/build/Release/netspec_native.node (built by `npm run build:native`), else the
// package's prebuilds/<platform>-<arch>/ binary. Optional: a missing or broken build is reported
// as data so that backend selection can explain itself.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * One convolution's geometry, NHWC (native/src/conv.h). The addon reads each field by name and
 * throws a TypeError naming any that is missing or not an integer.
 */
export interface ConvParams {
  batch: number;
  /** [height, width] of the input. */
  inSize: readonly [number, number];
  inChannels: number;
  /** [height, width] of the output: oneDNN's floor rule must give it from the rest. */
  outSize: readonly [number, number];
  outChannels: number;
  kernelSize: readonly [number, number];
  strides: readonly [number, number];
  dilation: readonly [number, number];
  /** [top, bottom, left, right]. */
  pad: readonly [number, number, number, number];
  groups: number;
}
/** One NHWC pooling geometry (native/src/pool.h); windows are clipped to the input. */
export interface PoolParams {
  batch: number;
  inSize: readonly [number, number];
  channels: number;
  outSize: readonly [number, number];
  kernelSize: readonly [number, number];
  strides: readonly [number, number];
  /** Padding before the first row and column (what follows is implied by outSize). */
  padTopLeft: readonly [number, number];
}

/** A batched matmul (native/src/gemm.h): out[i] = op(a[i % batchA]) · op(b[i % batchB]), [m, k]·[k, n]. */
export interface MatmulParams {
  batch: number;
  batchA: number;
  batchB: number;
  m: number;
  n: number;
  k: number;
  transposeA: boolean;
  transposeB: boolean;
}

/** Local response normalisation across the channels of `pixels` rows (native/src/lrn.h, alpha times the plain sum). */
export interface LrnParams {
  pixels: number;
  channels: number;
  /** The window: channels c − before … c + after (tf's depthRadius r is r and r; PyTorch's even n is n/2 and n/2 − 1). */
  before: number;
  after: number;
  bias: number;
  alpha: number;
  beta: number;
}

/** Batch normalisation over the last axis of x viewed as [rows, channels] (native/src/batchnorm.h). */
export interface BatchNormParams {
  rows: number;
  channels: number;
  epsilon: number;
  /** Normalise with the batch's statistics (written to mean and variance), else with the given ones. */
  training: boolean;
  /** Applied to the output: 0 none, 1 relu, 2 relu6 (the gradient then needs the output y). */
  activation: number;
}

export const ConvMode = { Forward: 0, BackwardData: 1, BackwardFilter: 2 } as const;
export type ConvMode = (typeof ConvMode)[keyof typeof ConvMode];

export interface NativeInfo {
  onednn: string;
  blas: string;
  /**
   * oneDNN's effective ISA (dnnl_get_effective_cpu_isa: the CPU's, capped by ONEDNN_MAX_CPU_ISA),
   * e.g. "avx2", "avx512_core_bf16", "avx512_core_amx". Absent from addons built before it existed.
   */
  isa?: string;
  /** Which sgemm dense layers use: auto is OpenBLAS, and oneDNN for Aᵀ·B (native/src/gemm.cc). */
  gemm: 'openblas' | 'onednn' | 'auto';
  threads: number;
  blasThreads: number;
  cachedPrimitives: number;
}

/** Room for a convolution's temporaries: the reordered a, b and out, and oneDNN's scratchpad. */
export type ConvRooms = [Float32Array | null, Float32Array | null, Float32Array | null, Float32Array | null];

/** The addon's functions. Outputs are caller-allocated Float32Arrays, written in place. */
export interface NativeAddon {
  /** Forward (bias and relu fused), or either gradient; filter is [kh, kw, inChannels/groups, outChannels]. */
  conv2d(mode: ConvMode, params: ConvParams, a: Float32Array, b: Float32Array, out: Float32Array, bias?: Float32Array | null, relu?: boolean, rooms?: ConvRooms | null): void;
  /** Gives the whole pages inside a's memory back to the system (MADV_DONTNEED); their contents become zeros. Returns the bytes released. */
  releasePages(a: Float32Array): number;
  /** Asks for transparent huge pages over a's memory (MADV_HUGEPAGE; not with NETSPEC_NO_HUGEPAGES=1), as outputs get. */
  adviseHugePages(a: Float32Array): void;
  /** Floats of room each temporary of that problem takes, [a, b, out, scratchpad] (0: none); before its first call, the larger of the candidate layouts'. */
  convWorkspace(mode: ConvMode, params: ConvParams, hasBias: boolean, relu: boolean): [number, number, number, number];
  /** The oneDNN implementation and activation layout used for that problem ("jit:avx2 blocked"). */
  convImpl(mode: ConvMode, params: ConvParams, hasBias: boolean, relu: boolean): string;
  /** 0 auto (time both layouts per shape; default), 1 NHWC only, 2 blocked (nChw8c) only. Clears the primitive cache. */
  setConvLayout(layout: 0 | 1 | 2): void;
  matmul(params: MatmulParams, a: Float32Array, b: Float32Array, out: Float32Array, bias?: Float32Array | null, relu?: boolean): void;
  maxPool(params: PoolParams, x: Float32Array, y: Float32Array): void;
  maxPoolGrad(params: PoolParams, x: Float32Array, dy: Float32Array, dx: Float32Array): void;
  avgPool(params: PoolParams, x: Float32Array, y: Float32Array): void;
  avgPoolGrad(params: PoolParams, dy: Float32Array, dx: Float32Array): void;
  lrn(params: LrnParams, x: Float32Array, y: Float32Array): void;
  lrnGrad(params: LrnParams, x: Float32Array, y: Float32Array, dy: Float32Array, dx: Float32Array): void;
  /** y from x; in training also writes the batch's mean and biased variance, else reads them. Null γ is 1, null β is 0. */
  batchNorm(params: BatchNormParams, x: Float32Array, gamma: Float32Array | null, beta: Float32Array | null,
    mean: Float32Array, variance: Float32Array, y: Float32Array): void;
  /** dx, dγ = Σ dy·x̂ and dβ = Σ dy; dx includes the batch statistics' dependence on x in training. */
  batchNormGrad(params: BatchNormParams, x: Float32Array, dy: Float32Array, gamma: Float32Array | null, mean: Float32Array, variance: Float32Array,
    dx: Float32Array, dgamma: Float32Array, dbeta: Float32Array, y?: Float32Array | null): void;
  /** x as [outer, mid, inner]: out[o, i] = mean over m of x[o, m, i] (tfjs's cpu Mean's values). */
  mean(x: Float32Array, out: Float32Array, outer: number, mid: number, inner: number): void;
  /** Fused SGD-with-momentum step of one variable (native/src/optim.h): writes wOut and vOut. */
  sgdUpdate(w: Float32Array, v: Float32Array, g: Float32Array, wOut: Float32Array, vOut: Float32Array, lr: number, mu: number, wd: number, nesterov: boolean): void;
  /** Fused Adam step of one variable: writes wOut, mOut, vOut; c1, c2 are the bias corrections 1 − βᵗ. */
  adamUpdate(w: Float32Array, m: Float32Array, v: Float32Array, g: Float32Array, wOut: Float32Array, mOut: Float32Array, vOut: Float32Array,
    lr: number, b1: number, b2: number, c1: number, c2: number, eps: number, wd: number): void;
  /** op: 0 relu, 1 step (x > 0 ? 1 : alpha), 2 floor, 3 relu6. */
  unary(op: 0 | 1 | 2 | 3, x: Float32Array, y: Float32Array, alpha?: number): void;
  /**
   * out[i] = a[i % a.length] op b[i % b.length]; op: 0 add, 1 sub, 2 mul, 3 div, 4 relu gradient
   * (b > 0 ? a : 0), 5 relu6 gradient from the output (a·[0 < b < 6]). With `inner`, the
   * shorter operand has one value per row of `inner` outputs instead (a [M, 1] column against [M, N]);
   * with `block` too, one block of `block` values per row of inner × block outputs ([N,1,1,C] against [N,H,W,C]).
   */
  binary(op: 0 | 1 | 2 | 3 | 4 | 5, a: Float32Array, b: Float32Array, out: Float32Array, inner?: number, block?: number): void;
  /** Softmax over each row of `cols` values. */
  softmax(x: Float32Array, y: Float32Array, cols: number): void;
  /** x as [outer, inner]; mode 0 sums over outer, 1 over inner. */
  sum(x: Float32Array, out: Float32Array, outer: number, inner: number, mode: 0 | 1): void;
  /** Copies the box of extent `box` at srcBegin in src to dstBegin in dst (row-major, same rank). */
  copyBox(src: Float32Array, srcShape: readonly number[], srcBegin: readonly number[], dst: Float32Array, dstShape: readonly number[], dstBegin: readonly number[], box: readonly number[]): void;
  fill(dst: Float32Array, value: number): void;
  info(): NativeInfo;
  setThreads(n: number): void;
  clearCache(): void;
}

export type AddonLoad = { ok: true; addon: NativeAddon; path: string } | { ok: false; why: string };

/** A local build (`npm run build:native`), three folders up from src/ or dist/ alike. */
export const ADDON_PATH = fileURLToPath(new URL('../../../native/build/Release/netspec_native.node', import.meta.url));
/** The binary the package ships (scripts/pack-native.sh), used when there is no local build. */
export const PREBUILT_PATH = fileURLToPath(new URL(`../../../prebuilds/${process.platform}-${process.arch}/netspec_native.node`, import.meta.url));

/** Which file to load: a local build wins over the shipped one; neither gives the local build's path for the message. */
export function addonPath(exists: (p: string) => boolean = existsSync): string {
  return exists(ADDON_PATH) || !exists(PREBUILT_PATH) ? ADDON_PATH : PREBUILT_PATH;
}

let loaded: AddonLoad | undefined;

/** Loads the addon once; later calls return the same result. */
export function loadNativeAddon(): AddonLoad {
  loaded ??= tryLoad(addonPath());
  return loaded;
}

export function tryLoad(path: string): AddonLoad {
  if (!existsSync(path)) {
    return { ok: false, why: `native addon not built (${path} missing; the package ships one for linux-x64 only): run \`npm run build:native\` in a netspec checkout` };
  }
  try {
    // OpenBLAS's idle workers otherwise spin for ~2^28 cycles after each sgemm, taking a core from
    // the oneDNN convolution that follows. Read once, when the library loads with the addon.
    process.env.OPENBLAS_THREAD_TIMEOUT ??= '4';
    const addon = createRequire(import.meta.url)(path) as NativeAddon;
    return { ok: true, addon, path };
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const lib = /lib(dnnl|openblas|gomp)[^:\s]*/.exec(msg)?.[0];
    const hint = lib
      ? `shared library ${lib} missing: apt-get install -y libdnnl2 libopenblas0 (or rebuild with \`npm run build:native\`)`
      : 'rebuild it with `npm run build:native`';
    return { ok: false, why: `native addon failed to load (${msg.split('\n')[0]}): ${hint}` };
  }
}
