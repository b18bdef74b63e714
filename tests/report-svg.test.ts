// The architecture picture (src/report/html/): the graph built from the IR, ELK's layout through
// layoutSync (checked against elkjs' public API), and the SVG text, pinned for a small model in
// tests/fixtures/report/small.svg.
import * as path from 'node:path';
import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../src/compiler/compile.ts';
import type { ModelIR } from '../src/model/ir.ts';
import { architectureSvg } from '../src/report/html/arch-svg.ts';
import { buildGraph } from '../src/report/html/graph.ts';
import { elkGraph, layoutSync } from '../src/report/html/layout.ts';

const ROOT = path.join(import.meta.dirname, '..');
const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'report');
const irOf = (file: string): ModelIR => {
  const a = analyzeModel(path.join(ROOT, file));
  if (!a.ir) throw new Error(`${file}: ${a.diagnostics.map((d) => d.message).join('; ')}`);
  return a.ir;
};

/** The text of every <text> element, entities decoded. */
const texts = (svg: string): string[] =>
  [...svg.matchAll(/<text[^>]*>([^<]*)</g)].map((m) => m[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&'));

const small = irOf('tests/fixtures/report/small.yaml');
const alexnet = irOf('models/alexnet.yaml');

describe('the architecture graph', () => {
  it('draws AlexNet\'s grouped layers as two towers, tower i feeding tower i (the paper\'s Figure 2)', () => {
    const g = buildGraph(alexnet);
    const boxesOf = (layer: string) => g.boxes.filter((b) => b.layer === layer).map((b) => b.id);
    for (const l of ['conv2', 'conv4', 'conv5']) expect(boxesOf(l)).toEqual([`${l}#tower1`, `${l}#tower2`]);
    for (const l of ['conv1', 'conv3', 'fc6']) expect(boxesOf(l)).toEqual([l]);
    const edges = g.edges.map((e) => `${e.from} -> ${e.to}`);
    // conv4 -> conv5 stays within each GPU; conv3 (groups 1) feeds both, pool5 reads both.
    expect(edges.filter((e) => e.startsWith('conv4#'))).toEqual(['conv4#tower1 -> conv5#tower1', 'conv4#tower2 -> conv5#tower2']);
    expect(edges.filter((e) => e.endsWith('conv4#tower1') || e.endsWith('conv4#tower2'))).toEqual(['conv3 -> conv4#tower1', 'conv3 -> conv4#tower2']);
    expect(edges.filter((e) => e.endsWith('-> pool5'))).toEqual(['conv5#tower1 -> pool5', 'conv5#tower2 -> pool5']);
    // Each tower: half the filters and half of the parameters, 5·5·48·128 + 128 for conv2.
    const t = g.boxes.find((b) => b.id === 'conv2#tower1')!;
    expect(t.lines).toEqual(['conv2 [1/2]', 'Conv2D 5×5/1 g2 relu', '27×27×128 · 153.7K params']);
    expect(t.tooltip).toContain('params: 153,728');
  });

  it('does not split depthwise convolutions into towers (MobileNetV2: one box per layer)', () => {
    const ir = irOf('models/mobilenet_v2.yaml');
    const g = buildGraph(ir);
    expect(g.boxes.length).toBe(ir.nodes.length + 1);
  });

  it.each([
    ['expanded: a frame per block instance around its layers', false, ['input', 'stem', 'towers#tower1', 'towers#tower2', 'res1.conv', 'res1.add', 'left', 'right', 'join', 'pool', 'flat', 'fc'], 1],
    ['collapsed: one box per block instance', true, ['input', 'stem', 'towers#tower1', 'towers#tower2', 'block:res1', 'left', 'right', 'join', 'pool', 'flat', 'fc'], 0],
  ])('%s', (_, collapse, ids, groups) => {
    const g = buildGraph(small, { collapse });
    expect(g.boxes.map((b) => b.id)).toEqual(ids);
    expect(g.groups.length).toBe(groups);
    const incoming = (id: string) => g.edges.filter((e) => e.to === id).map((e) => e.from).sort();
    // Branches and merges: the concat reads both branches, each branch reads the block's output.
    expect(incoming('join')).toEqual(['left', 'right']);
    const blockOut = collapse ? 'block:res1' : 'res1.add';
    expect(incoming('left')).toEqual([blockOut]);
    expect(incoming('right')).toEqual([blockOut]);
    if (!collapse) expect(incoming('res1.add')).toEqual(['res1.conv', 'towers#tower1', 'towers#tower2']);
    else expect(g.boxes.find((b) => b.id === 'block:res1')!.lines).toEqual(['res1', 'block res', '16×16×8 · 584 params']);
  });

  it('collapses every ResNet-18 block instance to one box', () => {
    const ir = irOf('models/resnet18.yaml');
    const g = buildGraph(ir, { collapse: true });
    const instances = new Set(ir.nodes.flatMap((n) => (n.block ? [n.block.instance] : [])));
    expect(instances.size).toBe(8);
    expect(g.boxes.filter((b) => b.kind === 'block').map((b) => b.layer)).toEqual([...instances]);
    expect(g.boxes.length).toBe(1 + ir.nodes.filter((n) => !n.block).length + instances.size);
  });
});

describe('the layout', () => {
  it.each([['small', small], ['alexnet', alexnet]])('layoutSync gives what elkjs\' public async API gives (%s)', async (_, ir) => {
    const graph = elkGraph(buildGraph(ir));
    const viaApi = await new ELK().layout(structuredClone(graph) as Parameters<InstanceType<typeof ELK>['layout']>[0]);
    expect(JSON.parse(JSON.stringify(layoutSync(graph)))).toEqual(JSON.parse(JSON.stringify(viaApi)));
  });
});

describe('the SVG', () => {
  it('is pinned for a small model (tests/fixtures/report/small.svg)', async () => {
    await expect(architectureSvg(small)).toMatchFileSnapshot(path.join(FIXTURES, 'small.svg'));
  });

  it.each(['models/alexnet.yaml', 'models/resnet18.yaml', 'models/squeezenet1_0.yaml'])('names every layer of %s', (file) => {
    const ir = irOf(file);
    const svg = architectureSvg(ir);
    const shown = new Set(texts(svg));
    const missing = ir.nodes.map((n) => n.name).filter((name) => !shown.has(name) && !shown.has(`${name} [1/2]`));
    expect(missing).toEqual([]);
    // One box group per drawn box, every box inside the picture.
    const [, w, h] = /viewBox="0 0 (\d+) (\d+)"/.exec(svg)!.map(Number);
    const rects = [...svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" rx="4"/g)].map((m) => m.slice(1).map(Number));
    expect(rects.length).toBeGreaterThanOrEqual(ir.nodes.length + 1);
    for (const [x, y, bw, bh] of rects) {
      expect(x + bw).toBeLessThanOrEqual(w);
      expect(y + bh).toBeLessThanOrEqual(h);
    }
    // No two boxes overlap.
    const overlapping = rects.flatMap((a, i) => rects.slice(i + 1).filter((b) => a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3]));
    expect(overlapping).toEqual([]);
  });

  it('marks changed, added and removed layers for diff pictures', () => {
    const svg = architectureSvg(small, { marks: new Map([['fc', 'changed'], ['pool', 'removed']]) });
    expect(svg).toContain('class="node dense changed" data-layer="fc"');
    expect(svg).toContain('class="node maxpool removed" data-layer="pool"');
    expect(svg.match(/class="node [a-z0-9]+ (changed|added|removed)"/g)).toHaveLength(2);
  });

  it('escapes what comes from the spec', () => {
    const ir: ModelIR = { ...small, name: 'a<b>&"c"', nodes: small.nodes.map((n, i) => (i === 0 ? { ...n, name: 'x<script>alert(1)</script>' } : n)) };
    const svg = architectureSvg(ir);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('x&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).toContain('aria-label="architecture of a&lt;b&gt;&amp;&quot;c&quot;"');
  });
});
