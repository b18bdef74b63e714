// Resolve a spec file into one flat model: follow `extends`, expand block uses (blocks.ts), apply
// the variant's remove, override and insert edits, and give every layer a name and a source location.
import * as path from 'node:path';
import type { Diagnostic, Location } from '../model/diagnostic.ts';
import type { SourceFile } from './parse.ts';
import type { InitScheme, LayerSpec, ModelSpec, TrainSpec } from '../model/spec.ts';
import type { IRBlockInstance } from '../model/ir.ts';
import { checkBlocks, expandLayers, type Aliases, type BlockDef } from './blocks.ts';
import { loadSpecFile } from './load.ts';
import { deriveNames } from './names.ts';
import { validateLayer } from './validate.ts';
import { closest } from './diagnostics.ts';

export interface ResolvedLayer {
  name: string;
  spec: LayerSpec;
  /** The layer's mapping in its file. */
  location: Location;
  /** Fields set by a variant's `override`, pointing at the override. */
  overridden: Record<string, Location>;
  /** For a layer from a block: the outermost block instance it belongs to (`layer2.0`) and its block. */
  block?: { instance: string; name: string };
  /** For a layer from a block: its outermost instance, definition and arguments (the emitter's block functions). */
  blockInstance?: IRBlockInstance;
  /** Context for its diagnostics (which block instance it comes from). */
  note?: string;
}

export interface ResolvedModel {
  name: string;
  description?: string;
  file: string;
  files: string[];
  input?: { shape: [number, number, number]; location: Location };
  classes?: { value: number; location: Location };
  init: InitScheme;
  layers: ResolvedLayer[];
  train: TrainSpec;
  /** Where the layer list is (for errors about the list as a whole). */
  layersLocation: Location;
  /** Blocks this model may use: its parent's, then its own. */
  blocks: Map<string, BlockDef>;
  /** Each block use's name (and instance's) → its last layer, for `inputs` and the variant edits. */
  aliases: Aliases;
}

export interface Resolution {
  model?: ResolvedModel;
  diagnostics: Diagnostic[];
  sources: Map<string, SourceFile>;
}

type Loader = typeof loadSpecFile;

/** Where a layer's field is: the override that set it, else the field in the layer's mapping. */
export function fieldLocation(layer: ResolvedLayer, field: string): Location {
  return layer.overridden[field] ?? { ...layer.location, path: [...(layer.location.path ?? []), field] };
}

export function resolveModel(file: string, load: Loader = loadSpecFile): Resolution {
  const sources = new Map<string, SourceFile>();
  const diagnostics: Diagnostic[] = [];
  const model = resolveFile(path.normalize(file), [], load, sources, diagnostics);
  return { model: diagnostics.some((d) => d.severity === 'error') ? undefined : model, diagnostics, sources };
}

