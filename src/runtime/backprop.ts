// Backpropagation that frees as it goes. tfjs's engine.gradients keeps every saved forward tensor
// and every intermediate gradient until the whole backward pass ends, so a training step's peak
// holds the activations twice over (measured: ResNet-18 at batch 32 kept 3.4 GB of tensors; PyTorch
// peaked at 1.5 GB). This is the same walk over the same tape (tfjs-core's tape.ts, 4.22), except
// that once a node's input gradients are computed, its saved tensors, its outputs' gradients and
// whatever its gradient function made along the way are released, as PyTorch's autograd does.
// Installed once per process by useEagerRelease(); values are unchanged (a test compares).
import * as tf from '@tensorflow/tfjs';

interface TapeNode {
  id: number;
  kernelName: string;
  inputs: Record<string, tf.Tensor>;
  outputs: tf.Tensor[];
  gradient?: (dys: (tf.Tensor | null)[]) => Record<string, () => tf.Tensor>;
  saved?: tf.Tensor[];
}

/** The engine internals this walk uses: those engine.gradients itself uses. */
interface EngineInternals {
  state: { activeTape: TapeNode[] | null; gradientDepth: number };
  scopedRun<T>(start: () => void, end: () => void, f: () => T): T;
  startTape(): void;
  endTape(): void;
  tidy<T extends tf.TensorContainer>(nameOrFn: string | (() => T), fn?: () => T): T;
  gradients: Gradients;
}

type Gradients = (f: () => tf.Tensor, xs: tf.Tensor[], dy?: tf.Tensor, allowNoGradients?: boolean) => { value: tf.Tensor; grads: tf.Tensor[] };

/** The nodes on a path from some x to y, their inputs pruned to those that depend on an x (tape.ts's getFilteredNodesXToY). */
export function nodesFromXsToY(tape: TapeNode[], xs: tf.Tensor[], y: tf.Tensor): TapeNode[] {
  const fromX = new Set(xs.map((x) => x.id));
  const nodesFromX = new Set<number>();
  for (const node of tape) {
    if (Object.values(node.inputs).some((t) => fromX.has(t.id))) {
      node.outputs.forEach((o) => fromX.add(o.id));
      nodesFromX.add(node.id);
    }
  }
  const leadToY = new Set([y.id]);
  const nodesToY = new Set<number>();
  for (let i = tape.length - 1; i >= 0; i--) {
    const node = tape[i];
    if (node.outputs.some((o) => leadToY.has(o.id))) {
      for (const t of Object.values(node.inputs)) leadToY.add(t.id);
      nodesToY.add(node.id);
    }
  }
  return tape
    .filter((n) => nodesFromX.has(n.id) && nodesToY.has(n.id))
    .map((n) => ({ ...n, inputs: Object.fromEntries(Object.entries(n.inputs).filter(([, t]) => fromX.has(t.id))) }));
}

/** Gradient tensors by the id of the tensor they are the gradient of; one tensor may serve several ids. */
class GradientMap {
  private readonly byId = new Map<number, tf.Tensor>();
  private readonly holders = new Map<tf.Tensor, number>();
  constructor(private readonly keep: Set<tf.Tensor>) {}

  get(id: number): tf.Tensor | undefined {
    return this.byId.get(id);
  }

  set(id: number, t: tf.Tensor): void {
    this.byId.set(id, t);
    this.holders.set(t, (this.holders.get(t) ?? 0) + 1);
  }

  /** Forgets id's gradient, disposing it once nothing else holds it. */
  drop(id: number): void {
    const t = this.byId.get(id);
    if (!t) return;
    this.byId.delete(id);
    const n = (this.holders.get(t) ?? 1) - 1;
    if (n > 0) return void this.holders.set(t, n);
    this.holders.delete(t);
    if (!this.keep.has(t)) t.dispose();
  }

  /** Disposes t unless the map holds it or it must be kept. */
  release(t: tf.Tensor): void {
    if (!this.holders.has(t) && !this.keep.has(t)) t.dispose();
  }
}

