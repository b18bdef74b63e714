// The architecture as a drawable graph, from the IR alone (pure): one box per layer (name, type,
// output shape, parameters), an edge per input, block instances as labelled groups or, collapsed,
// as one box each, and a grouped convolution with a few groups as one box per tower (AlexNet's
// two GPUs, the paper's Figure 2). Layout and drawing are elsewhere (layout.ts, arch-svg.ts).
import type { IRLayer, IRNode, ModelIR } from '../../model/ir.ts';
import { layerKind } from '../../model/layers/index.ts';
import { compact, grouped, shapeText } from './escape.ts';

/** How a layer differs from the other model in a diff picture. */
export type Mark = 'changed' | 'added' | 'removed';

export interface GraphBox {
  /** Unique in the graph: the layer's name, `name#tower2`, or a collapsed block's instance. */
  id: string;
  /** The IR layer (or block instance, or 'input') the box draws. */
  layer: string;
  /** CSS class: the layer kind, 'input' or 'block'. */
  kind: string;
  /** Lines of text: the name first. */
  lines: [string, string, string];
  /** The hover text: every field of the layer. */
  tooltip: string;
  mark?: Mark;
}

export interface GraphEdge {
  id: string;
  from: string;
  to: string;
}

/** An expanded block instance: a frame around its boxes. */
export interface GraphGroup {
  id: string;
  label: string;
  boxes: string[];
}

export interface ArchGraph {
  model: string;
  boxes: GraphBox[];
  edges: GraphEdge[];
  groups: GraphGroup[];
}

export interface GraphOptions {
  /** One box per block instance instead of a frame around its layers. */
  collapse?: boolean;
  /** Layer name → how it differs (diff pictures). */
  marks?: ReadonlyMap<string, Mark>;
}

/** Grouped convolutions with at most this many groups are drawn as towers; depthwise ones are not. */
export const MAX_TOWERS = 4;

const pairText = (p: readonly [number, number]) => (p[0] === p[1] ? `${p[0]}` : `${p[0]}×${p[1]}`);

/** The layer's defining fields in a few characters: `11×11/4 relu`, `3/2`, `p=0.5`. */
export function layerDetail(l: IRLayer): string {
  const act = (a: string) => (a === 'linear' ? '' : ` ${a}`);
  switch (l.kind) {
    case 'conv2d':
      return `${l.kernel[0]}×${l.kernel[1]}/${pairText(l.stride)}${l.groups > 1 ? ` g${l.groups}` : ''}${act(l.activation)}`;
    case 'maxpool':
    case 'avgpool':
      return `${l.size[0]}×${l.size[1]}/${pairText(l.stride)}`;
    case 'dense':
      return act(l.activation).trim();
    case 'dropout':
      return `p=${l.rate}`;
    case 'activation':
      return l.activation;
    case 'lrn':
      return `n=${l.size}`;
    default:
      return '';
  }
}

