// `netspec init [name]`: a starter spec that validates, trains on Fashion-MNIST as it is, and
// carries the schema modeline so editors complete and check it. Never overwrites a file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../io/write-atomic.ts';
import { parse, UsageError, type IO } from './args.ts';

export const initHelp = `Usage: netspec init [name | path/name.yaml]

Writes <name>.yaml (default model.yaml): a small convolutional network for Fashion-MNIST with a
train: block, and the yaml-language-server line that points editors at netspec's schema. An
existing file is never overwritten.

Then: netspec summary <name>.yaml, netspec train <name>.yaml, netspec compile <name>.yaml.

Options:
  -h, --help  this help`;

/** The schema's pattern for model names (schema/model.schema.json, `name`). */
const NAME = /^(?!(__proto__|constructor|prototype)$)[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

/** netspec's schema, wherever this package is installed (src/cli/ or dist/cli/ are two levels down). */
const SCHEMA = fileURLToPath(new URL('../../schema/model.schema.json', import.meta.url));

/** The starter spec's text (pure). `schemaPath` is relative to the spec's folder. */
export function starterSpec(name: string, schemaPath: string): string {
  return `# yaml-language-server: $schema=${schemaPath}
# A small convolutional network for Fashion-MNIST (28×28 grey images, 10 classes).
# netspec summary ${name}.yaml · netspec train ${name}.yaml · netspec compile ${name}.yaml
name: ${name}
input: { shape: [28, 28, 1] }        # height, width, channels
classes: 10
init: he
layers:
  - { type: conv2d, filters: 32, kernel: 3, padding: same, activation: relu }
  - { type: maxpool, size: 2, stride: 2 }
  - { type: conv2d, filters: 64, kernel: 3, padding: same, activation: relu }
  - { type: maxpool, size: 2, stride: 2 }
  - { type: flatten }
  - { type: dense, units: 128, activation: relu }
  - { type: dropout, rate: 0.3 }
  - { type: dense, units: 10, activation: softmax }
train:
  dataset: { kind: fashion-mnist }
  batchSize: 64
  epochs: 5
  optimizer: { type: adam, lr: 0.001 }
  schedule: { type: cosine }
  augment: { flip: true }
  seed: 1
`;
}

export function initCommand(argv: string[], io: IO): number {
  const { values, positionals } = parse(argv, {});
  if (values.help) return io.out(initHelp), 0;
  if (positionals.length > 1) throw new UsageError('init takes at most one name');
  const given = positionals[0] ?? 'model';
  const file = path.resolve(io.cwd, /\.ya?ml$/i.test(given) ? given : `${given}.yaml`);
  const name = path.basename(file).replace(/\.ya?ml$/i, '');
  if (!NAME.test(name)) {
    throw new UsageError(`\`${name}\` cannot name a model: use letters, digits, \`_\` and \`-\`, not starting with a digit or \`-\`, at most 64 characters`);
  }
  if (fs.existsSync(file)) {
    io.err(`error: ${path.relative(io.cwd, file) || file} already exists; netspec init never overwrites a file\n  = help: choose another name, e.g. \`netspec init ${name}-2\``);
    return 1;
  }
  if (!fs.existsSync(path.dirname(file))) {
    io.err(`error: the folder ${path.relative(io.cwd, path.dirname(file)) || path.dirname(file)} does not exist`);
    return 1;
  }
  const schema = path.relative(path.dirname(file), SCHEMA).split(path.sep).join('/');
  const written = writeFileAtomic(file, starterSpec(name, schema));
  if (!written.ok) {
    io.err(`error: ${written.error}`);
    return 1;
  }
  io.out(`wrote ${path.relative(io.cwd, file) || file}; next: netspec summary ${path.relative(io.cwd, file) || file}`);
  return 0;
}
