// Blocks in generated code: one typed function per block definition, called once per instance.
// Each instance is expanded again from its definition and arguments (as blocks.ts expanded it) and
// compared with the IR: names, order, wiring, and every layer field, which must be a constant of
// the definition or the formula of its `$param` expression. An instance a variant changed
// (override, remove, insert), or whose layers a later layer reads from inside, is emitted expanded
// with a comment saying why; so is every instance of a definition that cannot be one function.
import * as path from 'node:path';
import type { IRBlockDef, IRBlockInstance, IRNode, IRParamValue, LayerKind } from '../../model/ir.ts';
import { ACTIVATIONS } from '../../model/fields.ts';
import { isValidPool } from '../../model/layers/pool.ts';
import { evaluate, isExpression } from '../expr.ts';
import { bareParam, formula } from './formula.ts';
import { array, type Code } from './layout.ts';
import { lit, num } from './literal.ts';

/** Where a layer's IR field comes from in its spec, and how the value is shaped. */
type Shape = 'value' | 'pair' | 'pad' | 'pad4';
const SOURCES: { [K in LayerKind]: Record<string, [field: string, shape: Shape]> } = {
  conv2d: {
    filters: ['filters', 'value'], kernel: ['kernel', 'pair'], stride: ['stride', 'pair'], pad: ['padding', 'pad'],
    dilation: ['dilation', 'pair'], groups: ['groups', 'value'], bias: ['bias', 'value'], activation: ['activation', 'value'],
    init: ['init', 'value'], biasInit: ['biasInit', 'value'],
  },
  lrn: { size: ['size', 'value'], alpha: ['alpha', 'value'], beta: ['beta', 'value'], k: ['k', 'value'], convention: ['convention', 'value'] },
  maxpool: { size: ['size', 'pair'], stride: ['stride', 'pair'], pad: ['padding', 'pad'], rounding: ['rounding', 'value'] },
  avgpool: { size: ['size', 'pair'], stride: ['stride', 'pair'], pad: ['padding', 'pad'], rounding: ['rounding', 'value'] },
  dropout: { rate: ['rate', 'value'] },
  flatten: {},
  dense: { units: ['units', 'value'], bias: ['bias', 'value'], activation: ['activation', 'value'], init: ['init', 'value'], biasInit: ['biasInit', 'value'] },
  zeropad: { pad: ['padding', 'pad4'] },
  globalavgpool: {},
  adaptiveavgpool: { output: ['output', 'pair'] },
  activation: { activation: ['activation', 'value'], alpha: ['alpha', 'value'] },
  add: {},
  concat: {},
  batchnorm: { epsilon: ['epsilon', 'value'], momentum: ['momentum', 'value'], center: ['center', 'value'], scale: ['scale', 'value'] },
};

/** Spec fields that are not layer settings. */
const STRUCTURAL = new Set(['type', 'name', 'inputs', 'description', 'block', 'args', 'repeat']);

/** The instance's input while expanding (replaced by the real tensor when compared). */
const X = '\u0000x';

type Args = ReadonlyMap<string, IRParamValue>;

/** One layer of an instance expanded again: its name, where it is in which definition, its inputs. */
interface Expected {
  name: string;
  def: IRBlockDef;
  k: number;
  inputs: string[];
}

/** One instance of a definition (nested ones too): its arguments and the node name of each layer k. */
interface Occurrence {
  def: IRBlockDef;
  args: Args;
  layers: Map<number, string>;
}

export interface BlockCall {
  fn: string;
  def: IRBlockDef;
  instance: IRBlockInstance;
  /** The node (or `input`) the instance takes. */
  input: string;
  /** Index of its first node, and how many nodes it has. */
  first: number;
  count: number;
}

export interface BlockFunctionPlan {
  fn: string;
  def: IRBlockDef;
  /** Per layer k of the definition: a node holding its constant fields, and its formulas. */
  layers: Map<number, { node: IRNode; formulas: Map<string, Code> }>;
  /** Layers (nested ones included) in one instance. */
  size: number;
  /** Whether it builds conv2d or dense layers (and so takes `ctx` and `first`). */
  weighted: boolean;
}

