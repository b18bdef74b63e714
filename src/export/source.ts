// Where exported weights come from: a run folder (its newest intact checkpoint), a checkpoint file,
// a TF.js export (model.json + weight files, as `netspec train` writes under model/), or a
// safetensors file of model.py's state dict (PyTorch-trained weights, to ONNX or back to netspec).
// Reads files; returns netspec-layout tensors or a diagnostic. The checkpoint reader is the
// runtime's own (src/runtime/train/checkpoint.ts imports nothing of TF.js).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diagnostic } from '../model/codes.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import type { ModelIR } from '../model/ir.ts';
import { loadLatestCheckpoint, readCheckpoint } from '../runtime/train/checkpoint.ts';
import { weightsMismatch } from './pytorch/index.ts';
import { decodeSafetensors } from './safetensors.ts';
import { fromTorch, type NetspecTensor } from './weights.ts';

export type Weights = { ok: true; weights: NetspecTensor[]; from: string; metadata?: Record<string, string> } | { ok: false; diagnostic: Diagnostic };

const unreadable = (what: string, help: string): Weights => ({ ok: false, diagnostic: diagnostic('NS0706', what, undefined, { help }) });
const HELP = 'give a run folder (runs/<run>), a checkpoint (.nsckpt), a TF.js export folder (model.json) or a .safetensors file';

interface TfjsManifest { weightsManifest?: { paths: string[]; weights: { name: string; shape: number[]; dtype?: string }[] }[] }

/** A TF.js layers export: every weight group's files joined, cut by the manifest's shapes. */
function readTfjsExport(dir: string): Weights {
  let json: TfjsManifest;
  try {
    json = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8')) as TfjsManifest;
  } catch (e) {
    return unreadable(`${dir}/model.json: ${(e as Error).message}`, HELP);
  }
  const weights: NetspecTensor[] = [];
  for (const group of json.weightsManifest ?? []) {
    let data: Buffer;
    try {
      data = Buffer.concat(group.paths.map((p) => fs.readFileSync(path.join(dir, p))));
    } catch (e) {
      return unreadable(`${dir}: a weight file of model.json cannot be read: ${(e as Error).message}`, HELP);
    }
    let at = 0;
    for (const w of group.weights) {
      if ((w.dtype ?? 'float32') !== 'float32') return unreadable(`${dir}: weight ${w.name} is ${w.dtype}, not float32`, HELP);
      const n = w.shape.reduce((a, b) => a * b, 1);
      if (at + n * 4 > data.length) return unreadable(`${dir}: the weight files end before ${w.name}`, HELP);
      weights.push({ name: w.name, shape: w.shape, values: new Float32Array(data.buffer.slice(data.byteOffset + at, data.byteOffset + at + n * 4)) });
      at += n * 4;
    }
  }
  return { ok: true, weights, from: dir };
}

/** netspec-layout weights for `ir` from `source` (see the file's header for what it may be). */
export function readWeights(source: string, ir: ModelIR): Weights {
  if (!fs.existsSync(source)) return unreadable(`${source} does not exist`, HELP);
  if (fs.statSync(source).isDirectory()) {
    if (fs.existsSync(path.join(source, 'checkpoints'))) {
      const r = loadLatestCheckpoint(path.join(source, 'checkpoints'));
      return r.ok ? { ok: true, weights: r.value.checkpoint.weights, from: r.value.file } : unreadable(r.error, HELP);
    }
    if (fs.existsSync(path.join(source, 'model.json'))) return readTfjsExport(source);
    if (fs.existsSync(path.join(source, 'model', 'model.json'))) return readTfjsExport(path.join(source, 'model'));
    return unreadable(`${source} holds no checkpoints/, model.json or model/model.json`, HELP);
  }
  if (source.endsWith('.safetensors')) {
    const d = decodeSafetensors(fs.readFileSync(source));
    if (!d.ok) return unreadable(`${source}: ${d.error}`, HELP);
    const w = fromTorch(ir, d.tensors);
    return w.ok ? { ok: true, weights: w.tensors, from: source, metadata: d.metadata } : { ok: false, diagnostic: weightsMismatch(ir, source, w.problems) };
  }
  const r = readCheckpoint(source);
  return r.ok ? { ok: true, weights: r.value.weights, from: source } : unreadable(r.error, HELP);
}