function resolveFile(
  file: string,
  chain: string[],
  load: Loader,
  sources: Map<string, SourceFile>,
  diagnostics: Diagnostic[],
): ResolvedModel | undefined {
  const loaded = load(file);
  if (loaded.source) sources.set(file, loaded.source);
  diagnostics.push(...loaded.diagnostics);
  const spec = loaded.spec;
  if (!spec || loaded.diagnostics.some((d) => d.severity === 'error')) return undefined;
  const at = (p: (string | number)[], key = false): Location => ({ file, path: p, key });

  let parent: ResolvedModel | undefined;
  if (spec.extends !== undefined) {
    const parentFile = path.normalize(path.join(path.dirname(file), spec.extends));
    if (parentFile === file || chain.includes(parentFile)) {
      const cycle = [...chain, file, parentFile].map((f) => path.basename(f)).join(' -> ');
      diagnostics.push({
        severity: 'error',
        code: 'NS0305',
        message: parentFile === file ? `\`${spec.extends}\` extends itself` : `\`extends\` forms a cycle: ${cycle}`,
        location: at(['extends']),
        help: 'a variant must extend a different model that does not extend it back',
      });
      return undefined;
    }
    const before = diagnostics.length;
    parent = resolveFile(parentFile, [...chain, file], load, sources, diagnostics);
    if (!parent) {
      const missing = diagnostics.slice(before).some((d) => d.code === 'NS0101' && d.location?.file === parentFile);
      // Rendering sorts by file, so the parent's errors may print before or after this one: name their files.
      const where = [...new Set(diagnostics.slice(before).flatMap((d) => (d.severity === 'error' && d.location ? [path.basename(d.location.file)] : [])))];
      diagnostics.push({
        severity: 'error',
        code: 'NS0306',
        message: missing
          ? `the parent model \`${spec.extends}\` does not exist (looked for ${parentFile})`
          : `the parent model \`${spec.extends}\` has errors${where.length > 0 ? ` (reported for ${where.map((f) => `\`${f}\``).join(', ')})` : ''}`,
        location: at(['extends']),
        help: missing ? 'the path is relative to this file; fix it or create the parent' : undefined,
      });
      return undefined;
    }
  }

  const name = spec.name ?? path.basename(file).replace(/\.ya?ml$/i, '');
  const blocks = new Map(parent?.blocks);
  const own = Object.entries(spec.blocks ?? {}).map(([b, def]): BlockDef => ({ name: b, spec: def, file, source: loaded.source! }));
  for (const def of own) blocks.set(def.name, def);
  checkBlocks(own, blocks, diagnostics);
  let aliases: Aliases = new Map();
  let layers: ResolvedLayer[];
  if (spec.layers) {
    const names = deriveNames(spec.layers);
    const entries = { entries: spec.layers, names, at: (i: number) => at(['layers', i]), previous: 'input' };
    layers = expandLayers(entries, blocks, sources, aliases, diagnostics);
  } else if (parent) {
    layers = parent.layers.map((l) => ({ ...l, spec: { ...l.spec, name: l.name } }));
    aliases = new Map(parent.aliases);
  } else {
    diagnostics.push({
      severity: 'error',
      code: 'NS0203',
      message: 'the model has no `layers`',
      location: { file, path: [] },
      help: 'add `layers:` with at least one layer, or `extends:` a model that has them',
    });
    return undefined;
  }

  if (spec.remove || spec.override || spec.insert) {
    if (!parent) {
      diagnostics.push({
        severity: 'error',
        code: 'NS0304',
        message: '`remove`, `override` and `insert` edit a parent model, but this file has no `extends`',
        location: at([spec.remove ? 'remove' : spec.override ? 'override' : 'insert'], true),
        help: 'add `extends: <parent>.yaml`, or edit `layers` directly',
      });
      return undefined;
    }
    layers = applyEdits(layers, spec, loaded.source!, diagnostics, { blocks, sources, aliases });
  }
  layers = layers.map((l) => withAliasedInputs(l, aliases));
  checkDuplicateNames(layers, aliases, diagnostics);

  const input = spec.input
    ? { shape: spec.input.shape, location: at(['input', 'shape']) }
    : parent?.input;
  const classes = spec.classes !== undefined ? { value: spec.classes, location: at(['classes']) } : parent?.classes;
  return {
    name,
    description: spec.description ?? parent?.description,
    file,
    files: [file, ...(parent?.files ?? [])],
    input,
    classes,
    init: spec.init ?? parent?.init ?? 'he',
    layers,
    train: mergeTrain(parent?.train ?? {}, spec.train ?? {}),
    layersLocation: spec.layers ? at(['layers']) : parent!.layersLocation,
    blocks,
    aliases,
  };
}

/** After a removal, a block use stands for its last remaining layer (or for nothing). */
function refreshAliases(layers: ResolvedLayer[], aliases: Aliases): void {
  const names = new Set(layers.map((l) => l.name));
  for (const [alias, target] of aliases) {
    if (names.has(target)) continue;
    const last = [...layers].reverse().find((l) => l.name.startsWith(`${alias}.`));
    if (last) aliases.set(alias, last.name);
    else aliases.delete(alias);
  }
}