export interface BlockPlan {
  /** By the index of an instance's first node: the call that builds its nodes. */
  calls: Map<number, BlockCall>;
  /** Why an instance is emitted expanded. */
  expanded: Map<IRBlockInstance, string>;
  /** The functions, in the order their blocks are first used. */
  functions: BlockFunctionPlan[];
}

/** Which instances become calls and which definitions become functions. */
export function planBlocks(nodes: readonly IRNode[]): BlockPlan {
  const plan: BlockPlan = { calls: new Map(), expanded: new Map(), functions: [] };
  const index = new Map(nodes.map((n, i) => [n.name, i]));
  // Instances in order, each with its nodes.
  const groups = new Map<IRBlockInstance, number[]>();
  nodes.forEach((n, i) => {
    if (!n.blockInstance) return;
    const g = groups.get(n.blockInstance);
    if (g) g.push(i);
    else groups.set(n.blockInstance, [i]);
  });
  // A later layer may read only an instance's last layer (what the call returns).
  const readInside = new Map<IRBlockInstance, string>();
  nodes.forEach((n) => {
    for (const ref of n.inputs) {
      const from = nodes[index.get(ref) ?? -1];
      const inst = from?.blockInstance;
      if (!inst || inst === n.blockInstance) continue;
      const g = groups.get(inst)!;
      if (index.get(ref) !== g[g.length - 1] && !readInside.has(inst)) readInside.set(inst, `\`${n.name}\` reads \`${ref}\` from inside it`);
    }
  });

  const matched: { inst: IRBlockInstance; first: number; count: number; input: string; occurrences: Occurrence[] }[] = [];
  for (const [inst, g] of groups) {
    const first = g[0];
    const result = matchInstance(nodes, g, inst);
    const reason = typeof result === 'string' ? result : readInside.get(inst);
    if (reason !== undefined || typeof result === 'string') plan.expanded.set(inst, reason!);
    else matched.push({ inst, first, count: g.length, ...result });
  }

  // Each definition's fields, checked over every occurrence of it in a matched instance.
  const byDef = new Map<IRBlockDef, { args: Args; nodes: IRNode[] }[]>();
  for (const m of matched) {
    for (const o of m.occurrences) {
      const list = byDef.get(o.def) ?? [];
      list.push({ args: o.args, nodes: o.def.layers.map((_, k) => nodes[index.get(o.layers.get(k) ?? '') ?? -1]) });
      byDef.set(o.def, list);
    }
  }
  const checked = new Map<IRBlockDef, Omit<BlockFunctionPlan, 'fn'> | string>();
  const check = (def: IRBlockDef): Omit<BlockFunctionPlan, 'fn'> | string => {
    const known = checked.get(def);
    if (known !== undefined) return known;
    const result = checkDefinition(def, byDef.get(def) ?? [], check);
    checked.set(def, result);
    return result;
  };

  const names = new Map<IRBlockDef, string>();
  const taken = new Set<string>();
  const fnName = (def: IRBlockDef): string => {
    let fn = names.get(def);
    if (fn) return fn;
    // `$` followed by a letter: no layer local (`name$`, `name$2`) and no emitter identifier looks like it.
    fn = `block$${def.name}`;
    for (let k = 2; taken.has(fn); k++) fn = `block$${def.name}${k}`;
    taken.add(fn);
    names.set(def, fn);
    return fn;
  };
  const addFunctions = (def: IRBlockDef): void => {
    if (names.has(def)) return;
    const c = check(def) as Omit<BlockFunctionPlan, 'fn'>;
    plan.functions.push({ fn: fnName(def), ...c });
    for (const used of def.uses) if (used.layers.length && byDef.has(used)) addFunctions(used);
  };
  for (const m of matched) {
    const c = check(m.inst.definition);
    if (typeof c === 'string') {
      plan.expanded.set(m.inst, c);
      continue;
    }
    addFunctions(m.inst.definition);
    plan.calls.set(m.first, { fn: fnName(m.inst.definition), def: m.inst.definition, instance: m.inst, input: m.input, first: m.first, count: m.count });
  }
  return plan;
}

