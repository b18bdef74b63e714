// Reusable blocks: check the `blocks:` definitions, and expand each `{ type: block }` use into the
// block's layers, named hierarchically (`layer2.0.conv1`), with `$param` expressions evaluated.
// A problem that depends on the arguments is reported at the use, with a note pointing into the
// block; a problem of the block itself, once, at the block.
import type { Diagnostic, Location } from '../model/diagnostic.ts';
import type { IRBlockDef, IRBlockInstance } from '../model/ir.ts';
import { diagnostic } from '../model/codes.ts';
import type { BlockSpec, BlockUseSpec, LayerEntry, LayerSpec } from '../model/spec.ts';
import type { SourceFile } from './parse.ts';
import type { ResolvedLayer } from './resolve.ts';
import { closest } from './diagnostics.ts';
import { evaluate, isExpression, paramsOf, type Value } from './expr.ts';
import { locate } from './locate.ts';
import { deriveNames } from './names.ts';
import { validateLayer } from './validate.ts';

/** Layers all block uses of one model may expand to (a guard against `repeat` nested in `repeat`). */
export const MAX_EXPANDED_LAYERS = 10_000;

export interface BlockDef {
  name: string;
  spec: BlockSpec;
  file: string;
  source: SourceFile;
  /** Set when the definition has errors (already reported): its uses expand to nothing. */
  broken?: boolean;
}

/** A block use's name (and each instance's, `layer2.0`) → the name of its last layer. */
export type Aliases = Map<string, string>;

type Path = (string | number)[];

/** One instance of a block being expanded: its arguments and where it was used. */
interface Frame {
  def: BlockDef;
  params: Map<string, Value>;
  /** The use that gave the arguments (for problems that depend on them). */
  site: Location;
  /** The arguments the use wrote out (the others are defaults). */
  given: ReadonlySet<string>;
  /** The instance's name, the prefix of its layers' names. */
  instance: string;
}

interface State {
  blocks: ReadonlyMap<string, BlockDef>;
  diagnostics: Diagnostic[];
  sources: ReadonlyMap<string, SourceFile>;
  aliases: Aliases;
  count: number;
  overflow: boolean;
  /** The model-level use being expanded (where a too-large expansion is reported). */
  root?: Location;
  reported: Set<string>;
  validated: Map<string, Diagnostic[]>;
}

const blockPath = (def: BlockDef, ...rest: Path): Path => ['blocks', def.name, ...rest];

