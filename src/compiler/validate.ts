// Schema validation: ajv against schema/model.schema.json, each mistake turned into one
// Diagnostic that names the field, says what it must be and what it got, Keras style:
// "`filters` must be a positive integer no larger than 1000000; received 0".
//
// ajv reports every failed keyword; several describe one mistake (a typo is both an unknown and a
// missing field; a bad `kernel` fails each branch of its anyOf). `explain` folds them: unions are
// re-checked against the one branch that fits the value's type, the rest grouped by path.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import type { Diagnostic, Location } from '../model/diagnostic.ts';
import { diagnostic, type Code } from '../model/codes.ts';
import { closest } from './diagnostics.ts';
import { nodeAt, pathFromPointer } from './locate.ts';
import type { SourceFile } from './parse.ts';
import { precompiledChecks } from './schema-check.ts';
import { isScalar } from 'yaml';

type Path = (string | number)[];

interface JsonSchema {
  $ref?: string;
  title?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: boolean | JsonSchema;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  /** Our annotation: what a valid value is, in words, where the keywords read badly. */
  'x-expected'?: string;
  [k: string]: unknown;
}

type AjvError = ErrorObject & { parentSchema?: JsonSchema; data?: unknown };
type Err = AjvError & { path: Path };

interface Compiled {
  ajv: Ajv;
  validate: ValidateFunction;
  root: JsonSchema;
  id: string;
  /** Where each schema object sits in the root, to compile one branch of a union on its own. */
  pointers: Map<object, string>;
}

export const SCHEMA_URL = new URL('../../schema/model.schema.json', import.meta.url);

let compiled: Compiled | undefined;

