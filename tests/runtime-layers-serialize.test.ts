// Saving and loading models built from the Netspec layers, registration, configs, argument
// errors, activations and initialisers.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  NetspecBatchNorm, NetspecDense,
  NetspecAdaptiveAvgPool2D, NetspecConv2D, NetspecLRN, NetspecPool2D, activationName, applyActivation,
  registerNetspecLayers, resolveInitializer, serializeInitializer, type ActivationName, type InitializerSpec,
} from '../src/runtime/layers/index.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function saveToMemory(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    saved = artifacts;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  return saved!;
}

const x = (shape: number[], seed = 1) => tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(i * 1.7 + seed)), shape);

describe('registration', () => {
  it('a saved model loads only after registerNetspecLayers(), which may run twice', async () => {
    const model = tf.sequential({ layers: [new NetspecLRN({ inputShape: [2, 2, 3] })] });
    const artifacts = await saveToMemory(model);
    await expect(tf.loadLayersModel(tf.io.fromMemory(artifacts))).rejects.toThrow(/NetspecLRN/);
    registerNetspecLayers();
    registerNetspecLayers();
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
    expect(loaded.layers[0]).toBeInstanceOf(NetspecLRN);
    const map = tf.serialization.SerializationMap.getMap().classNameMap;
    for (const name of ['NetspecConv2D', 'NetspecLRN', 'NetspecPool2D', 'NetspecAdaptiveAvgPool2D', 'NetspecBatchNorm']) expect(map[name]).toBeDefined();
  });
});

describe('save → load gives the same layer and the same predictions', () => {
  beforeAll(() => registerNetspecLayers());

  it.each([
    { name: 'grouped conv, leaky_relu, paper init', input: [7, 6, 4], make: (inputShape: number[]) => new NetspecConv2D({
      inputShape, filters: 6, kernelSize: [3, 2], strides: [2, 1], pad: [1, 0, 0, 1], dilation: [1, 2], groups: 2,
      activation: 'leaky_relu', kernelInitializer: { className: 'RandomNormal', config: { mean: 0, stddev: 0.01, seed: 1 } },
      biasInitializer: { className: 'Constant', config: { value: 1 } }, name: 'conv_2' }) },
    { name: 'conv, heNormal, no bias, gelu', input: [5, 5, 3], make: (inputShape: number[]) => new NetspecConv2D({
      inputShape, filters: 4, kernelSize: [3, 3], useBias: false, activation: 'gelu', kernelInitializer: 'heNormal' }) },
    { name: 'LRN caffe', input: [3, 3, 5], make: (inputShape: number[]) => new NetspecLRN({ inputShape, size: 3, alpha: 0.3, beta: 0.75, k: 1, convention: 'caffe' }) },
    { name: 'max pool ceil', input: [6, 5, 2], make: (inputShape: number[]) => new NetspecPool2D({ inputShape, mode: 'max', poolSize: [3, 3], strides: [2, 2], pad: [1, 0, 0, 1], rounding: 'ceil' }) },
    { name: 'avg pool ceil', input: [6, 6, 2], make: (inputShape: number[]) => new NetspecPool2D({ inputShape, mode: 'avg', poolSize: [3, 3], strides: [2, 2], pad: [1, 1, 1, 1], rounding: 'ceil' }) },
    { name: 'adaptive avg pool', input: [5, 7, 2], make: (inputShape: number[]) => new NetspecAdaptiveAvgPool2D({ inputShape, outputSize: [3, 2] }) },
    { name: 'dense, glorot, relu6', input: [9], make: (inputShape: number[]) => new NetspecDense({
      inputShape, units: 7, activation: 'relu6', kernelInitializer: { className: 'GlorotUniform', config: { seed: 4 } },
      biasInitializer: { className: 'Constant', config: { value: 0.5 } } }) },
    { name: 'batchnorm over HWC channels, no center', input: [3, 4, 5], make: (inputShape: number[]) => new NetspecBatchNorm({ inputShape, epsilon: 1e-3, momentum: 0.3, center: false }) },
    { name: 'batchnorm over features', input: [6], make: (inputShape: number[]) => new NetspecBatchNorm({ inputShape }) },
  ])('$name', async ({ input, make }) => {
    const layer = make(input);
    const model = tf.sequential({ layers: [layer] });
    const batch = x([2, ...input]);
    // Running statistics away from their initial (identity) values: one training-mode forward.
    if (layer instanceof NetspecBatchNorm) model.apply(x([4, ...input], 5), { training: true });
    const before = (model.predict(batch) as tf.Tensor).dataSync();
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(await saveToMemory(model)));
    expect(loaded.layers[0].constructor).toBe(layer.constructor);
    expect(loaded.layers[0].getConfig()).toEqual(layer.getConfig());
    expect((loaded.predict(batch) as tf.Tensor).dataSync()).toEqual(before);
  });

  it('a trained conv → LRN → pool → adaptive pool model round-trips through modelFromJSON too', async () => {
    const model = tf.sequential({ layers: [
      new NetspecConv2D({ inputShape: [8, 8, 3], filters: 4, kernelSize: [3, 3], pad: [1, 1, 1, 1], groups: 1, activation: 'relu' }),
      new NetspecLRN({ size: 3, alpha: 1e-2, beta: 0.75, k: 2 }),
      new NetspecPool2D({ mode: 'max', poolSize: [3, 3], strides: [2, 2], rounding: 'ceil' }),
      new NetspecConv2D({ filters: 4, kernelSize: [3, 3], pad: [1, 1, 1, 1], groups: 2, activation: 'relu' }),
      new NetspecAdaptiveAvgPool2D({ outputSize: [1, 1] }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 2, activation: 'softmax' }),
    ] });
    expect(model.outputShape).toEqual([null, 2]);
    model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy' });
    const xs = x([4, 8, 8, 3], 3);
    const ys = tf.oneHot(tf.tensor1d([0, 1, 0, 1], 'int32'), 2);
    const kernelBefore = model.layers[3].getWeights()[0].dataSync().slice();
    await model.fit(xs, ys, { epochs: 2, batchSize: 4, verbose: 0 });
    expect(model.layers[3].getWeights()[0].dataSync()).not.toEqual(kernelBefore);

    const artifacts = await saveToMemory(model);
    const fromJson = await tf.models.modelFromJSON({ modelTopology: artifacts.modelTopology as tf.io.ModelJSON['modelTopology'] });
    fromJson.setWeights(model.getWeights());
    expect((fromJson.predict(xs) as tf.Tensor).dataSync()).toEqual((model.predict(xs) as tf.Tensor).dataSync());
  });
});

