// Resolve a spec file into one flat model: follow `extends`, apply the variant's remove,
// override and insert edits, and give every layer a name and a source location.
import * as path from 'node:path';
import type { Diagnostic, Location } from '../model/diagnostic.ts';
import type { SourceFile } from './parse.ts';
import type { InitScheme, LayerSpec, ModelSpec, TrainSpec } from '../model/spec.ts';
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
      diagnostics.push({
        severity: 'error',
        code: 'NS0306',
        message: missing
          ? `the parent model \`${spec.extends}\` does not exist (looked for ${parentFile})`
          : `the parent model \`${spec.extends}\` has errors (shown above)`,
        location: at(['extends']),
        help: missing ? 'the path is relative to this file; fix it or create the parent' : undefined,
      });
      return undefined;
    }
  }

  const name = spec.name ?? path.basename(file).replace(/\.ya?ml$/i, '');
  let layers: ResolvedLayer[];
  if (spec.layers) {
    const names = deriveNames(spec.layers);
    layers = spec.layers.map((l, i) => ({ name: names[i], spec: l, location: at(['layers', i]), overridden: {} }));
  } else if (parent) {
    layers = parent.layers.map((l) => ({ ...l, spec: { ...l.spec, name: l.name } }));
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
    layers = applyEdits(layers, spec, loaded.source!, diagnostics);
  }
  checkDuplicateNames(layers, diagnostics);

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
  };
}

function applyEdits(base: ResolvedLayer[], spec: ModelSpec, source: SourceFile, diagnostics: Diagnostic[]): ResolvedLayer[] {
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
  const indexOf = (name: string) => layers.findIndex((l) => l.name === name);

  (spec.remove ?? []).forEach((name, i) => {
    const idx = indexOf(name);
    if (idx < 0) unknown(name, ['remove', i]);
    else layers.splice(idx, 1);
  });

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
    // The merge may combine fields the schema never saw together (units on a conv2d, say).
    const invalid = validateLayer(source, merged, ['override', name]);
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
    const added = ins.layers.map((l, k) => ({
      name: names[k],
      spec: l,
      location: { file, path: ['insert', i, 'layers', k] },
      overridden: {},
    }));
    layers = [...layers.slice(0, at), ...added, ...layers.slice(at)];
  });
  return layers;
}

/** "did you mean" for an unknown layer name, else the list of known ones. */
export function suggestion(name: string, known: string[]): string {
  const near = closest(name, known);
  return near ? `did you mean \`${near}\`? (known layers: ${known.join(', ')})` : `known layers: ${known.join(', ')}`;
}

function checkDuplicateNames(layers: ResolvedLayer[], diagnostics: Diagnostic[]): void {
  const first = new Map<string, ResolvedLayer>();
  for (const layer of layers) {
    const prior = first.get(layer.name);
    if (!prior) {
      first.set(layer.name, layer);
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