function eagerGradients(engine: EngineInternals): Gradients {
  return (f, xs, dy, allowNoGradients = false) => {
    if (xs.length === 0) throw new Error('gradients() received an empty list of xs.');
    if (dy != null && dy.dtype !== 'float32') throw new Error(`dy must have 'float32' dtype, but has '${dy.dtype}'`);
    const y = engine.scopedRun(() => engine.startTape(), () => engine.endTape(), () => engine.tidy('forward', f));
    if (!(y instanceof tf.Tensor)) throw new Error('The result y returned by f() must be a tensor.');
    const tape = nodesFromXsToY(engine.state.activeTape ?? [], xs, y);
    if (!allowNoGradients && tape.length === 0) {
      throw new Error('Cannot compute gradient of y=f(x) with respect to x. Make sure that the f you passed encloses all operations that lead from x to y.');
    }
    return engine.tidy('backward', () => {
      // Higher-order gradients record this walk on an outer tape: keep everything then.
      const free = engine.state.gradientDepth === 0;
      const seed = dy ?? tf.ones(y.shape);
      const grads = new GradientMap(new Set(dy ? [dy] : []));
      grads.set(y.id, seed);
      const wanted = new Set(xs.map((x) => x.id));
      for (let i = tape.length - 1; i >= 0; i--) {
        const node = tape[i];
        if (!node.gradient) throw new Error(`Cannot compute gradient: gradient function not found for ${node.kernelName}.`);
        const dys = node.outputs.map((o) => grads.get(o.id) ?? null);
        const names = Object.keys(node.inputs);
        // One scope for the gradient function and all its inputs' gradients: what it made along
        // the way (a relu mask, a reshaped dy) is freed here, not at the end of the pass.
        const dxs = engine.tidy(() => {
          const fns = node.gradient!(dys);
          return names.map((name) => {
            if (!(name in fns)) throw new Error(`Cannot backprop through input ${name}. Available gradients found: ${Object.keys(fns)}.`);
            return fns[name]();
          });
        });
        names.forEach((name, k) => {
          const dx = dxs[k], x = node.inputs[name];
          if (dx.dtype !== 'float32') throw new Error(`Error in gradient for op ${node.kernelName}. The gradient of input ${name} must have 'float32' dtype, but has '${dx.dtype}'`);
          if (!tf.util.arraysEqual(dx.shape, x.shape)) {
            throw new Error(`Error in gradient for op ${node.kernelName}. The gradient of input '${name}' has shape '${dx.shape}', which does not match the shape of the input '${x.shape}'`);
          }
          const current = grads.get(x.id);
          if (current == null) return grads.set(x.id, dx);
          const sum = tf.add(current, dx);
          grads.drop(x.id);
          grads.set(x.id, sum);
          if (free) grads.release(dx);
        });
        if (!free) continue;
        for (const o of node.outputs) if (!wanted.has(o.id)) grads.drop(o.id);
        for (const t of node.saved ?? []) t.dispose();
      }
      const result = xs.map((x) => grads.get(x.id) as tf.Tensor);
      if (engine.state.gradientDepth === 0) {
        engine.state.activeTape?.forEach((node) => node.saved?.forEach((t) => t.dispose()));
        engine.state.activeTape = null;
      }
      return { value: y, grads: result };
    });
  };
}

let installed: Gradients | null = null;

/**
 * Makes tf's gradients (tf.grad, tf.variableGrads, optimizer.minimize) free tensors as the
 * backward pass goes. Idempotent; `false` restores tfjs's own walk (for comparison in tests).
 */
export function useEagerRelease(on = true): void {
  const engine = tf.engine() as unknown as EngineInternals;
  const own = Object.getPrototypeOf(engine).gradients as Gradients;
  if (!on) {
    engine.gradients = own;
    installed = null;
    return;
  }
  if (installed && engine.gradients === installed) return;
  installed = eagerGradients(engine);
  engine.gradients = installed;
}
