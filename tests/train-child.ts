// A training process for the fault tests to kill: the real `train` command and, optionally, a
// SIGKILL to itself in the middle of the Nth checkpoint write (after the temporary file is
// complete, before the rename).
// Usage: node --import tsx tests/train-child.ts <N or 0> <train arguments...>
import { trainCommand } from '../src/cli/train.ts';

const [killAt, ...argv] = process.argv.slice(2);
let writes = 0;
const writeOptions =
  Number(killAt) > 0
    ? {
        beforeRename: () => {
          if (++writes === Number(killAt)) process.kill(process.pid, 'SIGKILL');
        },
      }
    : undefined;
const io = { out: (t: string) => process.stdout.write(`${t}\n`), err: (t: string) => process.stderr.write(`${t}\n`), cwd: process.cwd() };
process.exitCode = await trainCommand(argv, io, { writeOptions });
