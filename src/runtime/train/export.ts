// The trained model in TF.js's layers format (model.json + weights.bin), loadable with
// tf.loadLayersModel in a browser or Node. Saving goes through tf.io.withSaveHandler, since
// file:// URLs need tfjs-node; a small file IOHandler reads it back the same way.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { registerNetspecLayers } from '../layers/index.ts';
import { writeFileAtomic } from '../../io/write-atomic.ts';
import type { Result } from './checkpoint.ts';

export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';

/** Writes `model` to dir/model.json and dir/weights.bin. */
export async function exportModel(model: tf.LayersModel, dir: string): Promise<Result<string>> {
  let error: string | undefined;
  try {
    fs.mkdirSync(dir, { recursive: true });
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        const weights = artifacts.weightData ? tf.io.CompositeArrayBuffer.join(artifacts.weightData) : new ArrayBuffer(0);
        const json: tf.io.ModelJSON = {
          modelTopology: artifacts.modelTopology!,
          format: 'layers-model',
          generatedBy: artifacts.generatedBy ?? `TensorFlow.js tfjs-layers v${tf.version_layers}`,
          convertedBy: null,
          weightsManifest: [{ paths: [`./${WEIGHTS_BIN}`], weights: artifacts.weightSpecs ?? [] }],
        };
        // Weights first: a model.json never points at weights that are not there yet.
        const w = writeFileAtomic(path.join(dir, WEIGHTS_BIN), new Uint8Array(weights));
        const m = w.ok ? writeFileAtomic(path.join(dir, MODEL_JSON), Buffer.from(JSON.stringify(json))) : w;
        if (!m.ok) error = m.error;
        return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
      }),
    );
  } catch (e) {
    error = `could not export the model to ${dir}: ${(e as Error).message}`;
  }
  return error ? { ok: false, error } : { ok: true, value: dir };
}

/** An IOHandler that loads dir/model.json and the weight files it names. */
export function fileLoader(dir: string): tf.io.IOHandler {
  return {
    load: async () => {
      const json = JSON.parse(fs.readFileSync(path.join(dir, MODEL_JSON), 'utf8')) as tf.io.ModelJSON;
      return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
        const specs = manifest.flatMap((g) => g.weights);
        const buffers = manifest.flatMap((g) => g.paths.map((p) => fs.readFileSync(path.join(dir, p))));
        const data = tf.io.CompositeArrayBuffer.join(buffers.map((b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer));
        return [specs, data];
      });
    },
  };
}

/** Loads an exported model (netspec's custom layers registered first). */
export async function loadExportedModel(dir: string): Promise<tf.LayersModel> {
  registerNetspecLayers();
  return tf.loadLayersModel(fileLoader(dir));
}
