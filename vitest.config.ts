import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `netspec` and `netspec/runtime` (what generated modules import) are the sources here, as
// tsconfig.json's paths say for tsc and tsx.
const source = (file: string) => fileURLToPath(new URL(file, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^netspec$/, replacement: source('./src/index.ts') },
      { find: /^netspec\/runtime$/, replacement: source('./src/runtime/index.ts') },
    ],
  },
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: run files in parallel but not more than the machine has.
    maxWorkers: 2,
  },
});
