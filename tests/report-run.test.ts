// Run reports without a browser: damaged run folders (issue 13, item 5) still give a page that
// shows what exists and says what is missing, the 2 MB bound for a 90-epoch run, metrics.jsonl
// parsing, the trainer's per-epoch hook and the report command.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { readMetricsText } from '../src/report/html/metrics-read.ts';
import { readRunFolder } from '../src/report/html/run-folder.ts';
import { runReportHtml } from '../src/report/html/run-page.ts';
import { logsStep, logSteps, readStepsText, thin } from '../src/report/html/steps.ts';
import { writeEpochReport, writeRunReport } from '../src/report/html/write.ts';
import { startRun } from '../src/runtime/train/run.ts';
import { haveFashion, quietIO, tinyConfig, tinyModel } from './train-helpers.ts';

const ROOT = path.join(import.meta.dirname, '..');
const FIXTURE_RUN = path.join(import.meta.dirname, 'fixtures', 'report', 'run');
const NOW = new Date('2026-11-30T12:00:00Z');
let tmp = '';
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'netspec-report-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let runCount = 0;
/** A copy of the fixture run (5 epochs of a small model) with `damage` applied. */
function runFolder(damage: (dir: string) => void = () => {}): string {
  const dir = path.join(tmp, `run${++runCount}`);
  fs.cpSync(FIXTURE_RUN, dir, { recursive: true });
  fs.mkdirSync(path.join(dir, 'checkpoints'));
  fs.writeFileSync(path.join(dir, 'checkpoints', 'ckpt-000000500.nsckpt'), Buffer.alloc(2048));
  damage(dir);
  return dir;
}
const edit = (file: string, f: (text: string) => string) => (dir: string) => fs.writeFileSync(path.join(dir, file), f(fs.readFileSync(path.join(dir, file), 'utf8')));
const remove = (file: string) => (dir: string) => fs.rmSync(path.join(dir, file));
/** Plotted points of one metric of run 0. */
const points = (html: string, key: string) => html.match(new RegExp(`<circle class="pt[^"]*" data-run="0" data-key="${key}"`, 'g'))?.length ?? 0;

