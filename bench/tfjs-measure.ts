// One model on one tfjs backend: forward and training-step throughput, and memory. Runs in its own
// process (tfjs-worker.ts) so that peak RSS belongs to this pair alone.
//
// The training step is the one `netspec train` takes (src/runtime/train/loop.ts): tf.variableGrads
// of the cross-entropy of the softmax outputs, then our SGD with momentum over every trainable
// weight. Inputs and labels are random with a fixed seed.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { selectBackend, type BackendRequest } from '../src/runtime/backends/select.ts';
import { applyForTraining } from '../src/runtime/train/forward.ts';
import { crossEntropy } from '../src/runtime/train/metrics.ts';
import { createOptimizer } from '../src/runtime/train/optimizer.ts';
import { withSeededRandom } from '../src/runtime/train/loop.ts';
import type { BenchBackend } from './options.ts';
import { MB, summarizeSteps, type Rate } from './stats.ts';

/** Starts the line of a worker's stdout that holds its TfjsResult as JSON. */
export const RESULT_MARK = 'NETSPEC_BENCH_RESULT ';

export interface TfjsRequest {
  model: string;
  backend: BenchBackend;
  batch: number;
  warmup: number;
  steps: number;
  seed: number;
  /** Set: that phase is not run, and this says why (plan.ts). */
  skipForward?: string;
  skipTrain?: string;
  /** Run the first warm-up step of each phase under tf.profile, for tfPeakMB. */
  profile: boolean;
  /** Repository root (generated/<model>.ts lives there). */
  root: string;
}

export type Phase = { ok: true; rate: Rate } | { ok: false; why: string };

export interface TfjsResult {
  model: string;
  backend: BenchBackend;
  /** false: the backend could not be set up here (`why` says so); nothing was measured. */
  available: boolean;
  why?: string;
  /** What computes, as selectBackend describes it. */
  device?: string;
  batch?: number;
  params?: number;
  forward?: Phase;
  train?: Phase;
  /** Max resident set of the whole process (build, forward and training), from getrusage. */
  peakRssMB?: number;
  /** Resident set before the model was built (Node + tfjs + backend). */
  baseRssMB?: number;
  /** Most tensor bytes alive at once in a step (tf.profile's peakBytes over the first warm-up step of each phase). */
  tfPeakMB?: number;
  /** Tensor bytes alive between steps: weights and optimizer state. */
  tfBetweenStepsMB?: number;
}

const REQUEST: Record<BenchBackend, BackendRequest> = {
  'netspec-cpu': 'native', wasm: 'wasm', cpu: 'cpu', webgpu: 'webgpu', 'tfjs-node': 'tfjs-node', 'tfjs-node-gpu': 'cuda',
};

/** Deterministic labels in [0, classes): a 32-bit LCG, so both peers' labels need no shared RNG. */
export function randomLabels(n: number, classes: number, seed: number): Int32Array {
  const out = new Int32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s % classes;
  }
  return out;
}

/** What a generated/<model>.ts module exports, as the bench uses it. */
export interface GeneratedModule {
  build(options: { seed?: number }): tf.LayersModel;
  inputShape: readonly number[];
  numClasses: number;
}

/** generated/<model>.ts under the repository root `root`. */
export async function loadGenerated(root: string, model: string): Promise<GeneratedModule> {
  return (await import(pathToFileURL(path.join(root, 'generated', `${model}.ts`)).href)) as GeneratedModule;
}

/**
 * Times `step` `warmup + steps` times; each call's promise resolves when its results are computed.
 * With `profile`, the first warm-up step runs under tf.profile and its peak tensor bytes are kept.
 */
async function timeSteps(warmup: number, steps: number, step: () => Promise<void>, profile?: (peakBytes: number) => void): Promise<number[]> {
  for (let i = 0; i < warmup; i++) {
    if (i === 0 && profile) profile((await tf.profile(step)).peakBytes);
    else await step();
  }
  const ms: number[] = [];
  for (let i = 0; i < steps; i++) {
    const t0 = performance.now();
    await step();
    ms.push(performance.now() - t0);
  }
  return ms;
}

const failed = (err: unknown): Phase => ({ ok: false, why: `failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` });

export async function measureTfjs(req: TfjsRequest): Promise<TfjsResult> {
  const head = { model: req.model, backend: req.backend };
  const choice = await selectBackend({ requested: REQUEST[req.backend] });
  if (choice.name !== req.backend) {
    const why = choice.tried.find((t) => t.name === req.backend)?.why ?? `selectBackend picked ${choice.name} instead`;
    return { ...head, available: false, why };
  }
  const baseRssMB = process.memoryUsage().rss / MB;
  const mod = await loadGenerated(req.root, req.model);
  const model = mod.build({ seed: req.seed });
  const { batch } = req;
  const x = tf.tidy(() => tf.randomUniform([batch, ...mod.inputShape], 0, 1, 'float32', req.seed));
  const labels = tf.tensor1d(randomLabels(batch, mod.numClasses, req.seed), 'int32');
  const result: TfjsResult = { ...head, available: true, device: choice.device, batch, params: model.countParams(), baseRssMB };

  // The most tensor bytes alive in any profiled step (forward's or training's).
  const peak = (bytes: number) => { result.tfPeakMB = Math.max(result.tfPeakMB ?? 0, bytes / MB); };
  const profile = req.profile ? peak : undefined;
  try {
    const forwardStep = async () => {
      const y = model.predict(x) as tf.Tensor;
      await y.data();
      y.dispose();
    };
    if (req.skipForward) result.forward = { ok: false, why: req.skipForward };
    else {
      try {
        result.forward = { ok: true, rate: summarizeSteps(batch, await timeSteps(req.warmup, req.steps, forwardStep, profile)) };
      } catch (err) {
        result.forward = failed(err);
      }
    }

    // Without a filter gradient a convnet cannot train; say which kernel is missing instead of failing mid-step.
    const missing = ['Conv2DBackpropFilter', 'Conv2DBackpropInput'].filter((k) => tf.getKernel(k, tf.getBackend()) === undefined);
    if (req.skipTrain || missing.length > 0) {
      result.train = { ok: false, why: req.skipTrain ?? `forward only: tfjs-backend-${tf.getBackend()} has no ${missing.join(' or ')} kernel (tensorflow/tfjs#8474)` };
    } else {
      const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
      const optimizer = createOptimizer({ type: 'sgd', lr: 0.01, momentum: 0.9 }, variables);
      // The smallest variable: reading it back waits for the update on asynchronous backends too.
      const probe = variables.reduce((a, b) => (b.size < a.size ? b : a));
      let i = 0;
      const trainStep = async () => {
        const { value, grads } = withSeededRandom([16, req.seed, i++], () =>
          tf.variableGrads(() => crossEntropy(applyForTraining(model, x) as tf.Tensor2D, labels), variables));
        // A weight the loss does not reach has no gradient; the trainer steps it with zeros too.
        const ordered = variables.map((v) => grads[v.name] ?? tf.zerosLike(v));
        optimizer.apply(ordered, 0.01);
        await value.data();
        await probe.data();
        tf.dispose([value, ...ordered]);
      };
      try {
        result.train = { ok: true, rate: summarizeSteps(batch, await timeSteps(req.warmup, req.steps, trainStep, profile)) };
        result.tfBetweenStepsMB = tf.memory().numBytes / MB;
      } catch (err) {
        result.train = failed(err);
      }
      optimizer.dispose();
    }
  } finally {
    tf.dispose([x, labels]);
    model.dispose();
  }
  result.peakRssMB = process.resourceUsage().maxRSS / 1024;
  return result;
}