/** Expands an instance again and compares it with its nodes: the occurrences and the input, or why not. */
function matchInstance(nodes: readonly IRNode[], g: number[], inst: IRBlockInstance): { occurrences: Occurrence[]; input: string } | string {
  if (g.some((i, j) => j > 0 && i !== g[j - 1] + 1)) return 'a variant inserted layers among its layers';
  const expected: Expected[] = [];
  const occurrences: Occurrence[] = [];
  const sim = expand(inst.definition, new Map(Object.entries(inst.args)), inst.instance, X, expected, occurrences);
  if (typeof sim !== 'string') return sim.error;
  const actual = g.map((i) => nodes[i]);
  for (let j = 0; j < Math.max(expected.length, actual.length); j++) {
    const e = expected[j];
    const a = actual[j];
    if (!a) return `a variant removed or overrode \`${e.name}\``;
    if (!e || e.name !== a.name) {
      const missing = expected.find((x) => !actual.some((n) => n.name === x.name));
      return missing ? `a variant removed or overrode \`${missing.name}\`` : 'a variant changed its layers';
    }
    if (e.def.layers[e.k].type !== a.layer.kind) return `a variant changed the type of \`${a.name}\``;
  }
  let input: string | undefined;
  for (let j = 0; j < expected.length; j++) {
    const want = expected[j].inputs;
    const got = actual[j].inputs;
    const same = want.length === got.length && want.every((w, i) => {
      if (w !== X) return w === got[i];
      input ??= got[i];
      return input === got[i];
    });
    if (!same) return `the inputs of \`${actual[j].name}\` are not the block's (a variant removed or inserted a layer before it)`;
  }
  return { occurrences, input: input ?? X };
}

/**
 * Expands `def` with `args` as blocks.ts does, appending its layers to `out`; returns the name of
 * its last layer, or why it cannot be a function.
 */
function expand(def: IRBlockDef, args: Args, instance: string, input: string, out: Expected[], occurrences: Occurrence[]): string | { error: string } {
  const occ: Occurrence = { def, args, layers: new Map() };
  occurrences.push(occ);
  const produced = new Map<string, string>();
  let previous = input;
  for (const [k, raw] of def.layers.entries()) {
    const inner = def.names[k];
    const full = `${instance}.${inner}`;
    const refs = Array.isArray(raw.inputs) ? (raw.inputs as string[]) : undefined;
    const mapped = refs?.map((r) => (r === 'input' ? input : (produced.get(r) ?? `${instance}.${r}`)));
    if (raw.type === 'block') {
      const used = def.uses.find((d) => d.name === raw.block);
      if (!used) return { error: `its block \`${String(raw.block)}\` is not known to the emitter` };
      if (raw.repeat !== undefined && typeof raw.repeat !== 'number') return { error: `the \`repeat\` of \`${inner}\` depends on the arguments` };
      const bound = bindArgs(used, raw.args, args);
      if (typeof bound === 'string') return { error: bound };
      let at = mapped?.[0] ?? previous;
      for (let i = 0; i < (raw.repeat ?? 1); i++) {
        const end = expand(used, bound, raw.repeat === undefined ? full : `${full}.${i}`, at, out, occurrences);
        if (typeof end !== 'string') return end;
        at = end;
      }
      produced.set(inner, at);
      previous = at;
      continue;
    }
    out.push({ name: full, def, k, inputs: mapped ?? [previous] });
    occ.layers.set(k, full);
    produced.set(inner, full);
    previous = full;
  }
  return previous;
}

/** A nested use's arguments, evaluated (defaults filled in). */
function bindArgs(def: IRBlockDef, given: unknown, outer: Args): Map<string, IRParamValue> | string {
  const raw = (given ?? {}) as Record<string, unknown>;
  const out = new Map<string, IRParamValue>();
  for (const p of def.params) {
    const v = Object.prototype.hasOwnProperty.call(raw, p.name) ? raw[p.name] : p.default;
    if (isExpression(v)) {
      const r = evaluate(v, outer);
      if (!r.ok) return `the argument \`${p.name}\` of a use of \`${def.name}\` has no value`;
      out.set(p.name, r.value);
    } else if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') out.set(p.name, v);
    else return `the argument \`${p.name}\` of a use of \`${def.name}\` is missing`;
  }
  return out;
}