/** Checks this file's block definitions once, whether or not they are used; marks broken ones. */
export function checkBlocks(defs: readonly BlockDef[], all: ReadonlyMap<string, BlockDef>, diagnostics: Diagnostic[]): void {
  for (const def of defs) {
    const at = (...p: Path): Location => ({ file: def.file, path: blockPath(def, ...p) });
    const before = diagnostics.length;
    const declared = def.spec.params ?? {};
    for (const [name, param] of Object.entries(declared)) {
      if (param.default !== undefined) {
        const bad = typeProblem(param, param.default);
        if (bad) {
          diagnostics.push(diagnostic('NS0321', `the default of \`${name}\` ${bad}`, at('params', name, 'default'), {
            help: `give a default of type ${param.type}, or change the parameter's \`type\``,
          }));
        }
      }
      if (param.enum && param.type !== 'string') {
        diagnostics.push(diagnostic('NS0321', `\`enum\` lists strings, but \`${name}\` is of type ${param.type}`, at('params', name, 'enum'), {
          help: 'use `type: string`, or remove `enum`',
        }));
      }
    }
    const layers = def.spec.layers;
    layers.forEach((layer, k) => {
      // The fields as written, their `$param` expressions left out: the schema checks what is fixed.
      const fixed = Object.fromEntries(Object.entries(layer).filter(([key, v]) => !SUBSTITUTED(key) || !hasExpression(v)));
      for (const d of validateLayer(def.source, fixed, blockPath(def, 'layers', k), { partial: true })) {
        // A field left out may be a required one: checked once the block is used.
        if (d.code !== 'NS0203') diagnostics.push(d);
      }
      for (const [key, v] of Object.entries(layer)) {
        if (!SUBSTITUTED(key) || !hasExpression(v)) continue;
        for (const text of expressions(v)) {
          const r = evaluate(text, new Map(Object.keys(declared).map((p) => [p, 0])));
          if (!r.ok && r.error.kind === 'syntax') {
            diagnostics.push(diagnostic('NS0322', `cannot read the expression \`${text}\`: ${r.error.message}`, at('layers', k, key)));
          } else if (!r.ok && r.error.kind === 'unknown') {
            diagnostics.push(unknownParam(def, r.error.name, at('layers', k, key)));
          }
        }
      }
    });
    if (diagnostics.length > before) {
      def.broken = true;
      continue;
    }
    // Names inside the block: unique, and never `input` (that is the block's input).
    const names = innerNames(def);
    const seen = new Set<string>();
    layers.forEach((layer, k) => {
      const name = names[k];
      if (name === 'input') {
        diagnostics.push(diagnostic('NS0324', 'a block\'s layer may not be named `input`: inside a block, `input` is the block\'s input', at('layers', k, 'name'), {
          help: 'choose another name',
        }));
      } else if (seen.has(name)) {
        diagnostics.push(diagnostic('NS0324', `two layers of block \`${def.name}\` are named \`${name}\`; every use would give two layers the same name`, at('layers', k, layer.name !== undefined ? 'name' : 'type'), {
          help: 'name the block\'s layers uniquely',
        }));
      }
      seen.add(name);
      (Array.isArray(layer.inputs) ? layer.inputs : []).forEach((ref, i) => {
        if (typeof ref === 'string' && ref !== 'input' && !names.includes(ref)) {
          diagnostics.push(diagnostic('NS0304', `block \`${def.name}\` has no layer named \`${ref}\``, at('layers', k, 'inputs', i), {
            help: `inside a block, \`inputs\` name the block's own layers or \`input\` (the block's input): ${names.join(', ')}`,
          }));
        }
      });
    });
    if (diagnostics.length > before) def.broken = true;
  }
  // Recursion: a block that uses itself, directly or through others (each cycle reported once).
  const cycles = new Set<string>();
  for (const def of defs) {
    const cycle = findCycle(def, all);
    if (!cycle) continue;
    const [k, via] = cycle;
    def.broken = true;
    const key = [...new Set(via)].sort().join(' ');
    if (cycles.has(key)) continue;
    cycles.add(key);
    const chain = via.join(' -> ');
    diagnostics.push(diagnostic(
      'NS0323',
      via.length === 2 ? `block \`${def.name}\` uses itself` : `blocks use each other in a cycle: ${chain}`,
      { file: def.file, path: blockPath(def, 'layers', k, 'block') },
      { help: 'a block may use other blocks, but never one that leads back to itself; use `repeat` to chain instances' },
    ));
  }
}

/** The first use in `def` that leads back to `def`: its index and the chain of block names. */
function findCycle(def: BlockDef, all: ReadonlyMap<string, BlockDef>): [number, string[]] | undefined {
  const usesOf = (d: BlockDef): string[] => d.spec.layers.flatMap((l) => (l.type === 'block' && typeof l.block === 'string' ? [l.block] : []));
  const reaches = (from: string, seen: Set<string>): string[] | undefined => {
    if (from === def.name) return [from];
    const d = all.get(from);
    if (!d || seen.has(from)) return undefined;
    seen.add(from);
    for (const next of usesOf(d)) {
      const path = reaches(next, seen);
      if (path) return [from, ...path];
    }
    return undefined;
  };
  for (const [k, l] of def.spec.layers.entries()) {
    if (l.type !== 'block' || typeof l.block !== 'string') continue;
    const path = reaches(l.block, new Set());
    if (path) return [k, [def.name, ...path]];
  }
  return undefined;
}

/** Derived names of a block's layers (as in a model: conv1, relu … or the names given). */
function innerNames(def: BlockDef): string[] {
  return deriveNames(def.spec.layers as unknown as LayerEntry[]);
}

export interface ExpandInput {
  entries: readonly LayerEntry[];
  names: readonly string[];
  /** Where entry i is written. */
  at: (i: number) => Location;
  /** The layer before the first entry ('input' at the start of the model). */
  previous: string;
}

