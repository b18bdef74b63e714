// Replacements for two of tfjs-backend-webgpu's gradient kernels, slow enough to dominate
// AlexNet's training step, built from the package's own fast kernels:
// - LRNGrad: the package's shader loops over all channels twice per element (O(C²) work per
//   element; at batch 8, 13×13, 256 channels, 46 s on lavapipe against our 0.5 s).
// - Conv2DBackpropFilter: the package gives each filter element one thread that loops over the
//   whole batch (AlexNet's conv1 at batch 128: 35 k threads of 387 k iterations each), long serial
//   loops that starve a GPU. Ours is one matrix product per filter tap, whose long inner dimension
//   the package's matmul splits across workgroups. (On a CPU adapter such as lavapipe, where long
//   loops cost nothing extra, the package's is up to 2.5x faster for conv1/conv2 shapes and 4x
//   slower for conv3's: we keep one kernel everywhere, so that what CI tests is what a GPU runs.)
import * as tf from '@tensorflow/tfjs';
import { NETSPEC_LRN_GRAD } from './lrn-op.ts';

/** The tfjs backend name. */
export const WEBGPU = 'webgpu';

type Info = tf.TensorInfo;
type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: object; attrs?: tf.NamedAttrMap };
interface WebGPUKernelBackend { makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): Info; disposeData(id: object): boolean }

/** Calls the webgpu kernels by name on `backend`, as tfjs's own composite kernels do. */
function kernelsOn(backend: object) {
  const b = backend as WebGPUKernelBackend;
  return {
    run: (name: string, inputs: Record<string, Info> | Info[], attrs: object = {}): Info =>
      tf.getKernel(name, WEBGPU)!.kernelFunc({ inputs: inputs as tf.NamedTensorInfoMap, backend: backend as tf.KernelBackend, attrs: attrs as tf.NamedAttrMap }) as Info,
    free: (...ts: Info[]) => ts.forEach((t) => b.disposeData(t.dataId)),
    scalar: (v: number) => b.makeTensorInfo([], 'float32', new Float32Array([v])),
  };
}

/**
 * LRNGrad on webgpu from existing kernels. With N_c = k + α Σ_{j∈W(c)} x_j² over the window W(c)
 * of channels c−before … c+after (tf's LRN: before = after = depthRadius; the NetspecLrn op,
 * lrn-op.ts, gives both, unequal for even windows), and y_c = x_c N_c^−β (the forward output):
 *     dx_i = dy_i N_i^−β − 2αβ x_i Σ_{c: i∈W(c)} dy_c y_c / N_c
 * where i ∈ W(c) exactly when c is in the mirrored window i−after … i+before.
 */
export function lrnGradWebGPU({ inputs, backend, attrs }: KernelArgs): Info {
  const { x, y, dy } = inputs as { x: Info; y: Info; dy: Info };
  const a = attrs as unknown as { depthRadius?: number; before?: number; after?: number; bias: number; alpha: number; beta: number };
  const { bias, alpha, beta } = a;
  const before = a.before ?? a.depthRadius!, after = a.after ?? a.depthRadius!;
  const { run, free, scalar } = kernelsOn(backend);
  const last = x.shape.length - 1;
  /** Σ_{o=−lo..hi} t[…, c+o], zero outside [0, C): pad the channels, add lo+hi+1 shifted slices. */
  const windowSum = (t: Info, lo: number, hi: number): Info => {
    const paddings = t.shape.map((_, i) => (i === last ? [lo, hi] : [0, 0]));
    const padded = run('PadV2', { x: t }, { paddings, constantValue: 0 });
    const at = (o: number) => t.shape.map((_, i) => (i === last ? o : 0));
    let acc = run('Slice', { x: padded }, { begin: at(0), size: t.shape });
    for (let o = 1; o <= lo + hi; o++) {
      const shifted = run('Slice', { x: padded }, { begin: at(o), size: t.shape });
      const next = run('Add', { a: acc, b: shifted });
      free(acc, shifted);
      acc = next;
    }
    free(padded);
    return acc;
  };
  const [sAlpha, sBias, sNegBeta, sTwoAlphaBeta] = [scalar(alpha), scalar(bias), scalar(-beta), scalar(2 * alpha * beta)];
  const squares = run('Square', { x });
  const sumSq = windowSum(squares, before, after);
  const scaled = run('Multiply', { a: sumSq, b: sAlpha });
  const norm = run('Add', { a: scaled, b: sBias });
  free(squares, sumSq, scaled);
  const normPow = run('Pow', { a: norm, b: sNegBeta });
  const direct = run('Multiply', { a: dy, b: normPow });
  const dyY = run('Multiply', { a: dy, b: y });
  const ratio = run('RealDiv', { a: dyY, b: norm });
  const spread = windowSum(ratio, after, before);
  const xSpread = run('Multiply', { a: x, b: spread });
  const cross = run('Multiply', { a: xSpread, b: sTwoAlphaBeta });
  const dx = run('Sub', { a: direct, b: cross });
  free(normPow, direct, dyY, ratio, norm, spread, xSpread, cross, sAlpha, sBias, sNegBeta, sTwoAlphaBeta);
  return dx;
}

