// The IR of a spec as JSON, for bench/torch_bench.py (which builds the same network in PyTorch).
//
//   npx tsx bench/ir-json.ts models/alexnet.yaml > alexnet.ir.json
import { analyzeModel } from '../src/compiler/compile.ts';
import type { ModelIR } from '../src/model/ir.ts';

export type IRJson = { ok: true; ir: ModelIR; json: string } | { ok: false; errors: string[] };

/** The spec's IR and its JSON text, or its error diagnostics as lines. */
export function irJson(specFile: string): IRJson {
  const { ir, diagnostics } = analyzeModel(specFile);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!ir || errors.length > 0) {
    return { ok: false, errors: errors.map((d) => `${d.location?.file ?? specFile}: ${d.code} ${d.message}`) };
  }
  return { ok: true, ir, json: JSON.stringify(ir) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  const r = file ? irJson(file) : { ok: false as const, errors: ['usage: npx tsx bench/ir-json.ts <spec.yaml>'] };
  if (r.ok) process.stdout.write(`${r.json}\n`);
  else {
    process.stderr.write(`${r.errors.join('\n')}\n`);
    process.exitCode = 1;
  }
}