/**
 * Expands a list of layers: plain layers pass through, block uses become their layers. `aliases`
 * gains each use's name. Problems go to `diagnostics`.
 */
export function expandLayers(
  input: ExpandInput,
  blocks: ReadonlyMap<string, BlockDef>,
  sources: ReadonlyMap<string, SourceFile>,
  aliases: Aliases,
  diagnostics: Diagnostic[],
  already = 0,
): ResolvedLayer[] {
  const st: State = { blocks, diagnostics, sources, aliases, count: already, overflow: false, reported: new Set(), validated: new Map() };
  const out: ResolvedLayer[] = [];
  input.entries.forEach((entry, i) => {
    const name = input.names[i];
    const location = input.at(i);
    const previous = out.length ? out[out.length - 1].name : input.previous;
    if (entry.type !== 'block') {
      out.push({ name, spec: entry, location, overridden: {} });
      st.count++;
      return;
    }
    if (st.overflow) return;
    if (aliases.has(name) || input.names.slice(0, i).includes(name)) {
      push(st, diagnostic('NS0324', `the block use \`${name}\` has the name of an earlier layer or block use; their layers would collide`, { ...location, path: [...location.path!, 'name'] }, {
        help: 'give the block use a name of its own',
      }));
      return;
    }
    st.root = location;
    const explicit = entry.inputs?.[0];
    const blockInput = explicit !== undefined ? (aliases.get(explicit) ?? explicit) : previous;
    expandUse(st, entry, name, location, undefined, { name: blockInput, explicit: explicit !== undefined }, [], out, undefined, undefined);
  });
  if (st.overflow) return [];
  return out;
}

/** Expands one use (all its instances) into `out`; returns the name of its last layer. */
function expandUse(
  st: State,
  use: BlockUseSpec,
  useName: string,
  useLoc: Location,
  outer: Frame | undefined,
  input: { name: string; explicit: boolean },
  stack: string[],
  out: ResolvedLayer[],
  top: { instance: string; name: string } | undefined,
  topInstance: IRBlockInstance | undefined,
): string | undefined {
  const fieldAt = (...p: Path): Location => ({ ...useLoc, path: [...(useLoc.path ?? []), ...p] });
  const def = st.blocks.get(use.block);
  if (!def) {
    const known = [...st.blocks.keys()];
    const near = closest(use.block, known);
    push(st, diagnostic('NS0320', `no block named \`${use.block}\``, fieldAt('block'), {
      help: near ? `did you mean \`${near}\`?` : known.length ? `blocks defined: ${known.join(', ')}` : 'define it under `blocks:` (in this file or the parent it extends)',
    }));
    return undefined;
  }
  if (def.broken || stack.includes(def.name)) return undefined;
  if ((use.inputs?.length ?? 0) > 1) {
    push(st, diagnostic('NS0207', `a block takes one input; \`inputs\` lists ${use.inputs!.length}`, fieldAt('inputs'), {
      help: 'name one layer, or merge several first with `add` or `concat`',
    }));
    return undefined;
  }
  const params = bindArgs(st, def, use, useLoc, outer);
  if (!params) return undefined;
  const repeat = use.repeat;
  const names = innerNames(def);
  let blockInput = input;
  let last: string | undefined;
  for (let i = 0; i < (repeat ?? 1); i++) {
    const instance = repeat === undefined ? useName : `${useName}.${i}`;
    const frame: Frame = { def, params, site: useLoc, given: new Set(Object.keys(use.args ?? {})), instance };
    const owner = top ?? { instance, name: def.name };
    const ownerInstance = topInstance ?? { instance, definition: irDefinition(st, def), args: Object.fromEntries(params) };
    const produced = new Map<string, string>();
    const note = `\`${instance}\` is an instance of block \`${def.name}\`, used at ${where(st, useLoc, def.file)}`;
    for (const [k, raw] of def.spec.layers.entries()) {
      const inner = names[k];
      const spec = substitute(st, frame, raw, k);
      if (!spec) return undefined;
      const full = `${instance}.${inner}`;
      const refs = Array.isArray(raw.inputs) ? (raw.inputs as string[]) : undefined;
      const mapped = refs?.map((r) => (r === 'input' ? blockInput.name : (produced.get(r) ?? `${instance}.${r}`)));
      // The first layer takes the block's input: implicitly when that is the previous layer.
      const inputs = mapped ?? (k === 0 && blockInput.explicit ? [blockInput.name] : undefined);
      const location: Location = { file: def.file, path: blockPath(def, 'layers', k) };
      if (spec.type === 'block') {
        const previous = out.length ? out[out.length - 1].name : blockInput.name;
        const nestedInput = inputs?.[0] !== undefined ? { name: inputs[0], explicit: true } : { name: previous, explicit: false };
        const end = expandUse(st, spec as unknown as BlockUseSpec, full, location, frame, nestedInput, [...stack, def.name], out, owner, ownerInstance);
        if (end === undefined) return undefined;
        produced.set(inner, end);
        continue;
      }
      if (++st.count > MAX_EXPANDED_LAYERS) {
        st.overflow = true;
        push(st, diagnostic('NS0325', `the block uses expand to more than ${MAX_EXPANDED_LAYERS} layers`, st.root ?? useLoc, {
          help: 'lower `repeat`, or nest fewer repeated blocks',
        }));
        return undefined;
      }
      const layerSpec = { ...spec, name: full } as LayerSpec;
      if (inputs) layerSpec.inputs = inputs;
      else delete layerSpec.inputs;
      out.push({ name: full, spec: layerSpec, location, overridden: {}, block: owner, blockInstance: ownerInstance, note });
      produced.set(inner, full);
    }
    last = produced.get(names[names.length - 1]);
    if (last === undefined) return undefined;
    setAlias(st, instance, last);
    blockInput = { name: last, explicit: false };
  }
  if (repeat !== undefined && last !== undefined) setAlias(st, useName, last);
  return last;
}

