#!/usr/bin/env node
// netspec's command line: the only place that exits. Every command returns an exit code.
import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError, type IO } from './args.ts';

const HELP = `netspec: declarative neural networks for TensorFlow.js

Usage: netspec <command> [options]   (npm run <command> -- [options])

Commands:
  compile   models/*.yaml -> typed TypeScript under generated/
  summary   per-layer table: shapes, parameters, mult-adds, memory
  diff      compare model variants layer by layer (two or more)
  train     train a model on real data
  eval      top-1 / top-5 error of a trained run
  init      write a starter spec (<name>.yaml) with the schema modeline
  report    a run's HTML report: curves, architecture, options (several runs overlaid)

Each command has --help.`;

type Command = (argv: string[], io: IO) => number | Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  compile: async () => (await import('./compile.ts')).compileCommand,
  summary: async () => (await import('./summary.ts')).summaryCommand,
  diff: async () => (await import('./diff.ts')).diffCommand,
  train: async () => (await import('./train.ts')).trainCommand,
  eval: async () => (await import('./eval.ts')).evalCommand,
  export: async () => (await import('./export.ts')).exportCommand,
  init: async () => (await import('./init.ts')).initCommand,
  report: async () => (await import('./report.ts')).reportCommand,
};

export async function main(argv: string[], io: IO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(HELP);
    return name ? 0 : 1;
  }
  const load = commands[name];
  if (!load) {
    io.err(`error: unknown command \`${name}\`\n\n${HELP}`);
    return 1;
  }
  try {
    return await (await load())(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`error: ${e.message}\n(run \`npm run ${name} -- --help\` for usage)`);
      return 1;
    }
    throw e;
  }
}

// realpath: npm's bin (node_modules/.bin/netspec) is a symlink to this file.
const isEntry = process.argv[1] && realpathSync(path.resolve(process.argv[1])) === fileURLToPath(import.meta.url);
if (isEntry) {
  const io: IO = {
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
    cwd: process.cwd(),
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      // A bug in netspec, not a user's mistake: say so, with the stack for the report.
      process.stderr.write(`netspec internal error: ${(e as Error)?.stack ?? String(e)}\nPlease report this with the command you ran.\n`);
      process.exitCode = 70;
    },
  );
}
