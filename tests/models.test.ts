// The numbers users check, against independent references: the paper's and torchvision's
// parameter counts, the seed note's printed PaddlePaddle summary, and hand-computed mult-adds.
import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../src/compiler/compile.ts';
import { summarize } from '../src/model/summary.ts';
import { diffSummaries } from '../src/compiler/diff.ts';

const load = (file: string) => {
  const a = analyzeModel(file);
  expect(a.diagnostics).toEqual([]);
  return a.ir!;
};

describe('parameter totals (issue table; torchvision reports 61,100,840 for its AlexNet)', () => {
  it.each([
    ['models/alexnet.yaml', 60_965_224],
    ['models/alexnet-single-tower.yaml', 62_378_344],
    ['models/alexnet-seed.yaml', 62_378_344],
    ['models/alexnet-torchvision.yaml', 61_100_840],
  ])('%s has %i parameters', (file, params) => {
    expect(summarize(load(file)).totalParams).toBe(params);
  });
});

describe('the paper\'s AlexNet, layer by layer (Krizhevsky et al. 2012, Figure 2 and §3.5)', () => {
  // Output shapes of the paper with a 227 input (the paper's text says 224; 227 makes 55x55 work).
  const expected: [string, number[], number][] = [
    ['conv1', [55, 55, 96], 11 * 11 * 3 * 96 + 96],
    ['norm1', [55, 55, 96], 0],
    ['pool1', [27, 27, 96], 0],
    ['conv2', [27, 27, 256], 5 * 5 * 48 * 256 + 256],
    ['norm2', [27, 27, 256], 0],
    ['pool2', [13, 13, 256], 0],
    ['conv3', [13, 13, 384], 3 * 3 * 256 * 384 + 384],
    ['conv4', [13, 13, 384], 3 * 3 * 192 * 384 + 384],
    ['conv5', [13, 13, 256], 3 * 3 * 192 * 256 + 256],
    ['pool5', [6, 6, 256], 0],
    ['flatten', [9216], 0],
    ['fc6', [4096], 9216 * 4096 + 4096],
    ['drop6', [4096], 0],
    ['fc7', [4096], 4096 * 4096 + 4096],
    ['drop7', [4096], 0],
    ['fc8', [1000], 4096 * 1000 + 1000],
  ];
  it('has the paper\'s layers, shapes and weights', () => {
    const ir = load('models/alexnet.yaml');
    expect(ir.nodes.map((n) => [n.name, n.outputShape, n.params])).toEqual(expected);
  });
});

describe('alexnet-seed reproduces the seed note\'s PaddlePaddle summary', () => {
  // Rows of the printed table whose shapes are meaningful (Paddle prints a reused ReLU/Dropout module once).
  const rows = fs.readFileSync('tests/fixtures/reference/seed-paddle-summary.txt', 'utf8').split('\n')
    .map((l) => /^(Conv2D|MaxPool2D|Linear|Flatten|LocalResponseNorm)-\d+ \[\[.*?\]\] \[(.*?)\] ([\d,]+)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => {
      const nchw = m[2].split(', ').map(Number).slice(1);
      const hwc = nchw.length === 3 ? [nchw[1], nchw[2], nchw[0]] : nchw;
      const type = { Conv2D: 'Conv2D', MaxPool2D: 'MaxPool2D', Linear: 'Dense', Flatten: 'Flatten', LocalResponseNorm: 'LocalResponseNorm' }[m[1]]!;
      return { type, outputShape: hwc, params: Number(m[3].replace(/,/g, '')) };
    });
  const printed = fs.readFileSync('tests/fixtures/reference/seed-paddle-summary.txt', 'utf8');
  const mb = (label: string) => Number(new RegExp(`${label} \\(MB\\): ([\\d.]+)`).exec(printed)![1]);

  it('matches each printed conv, pool, LRN, flatten and linear row in order', () => {
    expect(rows.length).toBe(13);
    const s = summarize(load('models/alexnet-seed.yaml'), 64);
    const ours = s.layers.filter((l) => rows.some((r) => r.type === l.type))
      .map((l) => ({ type: l.type, outputShape: l.outputShape, params: l.params }));
    expect(ours).toEqual(rows);
  });
  it('matches the printed totals and the input and params sizes at batch 64', () => {
    const s = summarize(load('models/alexnet-seed.yaml'), 64);
    expect(s.totalParams).toBe(Number(/Total params: ([\d,]+)/.exec(printed)![1].replace(/,/g, '')));
    expect(s.memory.inputMB.toFixed(2)).toBe(mb('Input size').toFixed(2));
    expect(s.memory.paramsMB.toFixed(2)).toBe(mb('Params size').toFixed(2));
  });
});

describe('mult-adds', () => {
  it('torchvision AlexNet: 0.714 G (torchvision reports 0.714 GFLOPs, one multiply-add as one)', () => {
    const s = summarize(load('models/alexnet-torchvision.yaml'));
    // conv1..5 and fc6..8 by hand: out_h*out_w*filters*k*k*cin, and in*out.
    const byHand = 55 * 55 * 64 * 11 * 11 * 3 + 27 * 27 * 192 * 5 * 5 * 64 + 13 * 13 * 384 * 3 * 3 * 192 +
      13 * 13 * 256 * 3 * 3 * 384 + 13 * 13 * 256 * 3 * 3 * 256 + 9216 * 4096 + 4096 * 4096 + 4096 * 1000;
    expect(s.multAdds).toBe(byHand);
    expect((s.multAdds / 1e9).toFixed(3)).toBe('0.714');
  });
  it('grouped convolutions halve their layers\' mult-adds and weights', () => {
    const d = diffSummaries(summarize(load('models/alexnet-single-tower.yaml')), summarize(load('models/alexnet.yaml')));
    for (const name of ['conv2', 'conv4', 'conv5']) {
      const row = d.rows.find((r) => r.name === name)!;
      expect(row.right!.multAdds * 2).toBe(row.left!.multAdds);
      expect((row.right!.params - row.right!.outputShape[2]) * 2).toBe(row.left!.params - row.left!.outputShape[2]);
    }
    expect(d.totals.paramsDelta).toBe(60_965_224 - 62_378_344);
    expect(d.rows.filter((r) => r.status !== 'same').map((r) => r.name)).toEqual(['conv2', 'conv4', 'conv5']);
  });
});
