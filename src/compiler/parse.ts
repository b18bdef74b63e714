// Reading and parsing: file → text → YAML document → plain JS value, every failure a Diagnostic.
// YAML is read with the core schema only: tags never run code, and the few extra types yaml
// knows (!!set, !!binary, !!timestamp …) are refused so the value is always plain JSON data.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname } from 'node:path';
import { Alias, LineCounter, parseDocument, visit, isMap, isScalar, isSeq } from 'yaml';
import type { Document, Node as YamlNode, YAMLError } from 'yaml';
import type { Diagnostic } from '../model/diagnostic.ts';
import { diagnostic, messages, type Code } from '../model/codes.ts';
import { closest } from './diagnostics.ts';

export interface SourceFile {
  file: string;
  text: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

export interface Parsed {
  source: SourceFile;
  /** The document as plain data; undefined when parsing failed. */
  value: unknown;
  diagnostics: Diagnostic[];
}

export const MAX_SOURCE_BYTES = 10 * 1024 * 1024;
/** yaml's guard against "billion laughs": total alias expansions allowed when converting. */
export const MAX_ALIAS_COUNT = 100;

const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

const YAML_CODES: Record<string, Code> = {
  DUPLICATE_KEY: 'NS0111',
  TAB_AS_INDENT: 'NS0112',
  BAD_INDENT: 'NS0113',
  MULTIPLE_DOCS: 'NS0117',
  NON_STRING_KEY: 'NS0119',
};

function parseDoc(text: string, lineCounter: LineCounter): Document.Parsed {
  return parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    stringKeys: true,
    schema: 'core',
    merge: false,
    // 'error' (not 'silent', which hides MULTIPLE_DOCS; not 'warn', which prints to stderr).
    logLevel: 'error',
  });
}

export function parseSource(file: string, text: string): Parsed {
  const lineCounter = new LineCounter();
  if (text.length > MAX_SOURCE_BYTES) {
    const source = { file, text, doc: parseDoc('', lineCounter), lineCounter };
    return { source, value: undefined, diagnostics: [diagnostic('NS0105', messages.tooLarge(text.length, MAX_SOURCE_BYTES), { file })] };
  }
  // Refused before parsing: the parser's own limit is its stack, which differs between processes.
  const deep = nestingTooDeep(text);
  if (deep !== undefined) {
    const source = { file, text, doc: parseDoc('', lineCounter), lineCounter };
    // Unparsed, so count the lines ourselves for line:col.
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
    return {
      source,
      value: undefined,
      diagnostics: [diagnostic('NS0110', `the document nests more than ${MAX_NESTING} levels deep (a model spec needs only a few)`, { file, range: [deep, deep + 1] }, {
        help: 'remove the extra nesting; layers are a flat list of mappings',
      })],
    };
  }
  const doc = parseDoc(text, lineCounter);
  const source: SourceFile = { file, text, doc, lineCounter };
  const diagnostics = [...yamlErrors(source), ...tagErrors(source), ...aliasErrors(source)];
  if (diagnostics.length > 0) return { source, value: undefined, diagnostics };

  const contents = doc.contents;
  if (contents === null) {
    const message = text.trim() === '' ? messages.emptyFile() : messages.onlyComments();
    return { source, value: undefined, diagnostics: [diagnostic('NS0103', message, { file })] };
  }
  if (!isMap(contents)) {
    const kind = isSeq(contents) ? 'a list' : isScalar(contents) ? describeScalar(contents.value) : 'not a mapping';
    const range = contents.range ? ([contents.range[0], contents.range[1]] as [number, number]) : undefined;
    return {
      source,
      value: undefined,
      diagnostics: [diagnostic('NS0116', messages.notMapping(kind), { file, range }, { help: 'start the file with `name: <model name>` and list the `layers:`' })],
    };
  }
  const { value, diagnostics: aliasDs } = toValue(source);
  return { source, value, diagnostics: aliasDs };
}

/** Deepest nesting a spec may have: flow brackets, or block indentation counted in 2-space levels. */
export const MAX_NESTING = 64;

/**
 * The offset where nesting first passes MAX_NESTING, else undefined. A cheap scan: brackets outside
 * quotes and comments, and the indentation of each line (which also bounds block nesting).
 */
