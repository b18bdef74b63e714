// Where each layer lives in an exported module tree: its name split at the dots (`layer1.0.conv1`
// → layer1 / 0 / conv1), as torchvision names its modules. A name that is also a prefix of another
// layer's (a layer `layer1` beside `layer1.0.conv1`) cannot be both a module and a container.
import { diagnostic } from '../model/codes.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import type { ModelIR } from '../model/ir.ts';

const SEGMENT = /^[A-Za-z0-9_-]+$/; // torch refuses only dots and empty names

/** Layers that are not modules: they hold nothing and behave the same in training and evaluation. */
export const FUNCTIONAL = new Set(['add', 'concat', 'flatten']);

/** Problems with the names of the layers that become modules (NS0705), none when the tree is sound. */
export function moduleTreeProblems(ir: ModelIR, target: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const leaves = new Set<string>();
  const prefixes = new Map<string, string>();
  for (const n of ir.nodes) {
    if (FUNCTIONAL.has(n.layer.kind)) continue;
    const parts = n.name.split('.');
    if (!parts.every((p) => SEGMENT.test(p))) {
      out.push(diagnostic('NS0705', `layer \`${n.name}\` has a name ${target} cannot use as a module path`, n.location,
        { help: 'use letters, digits and underscores, with dots only between block names' }));
      continue;
    }
    leaves.add(n.name);
    for (let i = 1; i < parts.length; i++) prefixes.set(parts.slice(0, i).join('.'), n.name);
  }
  for (const n of ir.nodes) {
    if (leaves.has(n.name) && prefixes.has(n.name)) {
      out.push(diagnostic('NS0705', `layer \`${n.name}\` is also the block holding \`${prefixes.get(n.name)}\`; ${target} cannot make one name both a module and a container`, n.location,
        { help: `rename \`${n.name}\`` }));
    }
  }
  return out;
}