/** `inputs: [layer1]` naming a block use means its last layer. */
function withAliasedInputs(layer: ResolvedLayer, aliases: Aliases): ResolvedLayer {
  const inputs = layer.spec.inputs;
  if (!inputs?.some((i) => aliases.has(i))) return layer;
  return { ...layer, spec: { ...layer.spec, inputs: inputs.map((i) => aliases.get(i) ?? i) } };
}

interface BlockContext {
  blocks: Map<string, BlockDef>;
  sources: Map<string, SourceFile>;
  aliases: Aliases;
}

function applyEdits(base: ResolvedLayer[], spec: ModelSpec, source: SourceFile, diagnostics: Diagnostic[], bc: BlockContext): ResolvedLayer[] {
  const file = source.file;
  let layers = [...base];
  const unknown = (name: string, where: (string | number)[], key = false): void => {
    diagnostics.push({
      severity: 'error',
      code: 'NS0304',
      message: `no layer named \`${name}\` in the parent model`,
      location: { file, path: where, key },
      help: suggestion(name, layers.map((l) => l.name)),
    });
  };
  // A block use's name stands for its last layer.
  const indexOf = (name: string) => layers.findIndex((l) => l.name === (layers.some((x) => x.name === name) ? name : (bc.aliases.get(name) ?? name)));

  (spec.remove ?? []).forEach((name, i) => {
    // A block use's (or instance's) name removes all of its layers.
    if (!layers.some((l) => l.name === name) && bc.aliases.has(name)) {
      layers = layers.filter((l) => !l.name.startsWith(`${name}.`));
      return;
    }
    const idx = indexOf(name);
    if (idx < 0) unknown(name, ['remove', i]);
    else layers.splice(idx, 1);
  });
  refreshAliases(layers, bc.aliases);

  for (const [name, fields] of Object.entries(spec.override ?? {})) {
    const idx = indexOf(name);
    if (idx < 0) {
      unknown(name, ['override', name], true);
      continue;
    }
    const old = layers[idx];
    // A new `type` replaces the layer; otherwise the fields are merged into it.
    const replaced = fields.type !== undefined && fields.type !== old.spec.type;
    const merged = { ...(replaced ? {} : old.spec), ...fields, name } as LayerSpec;
    // The merge may combine fields the schema never saw together (units on a conv2d, say). The
    // name is the override's key, already checked (a block's layers have dotted names).
    const { name: _, ...unnamed } = merged;
    const invalid = validateLayer(source, unnamed, ['override', name]);
    if (invalid.length) {
      diagnostics.push(...invalid);
      continue;
    }
    const overridden: Record<string, Location> = replaced ? {} : { ...old.overridden };
    for (const key of Object.keys(fields)) overridden[key] = { file, path: ['override', name, key] };
    layers[idx] = {
      name,
      spec: merged,
      location: replaced ? { file, path: ['override', name] } : old.location,
      overridden,
    };
  }

  (spec.insert ?? []).forEach((ins, i) => {
    const anchor = ins.after ?? ins.before ?? '';
    const idx = indexOf(anchor);
    if (idx < 0) {
      unknown(anchor, ['insert', i, ins.after !== undefined ? 'after' : 'before']);
      return;
    }
    const at = ins.after !== undefined ? idx + 1 : idx;
    const stage = layers.slice(0, at).filter((l) => l.spec.type === 'conv2d' || l.spec.type === 'dense').length;
    const names = deriveNames(ins.layers, new Set(layers.map((l) => l.name)), stage);
    const entries = {
      entries: ins.layers,
      names,
      at: (k: number): Location => ({ file, path: ['insert', i, 'layers', k] }),
      previous: at > 0 ? layers[at - 1].name : 'input',
    };
    const added = expandLayers(entries, bc.blocks, bc.sources, bc.aliases, diagnostics, layers.length);
    layers = [...layers.slice(0, at), ...added, ...layers.slice(at)];
  });
  return layers;
}

