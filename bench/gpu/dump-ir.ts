// Writes each model's layers, as netspec's compiler resolved them, to <out>/<name>.json, for
// torch_alexnet.py to build the same network in PyTorch (and check its shapes layer by layer).
//
//   npx tsx bench/gpu/dump-ir.ts <out-dir> models/alexnet.yaml models/alexnet-torchvision.yaml
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeModel } from '../../src/compiler/compile.ts';
import { hasErrors } from '../../src/model/diagnostic.ts';

const [out, ...files] = process.argv.slice(2);
if (!out || files.length === 0) {
  console.error('usage: dump-ir.ts <out-dir> <model.yaml>...');
  process.exitCode = 1;
} else {
  fs.mkdirSync(out, { recursive: true });
  for (const file of files) {
    const { ir, diagnostics } = analyzeModel(file);
    if (!ir || hasErrors(diagnostics)) {
      console.error(`${file}: does not compile (npm run compile -- ${file})`);
      process.exitCode = 1;
      continue;
    }
    const nodes = ir.nodes.map((n) => ({ name: n.name, layer: n.layer, inputs: n.inputs, outputShape: n.outputShape, params: n.params }));
    const doc = { name: ir.name, source: file, input: ir.input, classes: ir.classes, nodes };
    fs.writeFileSync(path.join(out, `${ir.name}.json`), `${JSON.stringify(doc, null, 1)}\n`);
    console.log(`${path.join(out, `${ir.name}.json`)}: ${ir.nodes.length} layers`);
  }
}
