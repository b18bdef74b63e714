// What CI must have, and how to say why it is missing (not a test file: vitest picks up *.test.ts only).
// CI=true turns "skipped: not installed here" into a failure; see tests/ci-requirements.test.ts.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

/** CI=true (or any value but false/0), as CI services set it and as .ci/run exports it. */
export const inCI = !!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0';

export type ImportCheck =
  | { ok: true; version: string }
  | { ok: false; reason: 'no-python' | 'missing' | 'timeout' | 'broken'; why: string };

/** What a finished `python -c 'import m'` means: the exit, the signal and stderr decide, never a guess. */
export function classifyImport(
  module: string,
  r: { status: number | null; timedOut: boolean; stdout: string; stderr: string; spawnError?: string },
  python: string,
  timeoutMs: number,
  apt: string,
): ImportCheck {
  if (r.timedOut) {
    return { ok: false, reason: 'timeout', why: `\`import ${module}\` in ${python} did not finish within ${timeoutMs / 1000} s and was stopped: it may be installed but too slow to load on this (loaded?) machine, or hung` };
  }
  if (r.spawnError) return { ok: false, reason: 'no-python', why: `cannot run ${python}: ${r.spawnError}` };
  if (r.status === 0) return { ok: true, version: r.stdout.trim() };
  const last = r.stderr.trim().split('\n').pop() ?? '';
  if (new RegExp(`ModuleNotFoundError: No module named '${module}'`).test(r.stderr)) {
    return { ok: false, reason: 'missing', why: `${module} is not installed for ${python}: apt-get install ${apt}` };
  }
  return { ok: false, reason: 'broken', why: `${module} is installed for ${python} but its import fails (exit ${r.status}): ${last}` };
}

/** Imports `module` in a fresh interpreter and prints its version; never throws. */
export function pythonImport(module: string, apt: string, python = '/usr/bin/python3', timeoutMs = 120_000): Promise<ImportCheck> {
  if (!existsSync(python)) return Promise.resolve({ ok: false, reason: 'no-python', why: `${python} not found: apt-get install python3 ${apt}` });
  return new Promise((resolve) => {
    const child = spawn(python, ['-c', `import ${module}; print(getattr(${module}, '__version__', '?'))`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '', timedOut = false, spawnError: string | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (b) => (stdout += b));
    child.stderr.on('data', (b) => (stderr += b));
    child.on('error', (e) => (spawnError = e.message));
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve(classifyImport(module, { status, timedOut, stdout, stderr, spawnError }, python, timeoutMs, apt));
    });
  });
}