describe('argument errors name the argument and the value', () => {
  it.each([
    { make: () => new NetspecConv2D({ filters: 0, kernelSize: [3, 3] }), msg: 'Invalid value for argument `filters` of NetspecConv2D: expected 1 integer(s) >= 1. Received filters=[0].' },
    { make: () => new NetspecConv2D({ filters: 6, kernelSize: [3, 3], groups: 4 }), msg: 'Invalid value for argument `filters` of NetspecConv2D: expected a multiple of groups (4). Received filters=6.' },
    { make: () => new NetspecConv2D({ filters: 6, kernelSize: [3, 3], pad: [1, 1, -1, 0] }), msg: 'Invalid value for argument `pad` of NetspecConv2D: expected 4 integer(s) >= 0. Received pad=[1,1,-1,0].' },
    { make: () => new NetspecConv2D({ filters: 6, kernelSize: [3, 3], activation: 'swish' as ActivationName }), msg: 'Invalid value for argument `activation` of NetspecConv2D: expected one of linear, relu, relu6, leaky_relu, elu, tanh, sigmoid, softmax, gelu, silu, hard_swish. Received activation="swish".' },
    { make: () => new NetspecLRN({ size: 0 }), msg: 'Invalid value for argument `size` of NetspecLRN: expected 1 integer(s) >= 1. Received size=[0].' },
    { make: () => new NetspecLRN({ beta: -1 }), msg: 'Invalid value for argument `beta` of NetspecLRN: expected a finite number >= 0. Received beta=-1.' },
    { make: () => new NetspecPool2D({ mode: 'max', poolSize: [2, 2], pad: [0, 2, 0, 0] }), msg: 'Invalid value for argument `pad` of NetspecPool2D: expected each side smaller than poolSize [2, 2]. Received pad=[0,2,0,0].' },
    { make: () => new NetspecPool2D({ mode: 'avg', poolSize: [2, 2], rounding: 'up' as 'ceil' }), msg: 'Invalid value for argument `rounding` of NetspecPool2D: expected \'floor\' or \'ceil\'. Received rounding="up".' },
    { make: () => new NetspecDense({ units: 0 }), msg: 'Invalid value for argument `units` of NetspecDense: expected 1 integer(s) >= 1. Received units=[0].' },
    { make: () => new NetspecDense({ units: 3, activation: 'swish' as ActivationName }), msg: 'Invalid value for argument `activation` of NetspecDense: expected one of linear, relu, relu6, leaky_relu, elu, tanh, sigmoid, softmax, gelu, silu, hard_swish. Received activation="swish".' },
    { make: () => new NetspecBatchNorm({ epsilon: 0 }), msg: 'Invalid value for argument `epsilon` of NetspecBatchNorm: expected a finite number > 0. Received epsilon=0.' },
    { make: () => new NetspecBatchNorm({ momentum: 1.5 }), msg: 'Invalid value for argument `momentum` of NetspecBatchNorm: expected a number in [0, 1]. Received momentum=1.5.' },
    { make: () => new NetspecAdaptiveAvgPool2D({ outputSize: [0, 2] }), msg: 'Invalid value for argument `outputSize` of NetspecAdaptiveAvgPool2D: expected 2 integer(s) >= 1. Received outputSize=[0,2].' },
  ])('$msg', ({ make, msg }) => {
    expect(make).toThrow(msg);
  });

  it('input channels not divisible by groups, and inputs too small, are reported at build', () => {
    const conv = new NetspecConv2D({ filters: 4, kernelSize: [3, 3], groups: 2, name: 'c' });
    expect(() => conv.apply(tf.zeros([1, 5, 5, 3]))).toThrow("NetspecConv2D 'c': input channels (3) must be a multiple of groups (2).");
    const small = new NetspecPool2D({ mode: 'max', poolSize: [3, 3], name: 'p' });
    expect(() => small.computeOutputShape([null, 2, 5, 1])).toThrow("NetspecPool2D 'p': input shape [, 2, 5, 1] gives output shape [, 0, 1, 1].");
  });
});