/** The package's own kernels we replaced, for what ours do not handle. */
const replacedKernels = new Map<string, tf.KernelFunc>();

/**
 * Conv2DBackpropFilter on webgpu as one matrix product per filter tap (kh, kw):
 *     dW[kh, kw] = X_tap^T · dY     X_tap = x_padded[:, kh + s·oh, kw + s·ow, :] as [B·OH·OW, Ci],  dY as [B·OH·OW, Co]
 * The package's matmul splits the long inner dimension across workgroups; memory stays at one
 * tap's slice of the input. NCHW (which netspec never uses) goes to the package's kernel.
 */
export function conv2dBackpropFilterWebGPU(args: KernelArgs): Info {
  const { inputs, backend } = args;
  const attrs = args.attrs as unknown as {
    strides: number | [number, number]; pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
    dataFormat: 'NHWC' | 'NCHW'; dimRoundingMode?: 'floor' | 'round' | 'ceil'; filterShape: [number, number, number, number];
  };
  if (attrs.dataFormat === 'NCHW') {
    const original = replacedKernels.get('Conv2DBackpropFilter');
    if (!original) throw new Error('Conv2DBackpropFilter on webgpu: NCHW needs the package kernel, which was not registered');
    return original(args as Parameters<tf.KernelFunc>[0]) as Info;
  }
  const { x, dy } = inputs as { x: Info; dy: Info };
  const c = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], attrs.filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false, 'channelsLast');
  const { run, free } = kernelsOn(backend);
  const { top, bottom, left, right } = c.padInfo;
  const padded = run('PadV2', { x }, { paddings: [[0, 0], [top, bottom], [left, right], [0, 0]], constantValue: 0 });
  const rows = c.batchSize * c.outHeight * c.outWidth;
  const dyMat = run('Reshape', { x: dy }, { shape: [1, rows, c.outChannels] });
  const taps: Info[] = [];
  for (let kh = 0; kh < c.filterHeight; kh++) {
    for (let kw = 0; kw < c.filterWidth; kw++) {
      const patch = run('StridedSlice', { x: padded }, {
        begin: [0, kh, kw, 0],
        end: [c.batchSize, kh + c.strideHeight * (c.outHeight - 1) + 1, kw + c.strideWidth * (c.outWidth - 1) + 1, c.inChannels],
        strides: [1, c.strideHeight, c.strideWidth, 1], beginMask: 0, endMask: 0, ellipsisMask: 0, newAxisMask: 0, shrinkAxisMask: 0,
      });
      const patchMat = run('Reshape', { x: patch }, { shape: [1, rows, c.inChannels] });
      taps.push(run('BatchMatMul', { a: patchMat, b: dyMat }, { transposeA: true, transposeB: false }));
      free(patch, patchMat);
    }
  }
  const stacked = taps.length === 1 ? taps[0] : run('Concat', taps, { axis: 0 });
  const dw = run('Reshape', { x: stacked }, { shape: attrs.filterShape });
  free(padded, dyMat, ...(taps.length === 1 ? [] : taps), stacked);
  return dw;
}

/** Puts our kernel in place of the package's, keeping the package's for the cases ours hands back. */
function replaceKernel(kernelName: string, kernelFunc: tf.KernelFunc): void {
  const current = tf.getKernel(kernelName, WEBGPU);
  if (current?.kernelFunc === kernelFunc) return;
  if (current) {
    replacedKernels.set(kernelName, current.kernelFunc);
    tf.unregisterKernel(kernelName, WEBGPU);
  }
  tf.registerKernel({ kernelName, backendName: WEBGPU, kernelFunc });
}

const OURS: [string, tf.KernelFunc][] = [
  ['LRNGrad', lrnGradWebGPU as tf.KernelFunc],
  [NETSPEC_LRN_GRAD, lrnGradWebGPU as tf.KernelFunc], // lrn-op.ts's gradient (the package has none to keep)
  ['Conv2DBackpropFilter', conv2dBackpropFilterWebGPU as tf.KernelFunc],
];

/** Ours in place of the package's slow kernels, or (packageKernels) the package's back. */
export function chooseKernels(packageKernels: boolean): void {
  for (const [name, ours] of OURS) {
    const saved = replacedKernels.get(name);
    if (!packageKernels) replaceKernel(name, ours);
    else if (saved && tf.getKernel(name, WEBGPU)?.kernelFunc === ours) {
      tf.unregisterKernel(name, WEBGPU);
      tf.registerKernel({ kernelName: name, backendName: WEBGPU, kernelFunc: saved });
    }
  }
}