/** Compiled once, on first use. */
function compiler(): Compiled {
  if (compiled) return compiled;
  const root = JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as JsonSchema;
  // strictRequired is off because `required` inside if/oneOf names properties declared beside
  // them, which ajv cannot see; tests/schema.test.ts checks every required name instead.
  // Loaded here, not at import: a valid spec never needs ajv (schema-check.ts), and ajv's 60-odd
  // CommonJS files were a tenth of `summary`'s start-up.
  const { Ajv: AjvClass } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
  const ajv = new AjvClass({ allErrors: true, strict: true, strictRequired: false, discriminator: true, verbose: true });
  ajv.addKeyword({ keyword: 'x-expected', schemaType: 'string' });
  const validate = ajv.compile(root);
  const pointers = new Map<object, string>();
  const walk = (node: unknown, ptr: string) => {
    if (node === null || typeof node !== 'object') return;
    pointers.set(node, ptr);
    for (const [k, v] of Object.entries(node)) walk(v, `${ptr}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  };
  walk(root, '');
  compiled = { ajv, validate, root, id: String(root.$id), pointers };
  return compiled;
}

/** The schema as loaded (for tests and for tools that list fields). */
export function modelSchema(): JsonSchema {
  return compiler().root;
}

export function validateSchema(source: SourceFile, value: unknown): Diagnostic[] {
  // A valid spec (the usual case) never compiles the schema; an invalid one is explained by ajv.
  if (precompiledChecks(SCHEMA_URL)?.model(value)) return [];
  const c = compiler();
  if (c.validate(value)) return [];
  return explain(c, source, c.validate.errors as AjvError[], []);
}

/**
 * Checks one layer (e.g. a variant's layer after `override` merged into it) found at `path`.
 * `partial`: fields may be missing (a block's layer before its `$param` fields are filled in); the
 * caller ignores NS0203, so a layer valid but for missing fields needs no ajv.
 */
export function validateLayer(source: SourceFile, value: unknown, path: Path, opts: { partial?: boolean } = {}): Diagnostic[] {
  const checks = precompiledChecks(SCHEMA_URL);
  if (checks && (opts.partial ? checks.layerPartial(value) : checks.layer(value))) return [];
  const c = compiler();
  const validate = c.ajv.getSchema(`${c.id}#/definitions/layer`)!;
  if (validate(value)) return [];
  return explain(c, source, validate.errors as AjvError[], path);
}

// ---- folding ajv's errors into diagnostics ---------------------------------------------------------

const VALUE_KEYWORDS = new Set([
  'type', 'enum', 'const', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'pattern', 'minLength', 'maxLength', 'minItems', 'maxItems', 'format',
]);

function explain(c: Compiled, source: SourceFile, errors: AjvError[], base: Path): Diagnostic[] {
  const file = source.file;
  const all: Err[] = errors.map((e) => ({ ...e, path: [...base, ...pathFromPointer(e.instancePath)] }));
  const out: Diagnostic[] = [];
  const done = new Set<Err>();

  // Unions first, outermost first: everything under a failed anyOf came from its branches.
  for (const u of all.filter((e) => e.keyword === 'anyOf').sort((a, b) => a.path.length - b.path.length)) {
    if (done.has(u)) continue;
    for (const e of all) if (under(e.path, u.path)) done.add(e);
    out.push(...explainUnion(c, source, u));
  }
  let rest = all.filter((e) => !done.has(e));

  // A discriminated union (layer, optimizer, schedule) without a usable `type`.
  for (const e of rest.filter((e) => e.keyword === 'discriminator')) {
    const s = e.parentSchema!;
    const tags = tagValues(c, s);
    const data = e.data as Record<string, unknown>;
    const what = s.title ?? 'value';
    if ((e.params as { error: string }).error === 'mapping') {
      const tag = String(data.type);
      const near = closest(tag, tags);
      out.push(diagnostic('NS0208', `unknown ${what} type ${quote(tag)}`, at(file, [...e.path, 'type']), {
        help: near ? `did you mean \`${near}\`?` : `use one of: ${tags.join(', ')}`,
      }));
    } else if (Object.prototype.hasOwnProperty.call(data, 'type')) {
      out.push(diagnostic('NS0201', `\`type\` must be one of ${tags.map(tick).join(', ')}; received ${received(source, [...e.path, 'type'], data.type)}`, at(file, [...e.path, 'type'])));
    } else {
      out.push(diagnostic('NS0203', `missing required field \`type\` in this ${what}`, at(file, e.path), {
        help: `add \`type: <${tags.slice(0, 4).join('|')}${tags.length > 4 ? '|…' : ''}>\``,
      }));
    }
    rest = rest.filter((r) => !(r.keyword === 'required' && same(r.path, e.path) && missing(r) === 'type'));
  }

  // oneOf over `required` alone: "exactly one of these fields" (insert's after/before).
  for (const e of rest.filter((e) => e.keyword === 'oneOf' && !e.parentSchema?.discriminator)) {
    const s = e.parentSchema!;
    const keys = (s.oneOf ?? []).map((b) => (Object.keys(b).length === 1 && b.required?.length === 1 ? b.required[0] : undefined));
    if (keys.some((k) => k === undefined)) {
      out.push(valueDiagnostic(c, source, e.path, s, e.data));
      continue;
    }
    const list = keys.map(tick).join(' or ');
    const both = Array.isArray((e.params as { passingSchemas: unknown }).passingSchemas);
    out.push(
      both
        ? diagnostic('NS0211', `${article(s.title ?? 'mapping')} takes exactly one of ${list}, not both`, at(file, e.path), { help: `remove one of them` })
        : diagnostic('NS0211', `${article(s.title ?? 'mapping')} needs ${list}`, at(file, e.path), { help: `add ${keys.map((k) => `\`${k}: ${placeholder(c, s.properties?.[k as string])}\``).join(' or ')}` }),
    );
    rest = rest.filter((r) => !(r.keyword === 'required' && same(r.path, e.path) && keys.includes(missing(r))));
  }

  // propertyNames: the key itself is the value that failed; drop the inner pattern error.
  for (const e of rest.filter((e) => e.keyword === 'propertyNames')) {
    const name = String((e.params as { propertyName: string }).propertyName);
    const names = e.parentSchema!.propertyNames as JsonSchema;
    const suggestion = suggestName(deref(c, names), name);
    out.push(diagnostic('NS0206', `invalid layer name ${quote(name)} in \`${label(e.path)}\`: it must be ${describe(c, names)}`, { file, path: [...e.path, name], key: true }, {
      help: suggestion ? `use a name such as \`${suggestion}\`` : undefined,
    }));
  }
  rest = rest.filter((e) => e.keyword !== 'propertyNames' && (e as { propertyName?: string }).propertyName === undefined);

  // Missing fields and unknown fields, per mapping; a typo is both, and reported once.
  const byPath = new Map<string, Err[]>();
  for (const e of rest) {
    const k = JSON.stringify(e.path);
    byPath.set(k, [...(byPath.get(k) ?? []), e]);
  }
  for (const errs of byPath.values()) {
    const path = errs[0].path;
    const unknown = errs.filter((e) => e.keyword === 'additionalProperties');
    let required = errs.filter((e) => e.keyword === 'required');
    for (const e of unknown) {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      const s = e.parentSchema!;
      const missingKeys = required.map(missing);
      const near = closest(key, missingKeys) ?? closest(key, Object.keys(s.properties ?? {}));
      if (near && missingKeys.includes(near)) required = required.filter((r) => missing(r) !== near);
      const where = s.title === 'model' || path.length === 0 ? 'at the top level' : `in this ${s.title ?? 'mapping'}`;
      out.push(diagnostic('NS0202', `unknown field ${quote(key)} ${where}`, { file, path: [...path, key], key: true }, {
        help: near ? `did you mean \`${near}\`?` : (belongsUnder(c, s, key) ?? `${article(s.title ?? 'mapping')} takes: ${Object.keys(s.properties ?? {}).join(', ')}`),
      }));
    }
    if (required.length > 0) out.push(missingDiagnostic(c, file, path, required));
    for (const e of errs.filter((e) => e.keyword === 'dependencies')) {
      const p = e.params as { property: string; missingProperty: string };
      const message = p.missingProperty === 'extends'
        ? `\`${p.property}\` edits a parent spec, but this spec has no \`extends\``
        : `\`${p.property}\` needs \`${p.missingProperty}\``;
      out.push(diagnostic('NS0209', message, { file, path: [...path, p.property], key: true }, {
        help: p.missingProperty === 'extends' ? 'add `extends: <parent>.yaml`, or write the layers out in `layers`' : `add \`${p.missingProperty}\``,
      }));
    }
    for (const e of errs.filter((e) => e.keyword === 'uniqueItems')) {
      const { i, j } = e.params as { i: number; j: number };
      const later = Math.max(i, j);
      out.push(diagnostic('NS0210', `${quote(String((e.data as unknown[])[later]))} is listed twice in \`${label(path)}\``, at(file, [...path, later]), { help: 'remove the repeat' }));
    }
    if (errs.some((e) => VALUE_KEYWORDS.has(e.keyword))) {
      const e = errs.find((e) => VALUE_KEYWORDS.has(e.keyword))!;
      out.push(valueDiagnostic(c, source, path, e.parentSchema!, e.data, errs.map((x) => x.keyword)));
    }
    // Keywords with nothing to add of their own: `if` (its `then` errors say it) and, for
    // discriminated unions, oneOf (the discriminator said it).
    for (const e of errs) {
      if (['if', 'oneOf', 'discriminator', 'required', 'additionalProperties', 'dependencies', 'uniqueItems', 'anyOf'].includes(e.keyword) || VALUE_KEYWORDS.has(e.keyword)) continue;
      out.push(diagnostic('NS0201', `\`${label(path)}\` ${e.message ?? 'is invalid'}`, at(file, path)));
    }
  }
  return out;
}

/** A failed anyOf: re-check against the one branch that takes the value's type, if there is one. */
function explainUnion(c: Compiled, source: SourceFile, u: Err): Diagnostic[] {
  const s = u.parentSchema!;
  const type = jsonType(u.data);
  let fits = (s.anyOf ?? []).flatMap((b, i) => (accepts(c, b, type) ? [i] : []));
  // Lists of different lengths ([h, w] or [top, bottom, left, right]): the branch of this length.
  if (fits.length > 1 && Array.isArray(u.data)) {
    const n = u.data.length;
    const ofLength = fits.filter((i) => takesLength(c, s.anyOf![i], n));
    if (ofLength.length === 1) fits = ofLength;
  }
  const ptr = c.pointers.get(s);
  if (fits.length === 1 && ptr !== undefined) {
    const branch = c.ajv.getSchema(`${c.id}#${ptr}/anyOf/${fits[0]}`);
    if (branch && !branch(u.data)) return explain(c, source, branch.errors as AjvError[], u.path);
  }
  return [valueDiagnostic(c, source, u.path, s, u.data)];
}

function valueDiagnostic(c: Compiled, source: SourceFile, path: Path, schema: JsonSchema, data: unknown, keywords: string[] = ['type']): Diagnostic {
  const s = deref(c, schema);
  const code: Code = keywords.includes('type') ? 'NS0201'
    : keywords.some((k) => k === 'enum' || k === 'const') ? 'NS0204'
    : keywords.includes('pattern') ? 'NS0206'
    : keywords.some((k) => k === 'minItems' || k === 'maxItems') ? 'NS0207'
    : 'NS0205';
  let help: string | undefined;
  if (s.enum && typeof data === 'string') {
    const near = closest(data, s.enum.map(String));
    if (near) help = `did you mean \`${near}\`?`;
  } else if (s.pattern && typeof data === 'string') {
    const suggestion = suggestName(s, data);
    if (suggestion) help = `use ${s.pattern === '\\.ya?ml$' ? 'a path such as' : 'a name such as'} \`${suggestion}\``;
  } else if (typeof data === 'number' && Number.isFinite(data) && !Number.isInteger(data) && accepts(c, s, 'integer') && !accepts(c, s, 'number')) {
    help = 'use a whole number';
  }
  const message = `\`${label(path)}\` must be ${describe(c, s)}; received ${received(source, path, data)}`;
  return diagnostic(code, message, at(source.file, path), { help });
}

function missingDiagnostic(c: Compiled, file: string, path: Path, required: Err[]): Diagnostic {
  const s = required[0].parentSchema!;
  const keys = required.map(missing);
  const atRoot = path.length === 0;
  const where = atRoot ? '' : ` in this ${s.title ?? 'mapping'}`;
  const fields = keys.length === 1 ? `field \`${keys[0]}\`` : `fields ${keys.map(tick).join(', ').replace(/, ([^,]*)$/, ' and $1')}`;
  const adds = keys.map((k) => `\`${k}: ${placeholder(c, s.properties?.[k] ?? parentProperty(c, required[0], k))}\``).join(', ');
  // A base model must have input and layers (schema `then`); a variant inherits them.
  const variant = atRoot && required.some((e) => e.schemaPath.startsWith('#/then')) ? ', or `extends: <parent>.yaml` to make this a variant' : '';
  // The root mapping has no useful span to underline: report it on the file.
  const location: Location = atRoot ? { file } : { file, path };
  return diagnostic('NS0203', `missing required ${fields}${where}`, location, { help: `add ${adds}${variant}` });
}

/** For `required` in an if/then, the property is declared on the schema the `then` belongs to. */
function parentProperty(c: Compiled, e: Err, key: string): JsonSchema | undefined {
  return e.schemaPath.startsWith('#/then') ? c.root.properties?.[key] : undefined;
}

// ---- describing schemas and values ------------------------------------------------------------------

function deref(c: Compiled, s: JsonSchema | undefined): JsonSchema {
  let cur = s ?? {};
  for (let i = 0; i < 16 && cur.$ref; i++) {
    const ptr = cur.$ref.replace(/^[^#]*#/, '');
    let next: unknown = c.root;
    for (const seg of ptr.split('/').slice(1)) next = (next as Record<string, unknown>)?.[seg.replace(/~1/g, '/').replace(/~0/g, '~')];
    // Keep the referring schema's annotations (description, x-expected) over the target's.
    cur = { ...(next as JsonSchema), ...Object.fromEntries(Object.entries(cur).filter(([k]) => k !== '$ref')) };
  }
  return cur;
}

/** What a valid value is, in words: "a positive integer no larger than 4096". */
function describe(c: Compiled, schema: JsonSchema | undefined): string {
  const s = deref(c, schema);
  if (s['x-expected']) return s['x-expected'];
  if (s.anyOf) return orList(s.anyOf.map((b) => describe(c, b)));
  if (s.enum) return s.enum.length === 1 ? tick(s.enum[0]) : `one of ${orList(s.enum.map(tick))}`;
  if (s.const !== undefined) return tick(s.const);
  switch (typeType(s)) {
    case 'integer': {
      const lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : undefined);
      const hi = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : undefined);
      const base = lo === 1 ? 'a positive integer' : lo === 0 ? 'a non-negative integer' : undefined;
      if (base) return hi === undefined ? base : `${base} no larger than ${hi}`;
      if (lo !== undefined && hi !== undefined) return `an integer from ${lo} to ${hi}`;
      return lo !== undefined ? `an integer of at least ${lo}` : hi !== undefined ? `an integer no larger than ${hi}` : 'an integer';
    }
    case 'number': {
      const lo = s.minimum ?? s.exclusiveMinimum;
      const hi = s.maximum ?? s.exclusiveMaximum;
      const open = s.minimum === undefined;
      if (lo !== undefined && hi !== undefined) {
        return `a number in ${open ? '(' : '['}${lo}, ${hi}${s.maximum === undefined ? ')' : ']'}`;
      }
      if (lo === 0) return open ? 'a positive number' : 'a non-negative number';
      if (lo !== undefined) return `a number ${open ? 'greater than' : 'of at least'} ${lo}`;
      if (hi !== undefined) return `a number ${s.maximum === undefined ? 'less than' : 'no larger than'} ${hi}`;
      return 'a number';
    }
    case 'boolean':
      return '`true` or `false`';
    case 'string': {
      if (s.pattern) return `a string matching \`${s.pattern}\``;
      const len = s.maxLength !== undefined ? ` of at most ${s.maxLength} characters` : '';
      return `${s.minLength ? 'a non-empty string' : 'a string'}${len}`;
    }
    case 'array': {
      const { minItems: lo, maxItems: hi } = s;
      const n = lo !== undefined && lo === hi ? `${lo}` : lo && hi !== undefined ? `${lo} to ${hi}` : lo ? `at least ${lo}` : hi !== undefined ? `at most ${hi}` : '';
      const items = s.items ? `, each ${describe(c, s.items)}` : '';
      return `a list of ${n ? `${n} ` : ''}${lo === 1 && hi === 1 ? 'item' : 'items'}${items}`;
    }
    case 'object':
      return 'a mapping';
    default:
      return 'a valid value';
  }
}

const typeType = (s: JsonSchema): string | undefined => (Array.isArray(s.type) ? s.type[0] : s.type);

/** The value as the user wrote it: `1e308`, `.nan`, `"abc"`, `a list of 3 items`. */
function received(source: SourceFile, path: Path, data: unknown): string {
  if (Array.isArray(data)) return `a list of ${data.length} item${data.length === 1 ? '' : 's'}`;
  if (data !== null && typeof data === 'object') return 'a mapping';
  if (typeof data === 'string') return quote(data);
  const { node, depth } = nodeAt(source, path);
  if (depth === path.length && isScalar(node) && node.range) {
    const written = source.text.slice(node.range[0], node.range[1]).trim();
    if (data === null && written === '') return 'an empty value';
    if (written !== '') return clip(written);
  }
  return data === null ? 'null' : clip(String(data));
}

/** A placeholder for "add `field: …`": `<integer>`, `<relu|tanh|…>`, `{ shape: […] }`. */
function placeholder(c: Compiled, schema: JsonSchema | undefined, depth = 0): string {
  const s = deref(c, schema);
  if (s.enum) return `<${s.enum.slice(0, 4).join('|')}${s.enum.length > 4 ? '|…' : ''}>`;
  if (s.const !== undefined) return String(s.const);
  if (s.anyOf) return `<${orList(s.anyOf.map((b) => placeholder(c, b, depth + 1)).filter((p) => p.startsWith('<')).map((p) => p.slice(1, -1))) || 'value'}>`;
  switch (typeType(s)) {
    case 'integer': return '<integer>';
    case 'number': return '<number>';
    case 'boolean': return '<true|false>';
    case 'string': return s.pattern?.includes('A-Za-z_') ? '<name>' : '<text>';
    case 'array': return '[…]';
    case 'object':
      if (depth === 0 && s.required?.length) return `{ ${s.required.map((k) => `${k}: ${placeholder(c, s.properties?.[k], depth + 1)}`).join(', ')} }`;
      return '{ … }';
    default: return '<value>';
  }
}

/** The tag values of a discriminated union, e.g. every layer type. */
function tagValues(c: Compiled, s: JsonSchema): string[] {
  const prop = (s.discriminator as { propertyName: string }).propertyName;
  return (s.oneOf ?? []).flatMap((b) => {
    const t = deref(c, b).properties?.[prop];
    return t?.const !== undefined ? [String(t.const)] : (t?.enum ?? []).map(String);
  });
}

/** "`epochs` belongs under `train:`" when the unknown key is a field of a child mapping. */
function belongsUnder(c: Compiled, s: JsonSchema, key: string): string | undefined {
  for (const [name, child] of Object.entries(s.properties ?? {})) {
    const d = deref(c, child);
    if (d.properties && Object.prototype.hasOwnProperty.call(d.properties, key)) return `\`${key}\` belongs under \`${name}:\``;
  }
  return undefined;
}

/** A valid name close to `bad` (bad characters → `_`), if the schema's pattern takes it. */
function suggestName(s: JsonSchema, bad: string): string | undefined {
  if (!s.pattern) return undefined;
  const re = new RegExp(s.pattern, 'u');
  if (s.pattern === '\\.ya?ml$') {
    const path = `${bad.replace(/\.[A-Za-z0-9]*$/, '')}.yaml`;
    return re.test(path) ? path : undefined;
  }
  let name = bad.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  if (name === '') return undefined;
  if (/^\d/.test(name)) name = `layer_${name}`;
  name = name.slice(0, 64);
  if (!re.test(name)) name = `${name.slice(0, 62)}_1`;
  return re.test(name) ? name : undefined;
}

/** Whether a union branch could take a value of this JSON type (so its errors are the relevant ones). */
function accepts(c: Compiled, branch: JsonSchema, type: string): boolean {
  const s = deref(c, branch);
  if (s.anyOf) return s.anyOf.some((b) => accepts(c, b, type));
  if (s.enum) return s.enum.some((v) => jsonType(v) === type);
  if (s.const !== undefined) return jsonType(s.const) === type;
  if (s.type === undefined) return true;
  const types = Array.isArray(s.type) ? s.type : [s.type];
  return types.includes(type) || (type === 'integer' && types.includes('number'));
}

/** Whether a union branch could take a list of n items (its minItems and maxItems allow n). */
function takesLength(c: Compiled, branch: JsonSchema, n: number): boolean {
  const s = deref(c, branch);
  if (s.anyOf) return s.anyOf.some((b) => accepts(c, b, 'array') && takesLength(c, b, n));
  return (s.minItems ?? 0) <= n && n <= (s.maxItems ?? Infinity);
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

// ---- small helpers ---------------------------------------------------------------------------------

/** The field as the user sees it: `filters`, `kernel[1]`, `layers[3]`. */
function label(path: Path): string {
  let i = path.length;
  while (i > 0 && typeof path[i - 1] === 'number') i--;
  const head = i > 0 ? String(path[i - 1]) : 'document';
  return head + path.slice(i).map((n) => `[${n}]`).join('');
}

const at = (file: string, path: Path): Location => ({ file, path });
const under = (p: Path, q: Path): boolean => p.length >= q.length && q.every((s, i) => String(p[i]) === String(s));
const same = (p: Path, q: Path): boolean => p.length === q.length && under(p, q);
const missing = (e: Err): string => String((e.params as { missingProperty: string }).missingProperty);
const tick = (v: unknown): string => `\`${String(v)}\``;
const clip = (s: string): string => (s.length > 40 ? `${s.slice(0, 40)}…` : s);
/** User text in a message: JSON-quoted so newlines and quotes stay visible and on one line. */
const quote = (s: string): string => (/^[\w.\-/ ]*$/.test(s) && s.length <= 40 ? `\`${s}\`` : clip(JSON.stringify(s)));
const article = (noun: string): string => `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;

function orList(items: string[]): string {
  const u = [...new Set(items)];
  return u.length <= 1 ? (u[0] ?? '') : `${u.slice(0, -1).join(', ')} or ${u[u.length - 1]}`;
}
