// Which native addon file loads: a local build (`npm run build:native`) wins; the package's
// prebuilt prebuilds/<platform>-<arch>/ binary otherwise; with neither, the message names the
// local build. Both paths are the package root's, from src/ and from dist/ alike (three up).
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADDON_PATH, PREBUILT_PATH, addonPath, tryLoad } from '../src/runtime/backends/native-addon.ts';

const root = path.resolve(__dirname, '..');

describe('native addon location', () => {
  it('both paths hang off the package root', () => {
    expect(ADDON_PATH).toBe(path.join(root, 'native', 'build', 'Release', 'netspec_native.node'));
    expect(PREBUILT_PATH).toBe(path.join(root, 'prebuilds', `${process.platform}-${process.arch}`, 'netspec_native.node'));
  });

  it.each([
    ['a local build and a prebuilt', [ADDON_PATH, PREBUILT_PATH], ADDON_PATH],
    ['only a local build', [ADDON_PATH], ADDON_PATH],
    ['only the prebuilt (an installed package)', [PREBUILT_PATH], PREBUILT_PATH],
    ['neither', [], ADDON_PATH],
  ])('%s', (_what, present, want) => {
    expect(addonPath((p) => present.includes(p))).toBe(want);
  });

  it('a missing addon says how to build it and that the package ships linux-x64 only', () => {
    const r = tryLoad('/nonexistent/netspec_native.node');
    expect(r.ok ? '' : r.why).toMatch(/linux-x64 only.*npm run build:native/);
  });
});