/** Every resolved field of the layer, for the box's hover text. */
function fieldsText(l: IRLayer): string {
  return Object.entries(l)
    .filter(([k]) => k !== 'kind')
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? `[${v.join(', ')}]` : String(v)}`)
    .join('\n');
}

const paramsText = (n: number) => `${compact(n)} params`;

function layerBox(n: IRNode, id = n.name, tower?: { index: number; of: number }): GraphBox {
  const type = layerKind(n.layer.kind).displayName(n.layer);
  const detail = layerDetail(n.layer);
  const shape = tower ? [...n.outputShape.slice(0, -1), n.outputShape[n.outputShape.length - 1] / tower.of] : n.outputShape;
  const params = tower ? n.params / tower.of : n.params;
  const name = tower ? `${n.name} [${tower.index}/${tower.of}]` : n.name;
  const tooltip = [
    `${n.name}: ${type}${tower ? ` (tower ${tower.index} of ${tower.of})` : ''}`,
    `inputs: ${n.inputs.join(', ')} (${n.inputShapes.map(shapeText).join(', ')})`,
    `output: ${shapeText(shape)}`,
    `params: ${grouped(params)}${n.nonTrainableParams ? ` (${grouped(n.nonTrainableParams / (tower?.of ?? 1))} not trainable)` : ''}`,
    `mult-adds: ${grouped(n.multAdds / (tower?.of ?? 1))}`,
    ...(n.block ? [`block: ${n.block.name} (${n.block.instance})`] : []),
    fieldsText(n.layer),
  ].join('\n');
  return { id, layer: n.name, kind: n.layer.kind, lines: [name, `${type}${detail ? ` ${detail}` : ''}`, `${shapeText(shape)} · ${paramsText(params)}`], tooltip };
}

const towersOf = (n: IRNode): number => (n.layer.kind === 'conv2d' && n.layer.groups > 1 && n.layer.groups <= MAX_TOWERS ? n.layer.groups : 1);

/** The drawable graph of a model. */
export function buildGraph(ir: ModelIR, opts: GraphOptions = {}): ArchGraph {
  const boxes: GraphBox[] = [
    { id: 'input', layer: 'input', kind: 'input', lines: ['input', 'Input', shapeText(ir.input)], tooltip: `input: ${shapeText(ir.input)}` },
  ];
  /** Layer name → the ids of the boxes that draw it (several for towers, a block's for collapsed layers). */
  const drawnAs = new Map<string, string[]>([['input', ['input']]]);
  const towers = new Map<string, number>();
  const groups = new Map<string, GraphGroup>();
  const collapsed = new Map<string, { box: GraphBox; params: number; multAdds: number; layers: string[] }>();

  for (const n of ir.nodes) {
    const instance = n.block?.instance;
    if (opts.collapse && instance && n.block) {
      let c = collapsed.get(instance);
      if (!c) {
        const box: GraphBox = { id: `block:${instance}`, layer: instance, kind: 'block', lines: [instance, `block ${n.block.name}`, ''], tooltip: '' };
        c = { box, params: 0, multAdds: 0, layers: [] };
        collapsed.set(instance, c);
        boxes.push(box);
      }
      c.params += n.params;
      c.multAdds += n.multAdds;
      c.layers.push(n.name);
      c.box.lines[2] = `${shapeText(n.outputShape)} · ${paramsText(c.params)}`;
      c.box.tooltip = `${instance}: block ${n.block.name}, ${c.layers.length} layers (${c.layers.join(', ')})\noutput: ${shapeText(n.outputShape)}\nparams: ${grouped(c.params)}\nmult-adds: ${grouped(c.multAdds)}`;
      const mark = opts.marks?.get(n.name);
      if (mark) c.box.mark = 'changed';
      drawnAs.set(n.name, [c.box.id]);
      continue;
    }
    const g = towersOf(n);
    const ids: string[] = [];
    if (g > 1) {
      towers.set(n.name, g);
      for (let i = 1; i <= g; i++) {
        ids.push(`${n.name}#tower${i}`);
        boxes.push(layerBox(n, ids[i - 1], { index: i, of: g }));
      }
    } else {
      ids.push(n.name);
      boxes.push(layerBox(n));
    }
    const mark = opts.marks?.get(n.name);
    if (mark) for (const b of boxes.slice(-ids.length)) b.mark = mark;
    drawnAs.set(n.name, ids);
    if (instance && n.block) {
      const group = groups.get(instance) ?? { id: `group:${instance}`, label: `${instance} · block ${n.block.name}`, boxes: [] };
      group.boxes.push(...ids);
      groups.set(instance, group);
    }
  }

  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  const edge = (from: string, to: string) => {
    const id = `${from}->${to}`;
    if (from === to || seen.has(id)) return;
    seen.add(id);
    edges.push({ id, from, to });
  };
  for (const n of ir.nodes) {
    const targets = drawnAs.get(n.name)!;
    for (const input of n.inputs) {
      const sources = drawnAs.get(input) ?? [];
      // Tower i of a grouped conv reads exactly tower i of a grouped conv with as many groups.
      if (sources.length > 1 && sources.length === targets.length && towers.get(input) === towers.get(n.name) && n.inputs.length === 1) {
        sources.forEach((s, i) => edge(s, targets[i]));
      } else {
        for (const s of sources) for (const t of targets) edge(s, t);
      }
    }
  }
  return { model: ir.name, boxes, edges, groups: [...groups.values()] };
}