/** The definition as the IR records it (one object per definition, its uses resolved as expanded). */
function irDefinition(st: State, def: BlockDef): IRBlockDef {
  let ir = irDefinitions.get(def);
  if (ir) return ir;
  const uses = [...new Set(def.spec.layers.flatMap((l) => (l.type === 'block' && typeof l.block === 'string' ? [l.block] : [])))];
  ir = {
    name: def.name,
    file: def.file,
    params: Object.entries(def.spec.params ?? {}).map(([name, p]) => ({ name, ...p })),
    layers: def.spec.layers,
    names: innerNames(def),
    uses: uses.flatMap((u) => {
      const d = st.blocks.get(u);
      return d ? [irDefinition(st, d)] : [];
    }),
  };
  irDefinitions.set(def, ir);
  return ir;
}

const irDefinitions = new WeakMap<BlockDef, IRBlockDef>();

function setAlias(st: State, name: string, target: string): void {
  st.aliases.set(name, target);
}

/** The arguments of a use checked against the block's parameters (defaults filled in), or undefined. */
function bindArgs(st: State, def: BlockDef, use: BlockUseSpec, useLoc: Location, outer: Frame | undefined): Map<string, Value> | undefined {
  const fieldAt = (...p: Path): Location => ({ ...useLoc, path: [...(useLoc.path ?? []), ...p] });
  const declared = def.spec.params ?? {};
  const names = Object.keys(declared);
  const params = new Map<string, Value>();
  let ok = true;
  for (const [key, raw] of Object.entries(use.args ?? {})) {
    const param = Object.prototype.hasOwnProperty.call(declared, key) ? declared[key] : undefined;
    if (!param) {
      const near = closest(key, names);
      push(st, diagnostic('NS0321', `block \`${def.name}\` has no parameter \`${key}\``, { ...fieldAt('args', key), key: true }, {
        help: near ? `did you mean \`${near}\`?` : names.length ? `its parameters: ${names.join(', ')}` : `\`${def.name}\` takes no arguments; remove \`args\``,
        note: `\`${def.name}\` is defined at ${where(st, { file: def.file, path: blockPath(def), key: true }, useLoc.file)}`,
      }));
      ok = false;
      continue;
    }
    let value: Value | undefined = raw;
    if (outer && isExpression(raw)) value = evalField(st, outer, raw, fieldAt('args', key), `args.${key}`);
    if (value === undefined) {
      ok = false;
      continue;
    }
    const bad = typeProblem(param, value);
    if (bad) {
      const outside = !outer && isExpression(value) ? '; `$params` can only be used inside a block' : '';
      push(st, diagnostic('NS0321', `the argument \`${key}\` ${bad}${outside}`, fieldAt('args', key), {
        note: `\`${key}\` is declared in block \`${def.name}\` at ${where(st, { file: def.file, path: blockPath(def, 'params', key), key: true }, useLoc.file)}`,
      }));
      ok = false;
      continue;
    }
    params.set(key, value);
  }
  const missing = names.filter((n) => !params.has(n) && declared[n].default === undefined && !Object.prototype.hasOwnProperty.call(use.args ?? {}, n));
  if (missing.length) {
    const list = missing.map((m) => `\`${m}\``).join(', ').replace(/, ([^,]*)$/, ' and $1');
    const adds = missing.map((m) => `${m}: <${declared[m].type}>`).join(', ');
    push(st, diagnostic('NS0321', `block \`${def.name}\` needs the argument${missing.length > 1 ? 's' : ''} ${list}`, use.args ? { ...fieldAt('args'), key: true } : fieldAt('block'), {
      help: use.args ? `add ${missing.map((m) => `\`${m}: <${declared[m].type}>\``).join(', ')} to \`args\`` : `add \`args: { ${adds} }\``,
      note: `\`${missing[0]}\` is declared at ${where(st, { file: def.file, path: blockPath(def, 'params', missing[0]), key: true }, useLoc.file)}, without a default`,
    }));
    ok = false;
  }
  if (!ok) return undefined;
  for (const n of names) if (!params.has(n)) params.set(n, declared[n].default!);
  return params;
}

