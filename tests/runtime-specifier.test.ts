// Inside the repository `netspec/runtime` (what generated modules import) resolves to the sources
// for vitest (vitest.config.ts's alias), tsx and tsc (tsconfig.json's paths), and is the same
// module instance as a relative import: one layer registry, one set of classes.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as runtime from '../src/runtime/index.ts';
import * as layers from '../src/runtime/layers/index.ts';
import * as init from '../src/runtime/init.ts';
import { probe } from './fixtures/runtime-specifier/probe.ts';

const root = path.resolve(__dirname, '..');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);

describe('netspec/runtime inside the repository', () => {
  it('vitest: the specifier is src/runtime/index.ts, the very classes of src/runtime/layers', () => {
    const p = probe();
    expect(p.NetspecConv2D).toBe(layers.NetspecConv2D);
    expect(p.layer).toBeInstanceOf(layers.NetspecConv2D);
  });

  it('re-exports everything generated code imports: all of layers/index.ts and init.ts', () => {
    for (const [name, value] of [...Object.entries(layers), ...Object.entries(init)]) {
      expect(runtime, name).toHaveProperty(name, value);
    }
  });

  it('tsx runs a module that imports it', () => {
    const r = spawnSync(bin('tsx'), ['tests/fixtures/runtime-specifier/probe.ts', '--print'], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('probe: NetspecConv2D');
  });

  it('tsc type-checks a module that imports it', () => {
    const r = spawnSync(bin('tsc'), ['--noEmit', '-p', 'tests/fixtures/runtime-specifier/tsconfig.json'], { cwd: root, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