describe('a damaged run folder still gets its report', () => {
  it.each<[string, (dir: string) => void, string[], { trainLoss: number; architecture: boolean; text?: string }]>([
    ['an intact run', () => {}, [], { trainLoss: 5, architecture: true }],
    ['a truncated last line (killed while appending)', edit('metrics.jsonl', (t) => t.slice(0, -40)), ['NS0603'], { trainLoss: 4, architecture: true, text: 'the last line (5) is incomplete' }],
    ['no epoch finished yet', edit('metrics.jsonl', () => ''), ['NS0605'], { trainLoss: 0, architecture: true, text: 'No epoch has finished yet' }],
    ['NaN and Infinity written as bare tokens', edit('metrics.jsonl', (t) => t.replace('"trainLoss":0.5196', '"trainLoss":NaN').replace('"valLoss":0.5155', '"valLoss":-Infinity')),
      ['NS0604'], { trainLoss: 4, architecture: true, text: 'epoch 3 has values that are not finite numbers: trainLoss NaN, valLoss -Infinity' }],
    ['a line that is not an epoch record', edit('metrics.jsonl', (t) => t.replace(/^.*"epoch":2,.*$/m, '[1, 2, 3]')), ['NS0603'], { trainLoss: 4, architecture: true, text: 'line 2 is not an epoch record' }],
    ['binary garbage in metrics.jsonl', (dir) => fs.writeFileSync(path.join(dir, 'metrics.jsonl'), Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x0a])), ['NS0603', 'NS0605'], { trainLoss: 0, architecture: true }],
    ['no metrics.jsonl', remove('metrics.jsonl'), ['NS0602', ], { trainLoss: 0, architecture: true, text: 'metrics.jsonl is missing' }],
    ['no spec', remove('spec.yaml'), ['NS0606'], { trainLoss: 5, architecture: false, text: 'spec.yaml is missing' }],
    ['a spec with errors', edit('spec.yaml', (t) => t.replace('groups: 2', 'groups: 3')), ['NS0606'], { trainLoss: 5, architecture: false, text: 'NS0302' }],
    ['no config.json', remove('config.json'), ['NS0602'], { trainLoss: 5, architecture: true, text: 'config.json is missing' }],
    ['config.json not JSON', edit('config.json', (t) => t.slice(0, 30)), ['NS0602'], { trainLoss: 5, architecture: true, text: 'config.json is unreadable: not valid JSON' }],
    ['environment.json not JSON (nothing else lost)', edit('environment.json', () => '{'), [], { trainLoss: 5, architecture: true, text: 'were not recorded' }],
    ['checkpoints/ is a file', (dir) => (fs.rmSync(path.join(dir, 'checkpoints'), { recursive: true }), fs.writeFileSync(path.join(dir, 'checkpoints'), 'x')), [], { trainLoss: 5, architecture: true, text: 'No checkpoint' }],
  ])('%s', (_, damage, codes, want) => {
    const dir = runFolder(damage);
    const run = readRunFolder(dir);
    expect(run.problems.map((d) => d.code)).toEqual(codes);
    const html = runReportHtml([run], { now: NOW });
    expect(points(html, 'trainLoss')).toBe(want.trainLoss);
    expect(html.includes('class="ns-arch"') || html.includes('-arch" viewBox')).toBe(want.architecture);
    if (want.text) expect(html).toContain(want.text);
    for (const d of run.problems) expect(html).toContain(d.code);
    // What was readable is still there: the epochs table and the options.
    if (want.trainLoss) expect(html).toContain('Every epoch');
  });

  it('reads a variant\'s parent from spec-parents/', () => {
    const dir = runFolder((d) => {
      fs.copyFileSync(path.join(ROOT, 'models', 'alexnet-single-tower.yaml'), path.join(d, 'spec.yaml'));
      fs.mkdirSync(path.join(d, 'spec-parents'));
      fs.copyFileSync(path.join(ROOT, 'models', 'alexnet.yaml'), path.join(d, 'spec-parents', 'alexnet.yaml'));
    });
    const run = readRunFolder(dir);
    expect(run.problems).toEqual([]);
    expect(run.ir?.name).toBe('alexnet-single-tower');
    expect(run.specs.map((s) => s.file)).toEqual(['spec.yaml', 'spec-parents/alexnet.yaml']);
  });

  it('shows the spec\'s text escaped', () => {
    const dir = runFolder(edit('spec.yaml', (t) => `# </pre><script>alert(1)</script>\n${t}`));
    const html = runReportHtml([readRunFolder(dir)], { now: NOW });
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('# &lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('a folder that does not exist is an error, and nothing is written', () => {
    const out = path.join(tmp, 'nothing.html');
    const r = writeRunReport([path.join(tmp, 'no-such-run')], out, NOW);
    expect(r.ok).toBe(false);
    expect(r.problems.map((d) => [d.code, d.severity])).toEqual([['NS0601', 'error']]);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('metrics.jsonl', () => {
  it.each<[string, string, number[], string[]]>([
    ['complete lines', '{"epoch":1,"trainLoss":1}\n{"epoch":2,"trainLoss":0.5}\n', [1, 2], []],
    ['a truncated last line', '{"epoch":1,"trainLoss":1}\n{"epoch":2,"trainLo', [1], ['NS0603']],
    ['a last line without its newline, but whole', '{"epoch":1,"trainLoss":1}\n{"epoch":2,"trainLoss":0.5}', [1, 2], []],
    ['bare NaN, Infinity, -Infinity', '{"epoch":1,"trainLoss":NaN,"valLoss":Infinity,"lr":-Infinity}\n', [1], ['NS0604']],
    ['null (no validation split) is not a problem', '{"epoch":1,"trainLoss":1,"valLoss":null}\n', [1], []],
    ['a string where a number belongs', '{"epoch":1,"trainLoss":"0.5"}\n', [1], ['NS0604']],
    ['epoch 0, a fractional epoch, a missing epoch', '{"epoch":0}\n{"epoch":1.5}\n{"trainLoss":1}\n', [], ['NS0603', 'NS0603', 'NS0603']],
    ['out of order and repeated epochs: sorted, the last line wins', '{"epoch":2,"trainLoss":2}\n{"epoch":1,"trainLoss":1}\n{"epoch":2,"trainLoss":3}\n', [1, 2], []],
    ['blank lines', '\n\n{"epoch":1}\n\n', [1], []],
  ])('%s', (_, text, epochs, codes) => {
    const r = readMetricsText(text, 'metrics.jsonl');
    expect(r.epochs.map((e) => e.epoch)).toEqual(epochs);
    expect(r.problems.map((d) => d.code)).toEqual(codes);
  });

  it('never throws, whatever the file holds (fast-check)', () => {
    const token = fc.constantFrom('{', '}', '[', ']', ',', ':', '"epoch"', '"trainLoss"', '"lr"', '1', '-2.5', '1e400', 'NaN', '-Infinity', 'null', '"x"', '\n', ' ', '\u0000');
    const text = fc.oneof(fc.string(), fc.array(token, { maxLength: 60 }).map((t) => t.join('')));
    fc.assert(fc.property(text, (t) => {
      const r = readMetricsText(t, 'm');
      const epochs = r.epochs.map((e) => e.epoch);
      expect(epochs).toEqual([...new Set(epochs)].sort((a, b) => a - b));
      expect(readStepsText(t, 's').steps.every((x) => Number.isInteger(x.globalStep))).toBe(true);
    }), { numRuns: 500, seed: 13 });
  });

  it('keeps the values it could read, non-finite ones as they were written', () => {
    const r = readMetricsText('{"epoch":1,"trainLoss":NaN,"valLoss":Infinity,"lr":-Infinity,"valTop1Error":0.25}\n{"epoch":2,"trainLoss":0.5}\n', 'm');
    expect(r.epochs[0].trainLoss).toBeNaN();
    expect(r.epochs[0].valLoss).toBe(Infinity);
    expect(r.epochs[0].lr).toBe(-Infinity);
    expect(r.epochs[0].valTop1Error).toBe(0.25);
    expect(r.epochs[1].trainLoss).toBe(0.5);
  });
});

describe('steps.jsonl', () => {
  it('logs every update up to 2,000, then thins out: about 1,000 lines per doubling', () => {
    expect([1, 2, 1999, 2000, 2001, 4000, 4002, 4004, 8000, 8004, 8008].filter(logsStep)).toEqual([1, 2, 1999, 2000, 4000, 4004, 8000, 8008]);
    let lines = 0;
    for (let g = 1; g <= 900_900; g++) if (logsStep(g)) lines++;
    expect(lines).toBeGreaterThan(8000);
    expect(lines).toBeLessThan(12_000);
  });

  it.each<[string, string, number[], string[]]>([
    ['whole lines', '{"epoch":1,"step":1,"globalStep":1,"loss":2}\n{"epoch":1,"step":2,"globalStep":2,"loss":1}\n', [1, 2], []],
    ['a partial last line (killed while appending) is dropped quietly', '{"epoch":1,"step":1,"globalStep":1,"loss":2}\n{"epoch":1,"st', [1], []],
    ['a resumed run wrote some updates twice: the last wins', '{"epoch":1,"step":1,"globalStep":1,"loss":2}\n{"epoch":1,"step":2,"globalStep":2,"loss":1}\n{"epoch":1,"step":2,"globalStep":2,"loss":0.5}\n', [1, 2], []],
    ['garbage in the middle', '{"epoch":1,"step":1,"globalStep":1,"loss":2}\nxx\n[]\n{"epoch":1,"step":3,"globalStep":3,"loss":1}\n', [1, 3], ['NS0603']],
  ])('%s', (_, text, steps, codes) => {
    const r = readStepsText(text, 'steps.jsonl');
    expect(r.steps.map((x) => x.globalStep)).toEqual(steps);
    expect(r.problems.map((d) => d.code)).toEqual(codes);
    if (steps.includes(2)) expect(r.steps.find((x) => x.globalStep === 2)!.loss).toBe(text.includes('0.5') ? 0.5 : 1);
  });

  it('thins to evenly spread points, keeping the first and the last', () => {
    expect(thin([1, 2, 3], 5)).toEqual([1, 2, 3]);
    expect(thin(Array.from({ length: 101 }, (_, i) => i), 5)).toEqual([0, 25, 50, 75, 100]);
  });

  it('an append that fails is one warning, and the next hook still runs', () => {
    const warnings: string[] = [];
    const heard: number[] = [];
    const hook = logSteps(path.join(tmp, 'no', 'such', 'dir'), (l) => warnings.push(l), (s) => heard.push(s.globalStep));
    for (let g = 1; g <= 3; g++) hook({ epoch: 0, step: g, globalStep: g, loss: 1, top1Error: 0.5, imagesPerSec: 10 });
    expect(heard).toEqual([1, 2, 3]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^NS0608 could not append to .*steps\.jsonl/);
  });
});

describe('charts of any numbers', () => {
  it.each([
    ['huge', [1e308, -1e308, 5]],
    ['beyond float spacing', [1e17, 1e17 + 16, 1e17 + 32]],
    ['subnormal', [5e-324, 1e-323, 0]],
    ['one value', [0.3]],
    ['all equal', [2, 2, 2]],
    ['negative learning rates', [-1, -0.1, 0.01]],
  ])('%s values draw without throwing or hanging', (_, values) => {
    const epochs = values.map((v, i) => ({ epoch: i + 1, trainLoss: v, lr: v, imagesPerSec: v, valTop1Error: v }));
    const html = runReportHtml([{ ...readRunFolder(FIXTURE_RUN), epochs }], { now: NOW });
    // Past 1e150 a value is drawn as × at the top, as NaN is.
    const drawable = values.filter((v) => Math.abs(v) <= 1e150).length;
    expect(points(html, 'trainLoss')).toBe(drawable);
    expect(html.match(/class="nonfinite" data-run="0" data-key="trainLoss"/g)?.length ?? 0).toBe(values.length - drawable);
    expect(html).not.toMatch(/NaN"|Infinity%/);
  });
});

describe('size', () => {
  /** 90 epochs as the trainer writes them. */
  const ninety = () =>
    Array.from({ length: 90 }, (_, i) => {
      const e = i + 1;
      return JSON.stringify({ epoch: e, step: 10009 * e, trainLoss: 6.9 / Math.sqrt(e), trainTop1Error: 0.99 / Math.sqrt(e), valLoss: 6.5 / Math.sqrt(e), valTop1Error: 0.9 / Math.sqrt(e) + 0.0001 * e, valTop5Error: 0.7 / Math.sqrt(e), lr: 0.01 / 10 ** Math.floor(e / 30), images: 1281167, imagesPerSec: 900 + (e % 7) * 3.123456789, seconds: 1423.456789 });
    }).join('\n') + '\n';

  it.each([['alexnet.yaml'], ['resnet50.yaml']])('a 90-epoch run of %s stays under 2 MB', (model) => {
    const dir = runFolder((d) => {
      fs.copyFileSync(path.join(ROOT, 'models', model), path.join(d, 'spec.yaml'));
      fs.writeFileSync(path.join(d, 'metrics.jsonl'), ninety());
      // AlexNet's 90 epochs of 10,009 updates, as the trainer logs them.
      const steps: string[] = [];
      for (let g = 1; g <= 90 * 10009; g++) if (logsStep(g)) steps.push(JSON.stringify({ epoch: Math.ceil(g / 10009), step: ((g - 1) % 10009) + 1, globalStep: g, loss: 6.9 / Math.sqrt(g / 1000 + 1), top1Error: 0.99 / Math.sqrt(g / 1000 + 1), imagesPerSec: 901.2345 }));
      fs.writeFileSync(path.join(d, 'steps.jsonl'), `${steps.join('\n')}\n`);
    });
    const r = writeRunReport([dir], path.join(dir, 'report.html'), NOW);
    expect(r.problems).toEqual([]);
    const html = fs.readFileSync(path.join(dir, 'report.html'), 'utf8');
    expect(points(html, 'valTop1Error')).toBe(90);
    expect(r.bytes).toBe(Buffer.byteLength(html));
    expect(r.bytes).toBeLessThan(2 * 1024 * 1024);
  });
});

describe('a model too large to draw every layer', () => {
  const deep = (repeat: number) => `name: deep
input: { shape: [8, 8, 4] }
classes: 10
blocks:
  unit:
    params:
      w: { type: integer }
    layers:
      - { type: conv2d, name: conv, filters: $w, kernel: 3, padding: 1 }
      - { type: batchnorm, name: bn }
      - { type: activation, name: relu, activation: relu }
      - { type: add, name: add, inputs: [relu, input] }
layers:
  - { type: conv2d, name: stem, filters: 4, kernel: 1 }
  - { type: block, name: u, block: unit, args: { w: 4 }, repeat: ${repeat} }
  - { type: flatten, name: flat }
  - { type: dense, name: fc, units: 10, activation: softmax }
`;

  it.each([
    // 1,003 layers: one box per block instance (254 boxes) instead.
    [250, [], 254],
    // 2,803 layers, 704 boxes even collapsed: no drawing, said so.
    [700, ['NS0607'], 0],
  ])('%i blocks of 4 layers', (repeat, codes, boxes) => {
    const dir = runFolder((d) => fs.writeFileSync(path.join(d, 'spec.yaml'), deep(repeat)));
    const r = writeRunReport([dir], path.join(dir, 'report.html'), NOW);
    expect(r.problems.map((d) => d.code)).toEqual(codes);
    const html = fs.readFileSync(path.join(dir, 'report.html'), 'utf8');
    expect(html.match(/<g class="node /g)?.length ?? 0).toBe(boxes);
    expect(r.bytes).toBeLessThan(2 * 1024 * 1024);
  }, 60_000);
});

describe('the trainer\'s hook', () => {
  it('writes report.html and records the environment once per process', () => {
    const dir = runFolder(remove('environment.json'));
    const warnings: string[] = [];
    writeEpochReport(dir, { backend: 'cpu', tfjs: '4.22.0', epoch: 1 }, (l) => warnings.push(l), NOW);
    writeEpochReport(dir, { backend: 'cpu', tfjs: '4.22.0', epoch: 2 }, (l) => warnings.push(l), NOW);
    expect(warnings).toEqual([]);
    const env = JSON.parse(fs.readFileSync(path.join(dir, 'environment.json'), 'utf8'));
    expect(env.sessions).toHaveLength(1);
    expect(env.sessions[0]).toMatchObject({ backend: 'cpu', tfjs: '4.22.0', fromEpoch: 1, pid: process.pid, cores: os.cpus().length });
    const html = fs.readFileSync(path.join(dir, 'report.html'), 'utf8');
    expect(html).toContain('<td>cpu</td>');
    expect(fs.readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('a report it cannot write is one warning, never an exception', () => {
    const warnings: string[] = [];
    expect(() => writeEpochReport(path.join(tmp, 'gone', 'run'), { backend: 'cpu', epoch: 1 }, (l) => warnings.push(l), NOW)).not.toThrow();
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.every((w) => w.startsWith('NS0608'))).toBe(true);
  });
});

describe.skipIf(!haveFashion)('training (real Fashion-MNIST, a tiny net)', () => {
  it('rewrites report.html after every epoch, each time with that many points', async () => {
    const dir = path.join(tmp, 'trained');
    const spec = path.join(ROOT, 'tests/fixtures/report/small.yaml');
    const seen: number[] = [];
    const r = await startRun({
      dir, config: tinyConfig({ epochs: 2, stepsPerEpoch: 2, valSteps: 1 }), model: tinyModel(), io: quietIO().io,
      specs: [{ file: spec, text: fs.readFileSync(spec, 'utf8') }],
      epochReport: writeEpochReport, // as the CLI and the API pass it
      onEpoch: () => seen.push(points(fs.readFileSync(path.join(dir, 'report.html'), 'utf8'), 'valTop1Error')),
    });
    expect(r.status).toBe('completed');
    expect(seen).toEqual([1, 2]);
    // Every update of this short run is in steps.jsonl, and drawn.
    const steps = fs.readFileSync(path.join(dir, 'steps.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(steps.map((x) => [x.epoch, x.step, x.globalStep])).toEqual([[1, 1, 1], [1, 2, 2], [2, 1, 3], [2, 2, 4]]);
    expect(steps[3].loss).toBeCloseTo(r.metrics[1].trainLoss, 6);
    expect(fs.readFileSync(path.join(dir, 'report.html'), 'utf8')).toContain('data-chart="step-loss"');
    const env = JSON.parse(fs.readFileSync(path.join(dir, 'environment.json'), 'utf8'));
    expect(env.sessions.map((e: { fromEpoch: number }) => e.fromEpoch)).toEqual([1]);
    expect(readRunFolder(dir).problems).toEqual([]);
  }, 120_000);
});

describe('netspec report', () => {
  const run = (argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    return main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), cwd: tmp }).then((code) => ({ code, out: out.join('\n'), err: err.join('\n') }));
  };

  it('rebuilds <run>/report.html', async () => {
    const dir = runFolder();
    const r = await run(['report', dir]);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/^wrote .*report\.html \(\d+ KB\)$/);
    expect(fs.readFileSync(path.join(dir, 'report.html'), 'utf8')).toContain('<h1>netspec run');
  });

  it('overlays several runs into --out, and a damaged one is reported as warnings', async () => {
    const a = runFolder();
    const b = runFolder(edit('metrics.jsonl', (t) => t.slice(0, -40)));
    const r = await run(['report', a, b, '--out', 'both.html']);
    expect(r.code).toBe(0);
    expect(r.err).toContain('warning[NS0603]');
    const html = fs.readFileSync(path.join(tmp, 'both.html'), 'utf8');
    expect(html.match(/data-run="0" data-key="trainLoss"/g)).toHaveLength(5);
    expect(html.match(/data-run="1" data-key="trainLoss"/g)).toHaveLength(4);
  });

  it.each([
    [['report'], 'give a run folder'],
    [['report', 'a', 'b'], 'name it with --out FILE'],
  ])('refuses %j', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(1);
    expect(r.err).toContain(message);
  });

  it('a missing run folder exits 1 with NS0601', async () => {
    const r = await run(['report', 'no-such-run']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('error[NS0601]');
  });

  it('summary --svg writes the picture alone; diff --html the side-by-side page', async () => {
    const svg = await run(['summary', path.join(ROOT, 'tests/fixtures/report/small.yaml'), '--svg', 'small.svg']);
    expect(svg.code).toBe(0);
    expect(fs.readFileSync(path.join(tmp, 'small.svg'), 'utf8')).toBe(fs.readFileSync(path.join(ROOT, 'tests/fixtures/report/small.svg'), 'utf8'));
    const both = await run(['summary', path.join(ROOT, 'tests/fixtures/report/small.yaml'), '--svg', 'x.svg', '--json']);
    expect(both.code).toBe(1);
    expect(both.err).toContain('--svg writes a picture instead of the table: give it without --json');
    const diff = await run(['diff', path.join(ROOT, 'models/alexnet.yaml'), path.join(ROOT, 'models/alexnet-single-tower.yaml'), '--html', 'd.html']);
    expect(diff.code).toBe(0);
    const html = fs.readFileSync(path.join(tmp, 'd.html'), 'utf8');
    // The single-tower variant changes conv2, conv4, conv5 (groups 2 -> 1) and the totals.
    expect([...html.matchAll(/<tr class="changed"><td>~<\/td><td>([^<]+)</g)].map((m) => m[1])).toEqual(['conv2', 'conv4', 'conv5']);
    const three = await run(['diff', path.join(ROOT, 'models/alexnet.yaml'), path.join(ROOT, 'models/alexnet.yaml'), path.join(ROOT, 'models/alexnet.yaml'), '--html', 'x.html']);
    expect(three.code).toBe(1);
    expect(three.err).toContain('--html draws two models');
  });
});