/** What is wrong with `value` for `param` ("must be an integer; received 1.5"), or undefined. */
function typeProblem(param: { type: string; enum?: string[] }, value: Value): string | undefined {
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  const fits = param.type === 'integer' ? typeof value === 'number' && Number.isInteger(value)
    : param.type === 'number' ? typeof value === 'number'
    : param.type === 'boolean' ? typeof value === 'boolean'
    : typeof value === 'string';
  const article = param.type === 'integer' ? 'an' : 'a';
  if (!fits) return `must be ${article} ${param.type}; received ${shown}`;
  if (param.enum && typeof value === 'string' && !param.enum.includes(value)) {
    return `must be one of ${param.enum.map((e) => `\`${e}\``).join(', ')}; received ${shown}`;
  }
  return undefined;
}

/** Fields whose values are substituted; names and descriptions are taken as written. */
const SUBSTITUTED = (key: string): boolean => !['name', 'description', 'type', 'inputs', 'block'].includes(key);

/** A value for a message: fractions to six significant digits. */
const shown = (v: unknown): string => (typeof v === 'number' && !Number.isInteger(v) ? String(Number(v.toPrecision(6))) : JSON.stringify(v));

const hasExpression = (v: unknown): boolean => (Array.isArray(v) ? v.some(hasExpression) : isExpression(v));
const expressions = (v: unknown): string[] => (Array.isArray(v) ? v.flatMap(expressions) : isExpression(v) ? [v] : []);

/** A block layer with the frame's arguments in place of its expressions, checked by the schema; or undefined. */
function substitute(st: State, frame: Frame, raw: Record<string, unknown>, k: number): Record<string, unknown> | undefined {
  const def = frame.def;
  const spec: Record<string, unknown> = {};
  const exprFields = new Map<string, string>();
  let ok = true;
  for (const [key, v] of Object.entries(raw)) {
    if (!SUBSTITUTED(key) || !hasExpression(v) || key === 'args') {
      spec[key] = key === 'args' ? raw.args : v;
      continue;
    }
    exprFields.set(key, JSON.stringify(v).replace(/"/g, ''));
    const one = (x: unknown): unknown => {
      if (Array.isArray(x)) return x.map(one);
      if (!isExpression(x)) return x;
      const r = evalField(st, frame, x, { file: def.file, path: blockPath(def, 'layers', k, key) }, key);
      if (r === undefined) ok = false;
      return r;
    };
    spec[key] = one(v);
  }
  if (!ok) return undefined;
  // The schema, on the values as substituted (validated once per distinct layer).
  const base = blockPath(def, 'layers', k);
  const cacheKey = `${def.file}\0${def.name}\0${k}\0${JSON.stringify(spec)}`;
  let found = st.validated.get(cacheKey);
  if (!found) {
    // Validated at a path the document does not have, so messages show the values, not the `$` text.
    found = validateLayer(def.source, spec, ['\u0000']);
    st.validated.set(cacheKey, found);
  }
  for (const d of found) {
    const rel = (d.location?.path ?? []).slice(1);
    const field = String(rel[0] ?? '');
    const blockLoc: Location = { file: def.file, path: [...base, ...rel], key: d.location?.key };
    const text = exprFields.get(field);
    if (text === undefined) {
      push(st, { ...d, location: blockLoc });
      continue;
    }
    const value = spec[field];
    const fraction = typeof value === 'number' && !Number.isInteger(value) && d.help === 'use a whole number';
    push(st, {
      ...d,
      code: fraction ? 'NS0327' : d.code,
      message: fraction ? `\`${field}: ${text}\` gives ${shown(value)}, but \`${field}\` must be a whole number` : d.message,
      help: fraction ? 'use `//` to divide rounding down, or arguments that divide exactly' : d.help,
      location: siteOf(frame, text),
      note: `\`${field}\` is \`${text}\` = ${shown(value)} in block \`${def.name}\` at ${where(st, blockLoc, frame.site.file)}, for \`${frame.instance}\``,
    });
  }
  if (found.length) return undefined;
  return spec;
}

