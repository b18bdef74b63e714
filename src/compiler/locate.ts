// Location → line and column. A Location holds either a character range or a path into the
// YAML document; paths are resolved here, at render time, so phases never handle offsets.
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Node as YamlNode, Pair } from 'yaml';
import type { Location } from '../model/diagnostic.ts';
import type { SourceFile } from './parse.ts';

export interface Located {
  /** 1-based. */
  line: number;
  col: number;
  endLine: number;
  endCol: number;
  /** [start, end) character offsets into the text. */
  range: [number, number];
}

export interface NodeAt {
  /** The node at the path, or at the deepest prefix of it that exists. */
  node: YamlNode | null;
  /** The map entry holding `node`, when the last step found was a key. */
  pair?: Pair;
  /** How many path segments were found (path.length when all of them). */
  depth: number;
}

/** Walks the document along `path`; map keys compare as strings, so 0 and '0' both match `0:`. */
export function nodeAt(source: SourceFile, path: readonly (string | number)[]): NodeAt {
  let node = source.doc.contents as YamlNode | null;
  let pair: Pair | undefined;
  for (let i = 0; i < path.length; i++) {
    // An alias stands for its anchor's node: walk on inside that.
    const here = isAlias(node) ? ((node.resolve(source.doc) as YamlNode | undefined) ?? null) : node;
    const seg = path[i];
    if (isMap(here)) {
      const p = here.items.find((it) => isScalar(it.key) && String(it.key.value) === String(seg));
      if (!p) return { node, pair, depth: i };
      pair = p as Pair;
      node = (p.value as YamlNode | null) ?? null;
    } else if (isSeq(here)) {
      const idx = typeof seg === 'number' ? seg : /^\d+$/.test(seg) ? Number(seg) : -1;
      const item = here.items[idx] as YamlNode | undefined;
      if (idx < 0 || item === undefined) return { node, pair, depth: i };
      pair = undefined;
      node = item;
    } else {
      return { node, pair, depth: i };
    }
  }
  return { node, pair, depth: path.length };
}

export function locate(source: SourceFile, loc: Location): Located | undefined {
  const range = loc.range ?? (loc.path ? pathRange(source, loc.path, loc.key ?? false) : undefined);
  if (!range) return undefined;
  const start = source.lineCounter.linePos(range[0]);
  const end = source.lineCounter.linePos(range[1]);
  return { line: start.line, col: start.col, endLine: end.line, endCol: end.col, range };
}

function pathRange(source: SourceFile, path: readonly (string | number)[], key: boolean): [number, number] {
  const { node, pair, depth } = nodeAt(source, path);
  const complete = depth === path.length;
  // The key when asked for (unknown field), or when the value is empty (`filters:` and nothing).
  const empty = !node?.range || (isScalar(node) && node.value === null && node.range[0] === node.range[1]);
  if (complete && pair && isPair(pair) && (key || empty)) {
    const k = pair.key as YamlNode | null;
    if (k?.range) return [k.range[0], k.range[1]];
  }
  if (node?.range) return [node.range[0], node.range[1]];
  return [0, 0];
}

/** An ajv instancePath ('/layers/3/a~1b') as a path: segments unescaped, indices as numbers. */
export function pathFromPointer(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
}