/** "did you mean" for an unknown layer name, else the list of known ones. */
export function suggestion(name: string, known: string[]): string {
  const near = closest(name, known);
  return near ? `did you mean \`${near}\`? (known layers: ${known.join(', ')})` : `known layers: ${known.join(', ')}`;
}

function checkDuplicateNames(layers: ResolvedLayer[], aliases: Aliases, diagnostics: Diagnostic[]): void {
  const first = new Map<string, ResolvedLayer>();
  for (const layer of layers) {
    const prior = first.get(layer.name);
    if (!prior) {
      first.set(layer.name, layer);
      if (aliases.has(layer.name)) {
        diagnostics.push({
          severity: 'error',
          code: 'NS0324',
          message: `the layer name \`${layer.name}\` is also the name of a block use (or instance), which stands for its last layer`,
          location: fieldLocation(layer, 'name'),
          help: 'rename the layer or the block use',
        });
      }
      continue;
    }
    if (layer.block || prior.block) {
      diagnostics.push({
        severity: 'error',
        code: 'NS0324',
        message: `two layers are named \`${layer.name}\` once the blocks are expanded`,
        location: fieldLocation(layer, 'name'),
        help: 'rename the block use or the layer',
        note: [layer.note, prior.note].filter(Boolean).join('; ') || undefined,
      });
      continue;
    }
    diagnostics.push({
      severity: 'error',
      code: 'NS0303',
      message: `two layers are named \`${layer.name}\``,
      location: fieldLocation(layer, 'name'),
      help: 'layer names must be unique; rename one of them',
      note: layer.name === 'input' ? '`input` is reserved for the model input' : undefined,
    });
  }
  for (const layer of layers) {
    if (layer.name.startsWith('__')) {
      diagnostics.push({
        severity: 'error',
        code: 'NS0303',
        message: `the layer name \`${layer.name}\` is reserved (names starting with \`__\` mean something to JavaScript objects)`,
        location: fieldLocation(layer, 'name'),
        help: 'choose a name that does not start with two underscores',
      });
    } else if (layer.name.startsWith('_')) {
      // Found by the fuzzer (tests/fixtures/fuzz/underscore-name.refused.yaml): tf.layers throws on such names.
      diagnostics.push({
        severity: 'error',
        code: 'NS0303',
        message: `the layer name \`${layer.name}\` starts with \`_\`, which TensorFlow.js refuses in the names of its tensors`,
        location: fieldLocation(layer, 'name'),
        help: 'start the name with a letter',
      });
    }
    if (layer.name === 'input') {
      diagnostics.push({
        severity: 'error',
        code: 'NS0303',
        message: 'a layer may not be named `input`: that name is the model input',
        location: fieldLocation(layer, 'name'),
        help: 'choose another name',
      });
    }
  }
}

/** A variant's train block overrides its parent's field by field (one level deep). */
function mergeTrain(parent: TrainSpec, child: TrainSpec): TrainSpec {
  const out: Record<string, unknown> = { ...parent };
  for (const [k, v] of Object.entries(child)) {
    const p = (parent as Record<string, unknown>)[k];
    const isObj = (x: unknown) => typeof x === 'object' && x !== null && !Array.isArray(x);
    // Objects with a `type`/`kind` discriminator are replaced whole when it changes.
    const sameKind = isObj(p) && isObj(v) &&
      (p as Record<string, unknown>).type === (v as Record<string, unknown>).type &&
      (p as Record<string, unknown>).kind === (v as Record<string, unknown>).kind;
    out[k] = sameKind ? { ...(p as object), ...(v as object) } : v;
  }
  return out as TrainSpec;
}
