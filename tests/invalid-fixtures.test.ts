// The whole pipeline (parse, schema, resolve, shapes). Every bad spec in tests/fixtures/invalid/ must be refused, with the rendered diagnostics pinned
// in <name>.expected.txt next to it (review those files: line, column and wording are the point).
// Outside CI a missing golden is written for review; under CI=true it fails, so none is accepted unread.
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../src/compiler/compile.ts';
import { renderDiagnostics } from '../src/compiler/diagnostics.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, 'tests/fixtures/invalid');
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
const inCI = !!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0';

describe('invalid fixtures', () => {
  it('has a fixture set worth the name', () => expect(fixtures.length).toBeGreaterThanOrEqual(60));

  it('has no golden without its fixture', () => {
    const orphans = readdirSync(dir).filter((f) => f.endsWith('.expected.txt') && !fixtures.includes(f.replace(/\.expected\.txt$/, '.yaml')));
    expect(orphans).toEqual([]);
  });

  it.each(fixtures)('%s', async (name) => {
    const golden = join(dir, name.replace(/\.yaml$/, '.expected.txt'));
    if (inCI) expect(existsSync(golden), `${relative(root, golden)} is missing: run the test outside CI, review the file it writes, and commit it`).toBe(true);
    const { ir, sources, diagnostics } = analyzeModel(relative(root, join(dir, name)));
    expect(ir).toBeUndefined();
    expect(diagnostics.some((d) => d.severity === 'error')).toBe(true);
    const out = renderDiagnostics(diagnostics, sources, { cwd: root });
    await expect(out).toMatchFileSnapshot(golden);
  });
});
