// Writing generated files: atomically (src/io/write-atomic.ts, so a failed or killed run never
// leaves half a file) and only when stale (a cache of input hashes, so an unchanged
// `npm run compile` does no parsing or emitting at all). No ts-morph import here: the fast
// path must stay fast.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../io/write-atomic.ts';

export const CACHE_FILE = '.netspec-cache.json';

export interface CacheEntry {
  /** Every spec file the model was built from (its extends chain), with content hashes. */
  files: Record<string, string>;
  output: string;
  outputHash: string;
}
export interface Cache {
  compiler: string;
  entries: Record<string, CacheEntry>;
}

export const sha = (text: string | Buffer): string => crypto.createHash('sha256').update(text).digest('hex').slice(0, 16);

function hashFile(file: string): string | undefined {
  try {
    return sha(fs.readFileSync(file));
  } catch {
    return undefined;
  }
}

/** This module's folder: src/compiler in a checkout, dist/compiler in the installed package. */
const COMPILER_DIR = path.dirname(fileURLToPath(import.meta.url));

/**
 * A hash of the running compiler, the core it reads (src/ or dist/ alike: whichever is running)
 * and the schema, and of `options` (settings that change the output, such as the runtime import):
 * a new compiler or other options make every output stale.
 */
export function compilerHash(options = ''): string {
  const pkg = path.resolve(COMPILER_DIR, '..', '..');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|js|json)$/.test(e.name)) files.push(p);
    }
  };
  walk(COMPILER_DIR);
  walk(path.join(COMPILER_DIR, '..', 'model'));
  files.push(path.join(pkg, 'schema', 'model.schema.json'));
  const h = crypto.createHash('sha256');
  for (const f of files) h.update(path.relative(pkg, f)).update(fs.readFileSync(f));
  if (options) h.update('\0').update(options);
  return h.digest('hex').slice(0, 16);
}

export function readCache(outDir: string): Cache | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(outDir, CACHE_FILE), 'utf8')) as Cache;
  } catch {
    return undefined;
  }
}

/** Whether a model's output is up to date: same compiler, same inputs, output untouched. */
export function isFresh(cache: Cache | undefined, compiler: string, key: string, root: string): boolean {
  const e = cache?.entries[key];
  if (!cache || cache.compiler !== compiler || !e) return false;
  if (hashFile(path.join(root, e.output)) !== e.outputHash) return false;
  return Object.entries(e.files).every(([f, h]) => hashFile(path.join(root, f)) === h);
}

export function cacheEntry(root: string, files: string[], output: string, text: string): CacheEntry {
  const rel = (p: string) => path.relative(root, path.resolve(p)).split(path.sep).join('/');
  return {
    files: Object.fromEntries(files.map((f) => [rel(f), hashFile(f) ?? ''])),
    output: rel(output),
    outputHash: sha(text),
  };
}

/**
 * Writes `text` to `file` (src/io/write-atomic.ts), creating its folder, unless it already holds
 * exactly that text; returns whether it wrote. Throws when the write fails: a compile that cannot
 * write its output has nothing sensible to continue with.
 */
export function writeIfChanged(file: string, text: string): boolean {
  try {
    if (fs.readFileSync(file, 'utf8') === text) return false;
  } catch {
    // missing: write it
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const r = writeFileAtomic(file, text);
  if (!r.ok) throw new Error(r.error);
  return true;
}

export function writeCache(outDir: string, cache: Cache): void {
  const sorted: Cache = { compiler: cache.compiler, entries: Object.fromEntries(Object.entries(cache.entries).sort(([a], [b]) => a.localeCompare(b))) };
  writeIfChanged(path.join(outDir, CACHE_FILE), `${JSON.stringify(sorted, null, 2)}\n`);
}