/** Where a problem with an expression's value is shown: the last argument it uses that the use wrote out, else the use. */
function siteOf(frame: Frame, text: string): Location {
  const given = paramsOf(text).filter((p) => frame.given.has(p));
  const last = given[given.length - 1];
  return last === undefined ? frame.site : { ...frame.site, path: [...(frame.site.path ?? []), 'args', last] };
}

/** Evaluates one expression of a block; reports and returns undefined when it has no value. */
function evalField(st: State, frame: Frame, text: string, at: Location, field: string): Value | undefined {
  const r = evaluate(text, frame.params);
  if (r.ok) return r.value;
  const def = frame.def;
  if (r.error.kind === 'unknown') {
    push(st, unknownParam(def, r.error.name, at));
  } else if (r.error.kind === 'syntax') {
    push(st, diagnostic('NS0322', `cannot read the expression \`${text}\`: ${r.error.message}`, at));
  } else {
    const args = [...frame.params].map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join(', ');
    push(st, diagnostic('NS0327', `\`${field}: ${text}\` has no value for \`${frame.instance}\`: ${r.error.message}`, siteOf(frame, text), {
      note: `\`${field}\` is set at ${where(st, at, frame.site.file)} in block \`${def.name}\`, with ${args || 'no arguments'}`,
    }));
  }
  return undefined;
}

function unknownParam(def: BlockDef, name: string, at: Location): Diagnostic {
  const names = Object.keys(def.spec.params ?? {});
  const near = closest(name, names);
  return diagnostic('NS0326', `block \`${def.name}\` has no parameter \`${name}\` (used as \`$${name}\`)`, at, {
    help: near ? `did you mean \`$${near}\`?` : names.length ? `its parameters: ${names.join(', ')}` : `declare it under \`params:\` of \`${def.name}\``,
  });
}

/** Where a location is, for a note: `line 7, column 18`, or `file:7:18` when not in `from`'s file. */
function where(st: State, loc: Location, from: string): string {
  const source = st.sources.get(loc.file);
  const at = source ? locate(source, loc) : undefined;
  if (!at) return loc.file;
  return loc.file === from ? `line ${at.line}, column ${at.col}` : `${loc.file}:${at.line}:${at.col}`;
}

/** Reports once: a repeated block instance gives the same problem again. */
function push(st: State, d: Diagnostic): void {
  const key = JSON.stringify([d.code, d.message, d.location]);
  if (st.reported.has(key)) return;
  st.reported.add(key);
  st.diagnostics.push(d);
}