const equal = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** A definition's layers as one function (constants and formulas), or why it cannot be one. */
function checkDefinition(
  def: IRBlockDef,
  occurrences: { args: Args; nodes: IRNode[] }[],
  check: (d: IRBlockDef) => Omit<BlockFunctionPlan, 'fn'> | string,
): Omit<BlockFunctionPlan, 'fn'> | string {
  if (!occurrences.length) return `block \`${def.name}\` has no instance to check`;
  const layers = new Map<number, { node: IRNode; formulas: Map<string, Code> }>();
  let size = 0;
  let weighted = false;
  for (const [k, raw] of def.layers.entries()) {
    const inner = def.names[k];
    if (raw.type === 'block') {
      const used = def.uses.find((d) => d.name === raw.block)!;
      const c = check(used);
      if (typeof c === 'string') return c;
      const problem = argsProblem(def, used, raw.args);
      if (problem) return problem;
      size += (typeof raw.repeat === 'number' ? raw.repeat : 1) * c.size;
      weighted ||= c.weighted;
      continue;
    }
    size += 1;
    const nodes = occurrences.map((o) => o.nodes[k]);
    if (nodes.some((n) => !n)) return `a layer of \`${def.name}\` was not found`;
    const kind = nodes[0].layer.kind;
    weighted ||= kind === 'conv2d' || kind === 'dense';
    const sources = SOURCES[kind];
    const mapped = new Set(Object.values(sources).map(([f]) => f));
    for (const [field, v] of Object.entries(raw)) {
      if (STRUCTURAL.has(field) || !hasExpression(v)) continue;
      if (!mapped.has(field)) return `\`${field}\` of \`${inner}\` depends on the arguments in a way the function does not compute`;
    }
    const dependsOnShape = raw.padding === 'same' && ['kernel', 'stride', 'dilation', 'size'].some((f) => hasExpression(raw[f]));
    if (dependsOnShape) return `the \`same\` padding of \`${inner}\` depends on the arguments`;
    const formulas = new Map<string, Code>();
    const fields = new Set(nodes.flatMap((n) => Object.keys(n.layer)));
    fields.delete('kind');
    for (const f of fields) {
      const source = sources[f];
      // A pool's stride is its size when not given.
      if ((kind === 'maxpool' || kind === 'avgpool') && f === 'stride' && raw.stride === undefined) continue;
      const value = (n: IRNode) => (n.layer as unknown as Record<string, unknown>)[f];
      if (source && hasExpression(raw[source[0]])) {
        const code = shapedCode(raw[source[0]], source[1]);
        if (code === undefined) return `\`${source[0]}\` of \`${inner}\` cannot be written as a formula`;
        const values = occurrences.map((o) => shapedValue(raw[source[0]], source[1], o.args) ?? wordValue(def, raw, f, source[0], o.args));
        if (values.some((v) => v === undefined)) return `\`${source[0]}\` of \`${inner}\` is set by a parameter whose type does not fit it`;
        if (values.some((v, i) => !equal(v, value(nodes[i])))) return `\`${source[0]}\` of \`${inner}\` is not what its formula computes`;
        formulas.set(f, code);
      } else if (nodes.some((n) => !equal(value(n), value(nodes[0])))) {
        return `\`${f}\` of \`${inner}\` differs between its instances (it depends on the input's size)`;
      }
    }
    if ((kind === 'maxpool' || kind === 'avgpool') && nodes.some((n) => isValidPool(n.layer as never) !== isValidPool(nodes[0].layer as never))) {
      return `\`${inner}\` is a plain pooling in some instances and not in others`;
    }
    layers.set(k, { node: nodes[0], formulas });
  }
  return { def, layers, size, weighted };
}

/** Fields a string parameter may set, with the values each accepts (its enum must be among them). */
const WORDS: Record<string, readonly string[]> = { activation: ACTIVATIONS, rounding: ['floor', 'ceil'], convention: ['paper', 'caffe'] };
/** Fields a boolean parameter may set. */
const SWITCHES = new Set(['bias', 'center', 'scale']);

/**
 * The value of a field a bare string or boolean parameter sets (`activation: $act`), when the
 * parameter's TypeScript type fits the field: a string's enum within the field's values; a
 * boolean `bias` only where the bias starts at 0 (else the bias initialiser would depend on it).
 */
function wordValue(def: IRBlockDef, raw: Readonly<Record<string, unknown>>, field: string, specField: string, args: Args): IRParamValue | undefined {
  const v = raw[specField];
  const name = typeof v === 'string' ? bareParam(v) : undefined;
  const param = def.params.find((p) => p.name === name);
  if (!param || name === undefined) return undefined;
  const value = args.get(name);
  if (param.type === 'string' && WORDS[field] && param.enum?.every((e) => WORDS[field].includes(e))) return value;
  if (param.type === 'boolean' && SWITCHES.has(field) && (field !== 'bias' || raw.biasInit === undefined || raw.biasInit === 0)) return value;
  return undefined;
}

