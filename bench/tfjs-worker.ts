// Child process of run.ts: measures one model on one tfjs backend and prints the result as the
// last stdout line, after RESULT_MARK (tfjs and the backends may print their own lines first).
//
//   node --import tsx bench/tfjs-worker.ts '<TfjsRequest as JSON>'
import { measureTfjs, RESULT_MARK, type TfjsRequest } from './tfjs-measure.ts';

const result = await measureTfjs(JSON.parse(process.argv[2]) as TfjsRequest);
process.stdout.write(`\n${RESULT_MARK}${JSON.stringify(result)}\n`);