// Independent erf: Maclaurin series, exact to double precision for |x| <= 3.
function erf(x: number): number {
  let term = x;
  let sum = x;
  for (let n = 1; n < 60; n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

describe('applyActivation', () => {
  const xs = [-2.5, -1, -0.3, 0, 0.4, 1.5, 2.8];
  it.each([
    { name: 'linear', f: (v: number) => v },
    { name: 'relu', f: (v: number) => Math.max(0, v) },
    { name: 'leaky_relu', f: (v: number) => (v > 0 ? v : 0.01 * v) },
    { name: 'leaky_relu', alpha: 0.2, f: (v: number) => (v > 0 ? v : 0.2 * v) },
    { name: 'elu', f: (v: number) => (v > 0 ? v : Math.exp(v) - 1) },
    { name: 'elu', alpha: 0.5, f: (v: number) => (v > 0 ? v : 0.5 * (Math.exp(v) - 1)) },
    { name: 'tanh', f: Math.tanh },
    { name: 'sigmoid', f: (v: number) => 1 / (1 + Math.exp(-v)) },
    { name: 'gelu', f: (v: number) => 0.5 * v * (1 + erf(v / Math.SQRT2)) },
    { name: 'silu', f: (v: number) => v / (1 + Math.exp(-v)) },
    { name: 'hard_swish', f: (v: number) => (v * Math.min(Math.max(v + 3, 0), 6)) / 6 },
  ] as { name: ActivationName; alpha?: number; f: (v: number) => number }[])('$name alpha=$alpha', ({ name, alpha, f }) => {
    const y = applyActivation(tf.tensor1d(xs), name, alpha).dataSync();
    xs.forEach((v, i) => expect(y[i]).toBeCloseTo(f(v), 5));
  });

  it('softmax normalises the last axis', () => {
    const y = applyActivation(tf.tensor2d([[1, 2, 3], [0, 0, 0]]), 'softmax').arraySync() as number[][];
    const e = [1, 2, 3].map(Math.exp);
    const z = e[0] + e[1] + e[2];
    e.forEach((v, i) => expect(y[0][i]).toBeCloseTo(v / z, 6));
    y[1].forEach((v) => expect(v).toBeCloseTo(1 / 3, 6));
  });

  it.each([
    ['leaky_relu', 'leaky_relu'], ['leakyRelu', 'leaky_relu'], ['gelu', 'gelu'], ['hardSwish', 'hard_swish'], ['silu', 'silu'], ['swish', undefined], ['Relu', undefined],
  ])('activationName(%s) → %s', (input, expected) => {
    expect(activationName(input)).toBe(expected);
  });
});

describe('initializers', () => {
  it.each([
    { spec: 'heNormal', className: 'VarianceScaling', config: { scale: 2, mode: 'fanIn', distribution: 'normal' } },
    { spec: 'glorotUniform', className: 'VarianceScaling', config: { scale: 1, mode: 'fanAvg', distribution: 'uniform' } },
    { spec: 'zeros', className: 'Zeros', config: {} },
    { spec: { className: 'RandomNormal', config: { mean: 0, stddev: 0.01, seed: 3 } }, className: 'RandomNormal', config: { mean: 0, stddev: 0.01, seed: 3 } },
    { spec: { className: 'Constant', config: { value: 1 } }, className: 'Constant', config: { value: 1 } },
  ] as { spec: InitializerSpec; className: string; config: object }[])('$className from $spec', ({ spec, className, config }) => {
    const s = serializeInitializer(resolveInitializer(spec));
    expect(s.className).toBe(className);
    expect(s.config).toMatchObject(config);
    expect(serializeInitializer(resolveInitializer(s))).toEqual(s);
  });

  it('a paper-style N(0, 0.01) kernel has that spread', () => {
    const conv = new NetspecConv2D({ filters: 64, kernelSize: [5, 5], kernelInitializer: { className: 'RandomNormal', config: { mean: 0, stddev: 0.01, seed: 5 } } });
    conv.apply(tf.zeros([1, 5, 5, 16]));
    const w = conv.getWeights()[0];
    expect(w.shape).toEqual([5, 5, 16, 64]);
    expect(tf.moments(w).variance.dataSync()[0] ** 0.5).toBeCloseTo(0.01, 3);
  });

  it.each([
    { spec: 'heNormalish', msg: 'Unknown initializer identifier: "heNormalish".' },
    { spec: { className: 'Nope', config: {} }, msg: 'Unknown initializer className: "Nope".' },
  ])('$msg', ({ spec, msg }) => {
    expect(() => resolveInitializer(spec)).toThrow(msg);
  });
});