/** Why a nested use's arguments cannot be passed as written (a string whose values do not fit), or undefined. */
function argsProblem(outer: IRBlockDef, used: IRBlockDef, given: unknown): string | undefined {
  const raw = (given ?? {}) as Record<string, unknown>;
  for (const p of used.params) {
    const v = raw[p.name];
    if (isExpression(v) && formula(v, access) === undefined) return `the argument \`${p.name}\` of \`${used.name}\` cannot be written as a formula`;
    if (!isExpression(v) || p.type !== 'string' || !p.enum) continue;
    const bare = bareParam(v);
    const from = outer.params.find((q) => q.name === bare);
    if (!from?.enum || from.enum.some((e) => !p.enum!.includes(e))) {
      return `\`${outer.name}\` passes \`${v}\` to \`${p.name}\` of \`${used.name}\`, whose values are fewer`;
    }
  }
  return undefined;
}

const hasExpression = (v: unknown): boolean => (Array.isArray(v) ? v.some(hasExpression) : isExpression(v));

/** `args.width` for `$width`. */
export const access = (param: string): string => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(param) ? `args.${param}` : `args[${lit(param)}]`);

/** A spec value (number, expression or a list of them) as code. */
function elementCode(v: unknown): string | undefined {
  if (typeof v === 'number') return num(v);
  if (isExpression(v)) return formula(v, access);
  return undefined;
}

function shapedCode(v: unknown, shape: Shape): Code | undefined {
  const items = Array.isArray(v) ? v.map(elementCode) : [elementCode(v)];
  if (items.some((i) => i === undefined)) return undefined;
  const c = items as string[];
  if (shape === 'value') return Array.isArray(v) ? undefined : c[0];
  if (shape === 'pair') return c.length === 1 ? array([c[0], c[0]]) : c.length === 2 ? array(c) : undefined;
  if (c.length === 1) return array([c[0], c[0], c[0], c[0]]);
  if (c.length === 2) return array([c[0], c[0], c[1], c[1]]);
  return shape === 'pad4' && c.length === 4 ? array(c) : undefined;
}

function shapedValue(v: unknown, shape: Shape, args: Args): unknown {
  const one = (x: unknown): number | undefined => {
    if (typeof x === 'number') return x;
    if (!isExpression(x)) return undefined;
    const r = evaluate(x, args);
    return r.ok && typeof r.value === 'number' ? r.value : undefined;
  };
  const items = Array.isArray(v) ? v.map(one) : [one(v)];
  if (items.some((i) => i === undefined)) return undefined;
  const n = items as number[];
  if (shape === 'value') return Array.isArray(v) ? undefined : n[0];
  if (shape === 'pair') return n.length === 1 ? [n[0], n[0]] : n;
  if (n.length === 1) return [n[0], n[0], n[0], n[0]];
  if (n.length === 2) return [n[0], n[0], n[1], n[1]];
  return n;
}

/** The TypeScript type of a parameter: `number`, `boolean`, `string` or its enum's union. */
export function paramType(p: IRBlockDef['params'][number]): string {
  if (p.type === 'integer' || p.type === 'number') return 'number';
  if (p.type === 'boolean') return 'boolean';
  return p.enum ? p.enum.map(lit).join(' | ') : 'string';
}

/** A literal argument value. */
export const valueCode = (v: IRParamValue): string => (typeof v === 'number' ? num(v) : typeof v === 'string' ? lit(v) : String(v));

/** The code of a nested use's argument: its formula, its literal, or the parameter's default. */
export function nestedArgCode(p: IRBlockDef['params'][number], given: unknown): string {
  const raw = (given ?? {}) as Record<string, unknown>;
  const v = Object.prototype.hasOwnProperty.call(raw, p.name) ? raw[p.name] : p.default;
  if (isExpression(v)) return formula(v, access)!;
  return valueCode(v as IRParamValue);
}

/** The file a definition comes from, for its comment. */
export const defFile = (def: IRBlockDef): string => path.basename(def.file);