export function nestingTooDeep(text: string): number | undefined {
  let depth = 0;
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (lineStart) {
      let j = i;
      while (text[j] === ' ') j++;
      if (j - i > 2 * MAX_NESTING) return j;
      lineStart = false;
    }
    if (ch === '\n') {
      lineStart = true;
    } else if (ch === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if ((ch === '"' || ch === "'") && (i === 0 || /[\s[{,:]/.test(text[i - 1]))) {
      // A quoted scalar: skip to its end ('' and \" are escapes).
      for (i++; i < text.length; i++) {
        if (ch === '"' && text[i] === '\\') i++;
        else if (text[i] === ch && !(ch === "'" && text[i + 1] === "'")) break;
        else if (ch === "'" && text[i] === "'") i++;
      }
    } else if (ch === '[' || ch === '{') {
      if (++depth > MAX_NESTING) return i;
    } else if ((ch === ']' || ch === '}') && depth > 0) {
      depth--;
    }
  }
  return undefined;
}

export function readSource(file: string): { source?: SourceFile; value?: unknown; diagnostics: Diagnostic[] } {
  const at = { file };
  let stat;
  try {
    stat = statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return { diagnostics: [diagnostic('NS0101', messages.notFound(), at, { help: suggestSibling(file) })] };
    }
    return { diagnostics: [diagnostic('NS0106', messages.unreadable(code ?? String(e)), at)] };
  }
  if (stat.isDirectory()) {
    return { diagnostics: [diagnostic('NS0102', messages.isDirectory(), at, { help: listSpecs(file) })] };
  }
  // Devices and pipes (/dev/zero, /dev/stdin) report size 0 and may never end: read regular files only.
  if (!stat.isFile()) return { diagnostics: [diagnostic('NS0106', messages.unreadable('not a regular file'), at)] };
  if (stat.size > MAX_SOURCE_BYTES) {
    return { diagnostics: [diagnostic('NS0105', messages.tooLarge(stat.size, MAX_SOURCE_BYTES), at)] };
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    return { diagnostics: [diagnostic('NS0106', messages.unreadable((e as NodeJS.ErrnoException).code ?? String(e)), at)] };
  }
  if (bytes.length > MAX_SOURCE_BYTES) {
    return { diagnostics: [diagnostic('NS0105', messages.tooLarge(bytes.length, MAX_SOURCE_BYTES), at)] };
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const lineStart = bad === 0 ? 0 : bytes.lastIndexOf(0x0a, bad - 1) + 1;
    const line = countNewlines(bytes, lineStart) + 1;
    const col = bytes.subarray(lineStart, bad).toString('utf8').length + 1;
    return { diagnostics: [diagnostic('NS0104', messages.notUtf8(line, col, bytes[bad]), at, { help: 'save the file as UTF-8' })] };
  }
  // TextDecoder drops a leading byte-order mark, as editors expect.
  const text = new TextDecoder('utf-8').decode(bytes);
  return parseSource(file, text);
}

// ---- YAML errors -----------------------------------------------------------------------------

function yamlErrors(source: SourceFile): Diagnostic[] {
  const { file, doc } = source;
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  // Bad indentation first: yaml reports one misplaced line as several faults, none saying so.
  const faults = indentationFaults(source);
  const reported = new Set<Diagnostic>();
  for (const e of doc.errors as YAMLError[]) {
    const fault = faults.get(e.pos[0]) ?? faults.get(-source.lineCounter.linePos(e.pos[0]).line);
    if (fault) {
      if (!reported.has(fault)) out.push(fault);
      reported.add(fault);
      continue;
    }
    const key = `${e.code}@${e.pos[0]}`;
    if (seen.has(key)) continue; // yaml may report one fault several times
    seen.add(key);
    out.push(yamlError(source, e));
  }
  // Warnings: only unresolved tags matter, and tagErrors reports those with the rest.
  for (const w of doc.warnings as YAMLError[]) {
    if (w.code === 'TAG_RESOLVE_FAILED') continue;
    out.push(diagnostic('NS0110', sentence(w.message), { file, range: [w.pos[0], w.pos[1]] }, { severity: 'warning' }));
  }
  return out;
}

function yamlError(source: SourceFile, e: YAMLError): Diagnostic {
  const { file } = source;
  let range: [number, number] = [e.pos[0], Math.max(e.pos[1], e.pos[0])];
  const code = YAML_CODES[e.code] ?? 'NS0110';
  // yaml reports its own stack overflow on absurd nesting as a syntax error: say what it means.
  if (/call stack/i.test(e.message)) {
    return diagnostic(code, 'the document nests too deeply to read (a model spec needs only a few levels)', { file, range }, {
      help: 'remove the extra nesting; layers are a flat list of mappings',
    });
  }
  switch (e.code) {
    case 'DUPLICATE_KEY': {
      const dup = duplicateKeyAt(source, e.pos[0]);
      if (!dup) return diagnostic(code, sentence(e.message), { file, range });
      const first = source.lineCounter.linePos(dup.first);
      return diagnostic(code, messages.duplicateKey(dup.key), { file, range: dup.range }, {
        note: `\`${dup.key}\` is first set at line ${first.line}, column ${first.col}`,
        help: 'keep one of the two',
      });
    }
    case 'TAB_AS_INDENT':
      return diagnostic(code, messages.tabIndent(), { file, range }, { help: 'indent with spaces' });
    case 'BAD_INDENT': {
      // "Flow map … must end with a }": yaml notices at the next line; point at the opening bracket.
      const close = /end with a ([}\]])$/.exec(e.message)?.[1];
      const open = close ? openedBefore(source, e.pos[0], (n) => (isMap(n) || isSeq(n)) && n.flow === true) : undefined;
      if (close && open) {
        const what = close === '}' ? 'mapping' : 'list';
        return diagnostic('NS0110', messages.unclosed(close === '}' ? '{' : '[', close, what), { file, range: [open, open + 1] }, { help: `add \`${close}\` at the end of the ${what}` });
      }
      return diagnostic(code, messages.badIndent(sentence(e.message)), { file, range });
    }
    case 'MISSING_CHAR': {
      const quote = /closing (["'])quote/.exec(e.message)?.[1];
      const open = quote ? openedBefore(source, e.pos[0], (n) => isScalar(n) && (n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE')) : undefined;
      if (quote && open !== undefined) {
        return diagnostic('NS0110', messages.unclosed(quote, quote, 'string'), { file, range: [open, open + 1] }, { help: `add the closing \`${quote}\`` });
      }
      return diagnostic(code, sentence(e.message), { file, range });
    }
    case 'BLOCK_AS_IMPLICIT_KEY':
      return diagnostic(code, sentence(e.message), { file, range }, { help: 'quote a value that contains `: `, e.g. `"a: b"`' });
    case 'MULTIPLE_DOCS':
      return diagnostic(code, messages.multipleDocuments(), { file, range }, { help: 'remove the `---` line and what follows, or move it to its own file' });
    case 'NON_STRING_KEY':
      return diagnostic(code, messages.nonScalarKey(), { file, range });
    default:
      return diagnostic(code, sentence(e.message), { file, range });
  }
}

/** A key (or `- key`) at the start of a line: its name, after any sequence dashes. */
const LINE_KEY = /^((?:- +)*)([^\s:#'"[\]{},-][^:#]*?|"[^"]*"|'[^']*'):(?:\s|$)/;

/** Where a mapping's keys or a list's `-` start, on a line above. */
interface Level { col: number; line: number; key?: string }

/** The levels still open above line `lineNo` (1-based): each one further left than the last. */
function openLevels(lines: string[], lineNo: number): Level[] {
  const levels: Level[] = [];
  const left = () => levels.at(-1)?.col ?? Infinity;
  for (let n = lineNo - 1; n >= 1 && left() > 1; n--) {
    const content = lines[n - 1].trimStart();
    if (content === '' || content.startsWith('#')) continue;
    const indent = lines[n - 1].length - content.length;
    const dashes = /^(?:- +)*/.exec(content)![0];
    const key = LINE_KEY.exec(content);
    if (key && indent + dashes.length + 1 < left()) levels.push({ col: indent + dashes.length + 1, line: n, key: key[2] });
    for (let i = dashes.length - 1; i >= 0; i--) if (dashes[i] === '-' && indent + i + 1 < left()) levels.push({ col: indent + i + 1, line: n });
  }
  return levels;
}

/**
 * NS0113 for line `lineNo` when it starts where nothing open above it does: a key off its
 * mapping's column, a `-` off its list's. Points at the key (or the `-`) and names the columns it
 * could move to. Undefined when the line does line up (the fault is something else).
 */
function misaligned(source: SourceFile, lineNo: number): Diagnostic | undefined {
  const lines = source.text.split('\n');
  const text = lines[lineNo - 1] ?? '';
  const indent = text.length - text.trimStart().length;
  if (indent === text.length) return undefined;
  const col = indent + 1;
  const item = /^-(\s|$)/.test(text.slice(indent));
  const levels = openLevels(lines, lineNo);
  // A key lines up with keys; a list item with a list's `-`, or with the key that holds the list.
  if (levels.length === 0 || levels.some((l) => l.col === col && (item || l.key !== undefined))) return undefined;
  const same = levels.filter((l) => (l.key === undefined) === item);
  const own = LINE_KEY.exec(text.slice(indent));
  const token = item ? '-' : own && own[1] === '' ? own[2] : text.slice(indent).split(/\s/)[0];
  const start = source.lineCounter.lineStarts[lineNo - 1] + indent;
  const where = (l: Level) => `column ${l.col} beside ${l.key === undefined ? `the \`-\` on line ${l.line}` : `\`${l.key}\` (line ${l.line})`}`;
  const what = item ? `this list item starts at column ${col}, in line with no list above it` : `\`${token}\` starts at column ${col}, in line with no key above it`;
  return diagnostic('NS0113', messages.badIndent(what), { file: source.file, range: [start, start + token.length] }, {
    help: `move it to ${(same.length > 0 ? same : levels).map(where).join(' or to ')}`,
  });
}

/**
 * The yaml errors that are a misplaced line, as NS0113 diagnostics. Keyed by the error's offset,
 * and by minus the misplaced line's number so that yaml's other complaints about it go too:
 * a line between two levels ("All mapping items must start at the same column", "Sequence item
 * without - indicator", "A block sequence may not be used as an implicit map key"), or one deeper
 * than its mapping's keys, which yaml reads as a key running over two lines.
 */
function indentationFaults(source: SourceFile): Map<number, Diagnostic> {
  const out = new Map<number, Diagnostic>();
  const lines = source.text.split('\n');
  // yaml's offset can be the start of the blank or comment lines before the misplaced one.
  const lineOf = (offset: number) => {
    let n = source.lineCounter.linePos(offset).line;
    while (n < lines.length && /^\s*(#.*)?$/.test(lines[n - 1])) n++;
    return n;
  };
  for (const e of source.doc.errors as YAMLError[]) {
    let line: number | undefined;
    if (e.code === 'BAD_INDENT' && /same column/.test(e.message)) line = lineOf(e.pos[0]);
    else if (e.code === 'MISSING_CHAR' && /without - indicator/.test(e.message)) line = lineOf(e.pos[0]);
    else if (e.code === 'BLOCK_AS_IMPLICIT_KEY' && /block sequence/.test(e.message)) line = lineOf(e.pos[0]);
    else if (e.code === 'MULTILINE_IMPLICIT_KEY') {
      const nl = source.text.indexOf('\n', e.pos[0]);
      if (nl >= 0 && nl < e.pos[1]) line = lineOf(nl + 1);
    }
    const bad = line === undefined || out.has(-line) ? undefined : misaligned(source, line);
    if (!bad || line === undefined) continue;
    out.set(-line, bad);
    // The errors at the same offset (yaml's other readings of the deeper line) go with it.
    for (const f of source.doc.errors as YAMLError[]) if (f.pos[0] === e.pos[0]) out.set(f.pos[0], bad);
  }
  return out;
}

/** Start of the last node matching `pick` that ends at or before `offset` (the unclosed one). */
function openedBefore(source: SourceFile, offset: number, pick: (n: YamlNode) => boolean): number | undefined {
  let best: [number, number] | undefined;
  visit(source.doc, {
    Node(_, n) {
      const r = n.range;
      if (!r || !pick(n) || r[0] >= offset || r[1] > offset) return;
      if (!best || r[1] > best[1] || (r[1] === best[1] && r[0] > best[0])) best = [r[0], r[1]];
    },
  });
  return best?.[0];
}

/** yaml's messages are sentences; ours start lower-case, without a final full stop. */
const sentence = (m: string): string => (m.charAt(0).toLowerCase() + m.slice(1)).replace(/\.$/, '');

/** The duplicate key starting at `offset`, its full range, and where the same key was first set. */
function duplicateKeyAt(source: SourceFile, offset: number): { key: string; range: [number, number]; first: number } | undefined {
  let found: { key: string; range: [number, number]; first: number } | undefined;
  visit(source.doc, {
    Map(_, map) {
      const idx = map.items.findIndex((p) => isScalar(p.key) && p.key.range?.[0] === offset);
      if (idx < 0) return;
      const key = map.items[idx].key as YamlNode & { value: unknown };
      const name = String(key.value);
      const first = map.items.find((p) => isScalar(p.key) && String(p.key.value) === name);
      found = { key: name, range: [key.range![0], key.range![1]], first: (first!.key as YamlNode).range![0] };
      return visit.BREAK;
    },
  });
  return found;
}

// ---- tags and aliases ------------------------------------------------------------------------

function tagErrors(source: SourceFile): Diagnostic[] {
  const { file, doc, text } = source;
  const out: Diagnostic[] = [];
  visit(doc, {
    Node(_, node) {
      const tag = (node as { tag?: string }).tag;
      if (!tag || CORE_TAGS.has(tag) || !node.range) return;
      const shown = tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : tag;
      out.push(diagnostic('NS0114', messages.unsupportedTag(shown), { file, range: tagRange(text, node.range[0]) }, {
        help: 'remove the tag and write the value as plain YAML',
      }));
    },
  });
  return out;
}

/** The `!tag` token written before the node at `start` (the node's range excludes it). */
function tagRange(text: string, start: number): [number, number] {
  const from = Math.max(0, start - 300);
  let last: RegExpExecArray | null = null;
  const re = /(?<!\S)!\S*/g;
  for (let m = re.exec(text.slice(from, start)); m; m = re.exec(text.slice(from, start))) last = m;
  return last ? [from + last.index, from + last.index + last[0].length] : [start, start + 1];
}

function aliasErrors(source: SourceFile): Diagnostic[] {
  const out: Diagnostic[] = [];
  visit(source.doc, {
    Alias(_, alias) {
      if (!alias.resolve(source.doc) && alias.range) {
        out.push(diagnostic('NS0118', messages.unknownAnchor(alias.source), { file: source.file, range: [alias.range[0], alias.range[1]] }, {
          help: `define \`&${alias.source}\` on a value above this line`,
        }));
      }
    },
  });
  return out;
}

/** doc.toJS under the alias limit; when the limit trips, points at the alias that tripped it. */
function toValue(source: SourceFile): { value: unknown; diagnostics: Diagnostic[] } {
  const aliases: Alias[] = [];
  visit(source.doc, { Alias: (_, a) => void aliases.push(a) });
  let culprit: Alias | undefined;
  // Wrap each alias's conversion (own property, removed below) to learn which one threw.
  for (const a of aliases) {
    const convert = Alias.prototype.toJSON;
    a.toJSON = function (this: Alias, ...args: Parameters<Alias['toJSON']>) {
      try {
        return convert.apply(this, args);
      } catch (e) {
        culprit ??= this;
        throw e;
      }
    };
  }
  try {
    return { value: source.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), diagnostics: [] };
  } catch (e) {
    if (!(e instanceof ReferenceError)) throw e;
    const range = culprit?.range ? ([culprit.range[0], culprit.range[1]] as [number, number]) : undefined;
    return {
      value: undefined,
      diagnostics: [diagnostic('NS0115', messages.aliasExplosion(MAX_ALIAS_COUNT), { file: source.file, range }, {
        help: 'write the repeated values out, or nest fewer aliases',
      })],
    };
  } finally {
    for (const a of aliases) delete (a as Partial<Alias>).toJSON;
  }
}

// ---- helpers -----------------------------------------------------------------------------------

function describeScalar(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'number') return 'a number';
  if (typeof v === 'boolean') return 'a boolean';
  return 'a single value';
}

/** Offset of the first byte that breaks UTF-8 (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF), or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) { i++; continue; }
    let n: number, min: number;
    if (c >= 0xc2 && c <= 0xdf) { n = 1; min = 0x80; }
    else if (c >= 0xe0 && c <= 0xef) { n = 2; min = 0x800; }
    else if (c >= 0xf0 && c <= 0xf4) { n = 3; min = 0x10000; }
    else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

function countNewlines(b: Uint8Array, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (b[i] === 0x0a) n++;
  return n;
}

function suggestSibling(file: string): string | undefined {
  const dir = dirname(file);
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /\.ya?ml$/.test(n));
  } catch {
    return undefined;
  }
  const stem = (n: string) => basename(n, extname(n));
  // Same name, other extension (alexnet.yml → alexnet.yaml), else a likely typo.
  const near = names.map(stem).find((n) => n === stem(file)) ?? closest(stem(file), names.map(stem));
  if (!near) return undefined;
  const name = names.find((n) => stem(n) === near)!;
  return `did you mean \`${dir === '.' ? name : `${dir}/${name}`}\`?`;
}

function listSpecs(dir: string): string | undefined {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch {
    return undefined;
  }
  if (names.length === 0) return 'give the path of a .yaml spec file';
  const shown = names.slice(0, 5).map((n) => `\`${n}\``).join(', ');
  return `give one of the specs in it: ${shown}${names.length > 5 ? `, … (${names.length} in all)` : ''}`;
}
