// What the fuzzer does with an accepted spec: generate its module, import it, build it, and
// compare the model with the in-process builder (names, configs, initial weights); and, for a
// sample, type-check the modules in one TypeScript program.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { Project, ts } from 'ts-morph';
import { expect } from 'vitest';
import { generateModule } from '../../src/compiler/compile.ts';
import type { ModelIR } from '../../src/model/ir.ts';
import { buildModel } from '../../src/runtime/build.ts';

/** Models above this are imported and their exports checked, but not built twice (weights cost seconds). */
export const BUILD_LIMIT = 3_000_000;

const root = path.resolve(import.meta.dirname, '..', '..');

export interface Loader {
  /** Modules written so far (the type-check sample is taken from them). */
  files: string[];
  /** Generates, imports and builds; compares with buildModel. */
  check(ir: ModelIR): Promise<void>;
}

/** Generated modules go under `dir` (inside the repository, so that their imports resolve). */
export function loader(dir: string): Loader {
  const files: string[] = [];
  return {
    files,
    async check(ir) {
      const out = path.join(dir, `m${files.length}.ts`);
      fs.writeFileSync(out, generateModule(ir, out, root));
      files.push(out);
      const mod = await import(out);
      expect(mod.layerNames).toEqual(ir.nodes.map((n) => n.name));
      expect(mod.modelName).toBe(ir.name);
      const params = ir.nodes.reduce((a, n) => a + n.params, 0);
      if (params > BUILD_LIMIT) return;
      const b: tf.LayersModel = mod.build({ seed: 1 });
      const a = buildModel(ir, { seed: 1 });
      try {
        expect(b.layers.map((l) => l.name)).toEqual(a.layers.map((l) => l.name));
        expect(b.layers.map((l) => l.getConfig())).toEqual(a.layers.map((l) => l.getConfig()));
        const [wa, wb] = [a.getWeights(), b.getWeights()];
        expect(wb.length).toBe(wa.length);
        for (let i = 0; i < wa.length; i++) {
          expect(wb[i].shape).toEqual(wa[i].shape);
          expect(wb[i].dataSync()).toEqual(wa[i].dataSync());
        }
        for (const node of ir.nodes) expect([node.name, (b.getLayer(node.name).outputShape as number[]).slice(1)]).toEqual([node.name, node.outputShape]);
        const y = tf.tidy(() => (b.predict(tf.zeros([1, ...ir.input])) as tf.Tensor).shape);
        expect(y).toEqual([1, ir.classes]);
      } finally {
        a.dispose();
        b.dispose();
      }
    },
  };
}

/** Type errors of `files` under --strict, in one program (the runtime and tfjs are read from disk). */
export function typeErrors(files: string[]): string[] {
  const project = new Project({
    compilerOptions: {
      strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler, allowImportingTsExtensions: true, skipLibCheck: true, types: ['node'],
      // As tsconfig.json: `netspec/runtime`, what generated modules import, is the sources here.
      baseUrl: root, paths: { 'netspec/runtime': ['./src/runtime/index.ts'] },
    },
    skipAddingFilesFromTsConfig: true,
  });
  project.addSourceFilesAtPaths(files);
  return project.getPreEmitDiagnostics()
    .filter((d) => files.includes(path.resolve(d.getSourceFile()?.getFilePath() ?? '')))
    .map((d) => `${d.getSourceFile()?.getFilePath()}:${d.getLineNumber()}: ${ts.flattenDiagnosticMessageText(d.compilerObject.messageText, '\n')}`);
}
