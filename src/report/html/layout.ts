// Places an ArchGraph with ELK's layered algorithm (elkjs: the Eclipse Layout Kernel compiled to
// JavaScript). Layered layout is made for data-flow graphs: it ranks the layers along the flow,
// orders each rank to cross as few edges as it can, routes edges orthogonally and lays out the
// block frames as compound nodes in the same pass. dagre does the first two (no orthogonal
// routing, thinner cluster support) and Graphviz needs a wasm build.
//
// elkjs answers through a Promise, but it computes synchronously in this thread and only posts
// the answer through setTimeout. The report is rebuilt inside the trainer's per-epoch callback and
// by commands that are otherwise synchronous, so layoutSync() calls ELK's in-process dispatcher
// directly; tests/report-svg.test.ts checks it gives what the public `new ELK().layout()` gives.
import { createRequire } from 'node:module';
import type { ArchGraph, GraphBox } from './graph.ts';

export interface Rect { x: number; y: number; width: number; height: number }
export interface Point { x: number; y: number }

export interface Placed {
  width: number;
  height: number;
  boxes: Map<string, Rect>;
  groups: Map<string, Rect>;
  /** Each edge's route, from its source's border to its target's. */
  edges: Map<string, Point[]>;
}

export interface ElkNode {
  id: string;
  width?: number;
  height?: number;
  x?: number;
  y?: number;
  layoutOptions?: Record<string, string>;
  children?: ElkNode[];
  edges?: { id: string; sources: string[]; targets: string[]; sections?: { startPoint: Point; endPoint: Point; bendPoints?: Point[] }[] }[];
}

/** Box text is drawn in a monospace font, so its width is known without measuring. */
export const FONT = { name: 12, body: 11, charWidth: 0.61 };
export const BOX = { height: 52, padding: 8, minWidth: 110, groupLabel: 22 };

export function boxWidth(b: GraphBox): number {
  const chars = (s: string, size: number) => s.length * size * FONT.charWidth;
  const text = Math.max(chars(b.lines[0], FONT.name), chars(b.lines[1], FONT.body), chars(b.lines[2], FONT.body));
  return Math.max(BOX.minWidth, Math.ceil(text + 2 * BOX.padding));
}

export type Direction = 'DOWN' | 'RIGHT';

/** The ELK graph for an ArchGraph: boxes with their sizes, block frames as compound nodes. */
export function elkGraph(g: ArchGraph, direction: Direction = 'DOWN'): ElkNode {
  const inGroup = new Map<string, string>();
  for (const grp of g.groups) for (const b of grp.boxes) inGroup.set(b, grp.id);
  const node = (b: GraphBox): ElkNode => ({ id: b.id, width: boxWidth(b), height: BOX.height });
  const top: ElkNode[] = [];
  const groupNodes = new Map<string, ElkNode>();
  for (const grp of g.groups) {
    const n: ElkNode = { id: grp.id, layoutOptions: { 'elk.padding': `[top=${BOX.groupLabel + 6},left=10,bottom=10,right=10]` }, children: [] };
    groupNodes.set(grp.id, n);
  }
  // Keep the model's order: frames appear where their first layer is.
  const placedGroups = new Set<string>();
  for (const b of g.boxes) {
    const grp = inGroup.get(b.id);
    if (!grp) top.push(node(b));
    else {
      groupNodes.get(grp)!.children!.push(node(b));
      if (!placedGroups.has(grp)) top.push(groupNodes.get(grp)!), placedGroups.add(grp);
    }
  }
  return {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': direction,
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.layered.spacing.nodeNodeBetweenLayers': '28',
      'elk.spacing.nodeNode': '20',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.json.shapeCoords': 'ROOT',
      'elk.json.edgeCoords': 'ROOT',
      'elk.padding': '[top=12,left=12,bottom=12,right=12]',
    },
    children: top,
    edges: g.edges.map((e) => ({ id: e.id, sources: [e.from], targets: [e.to] })),
  };
}

interface ElkWorker {
  onmessage: (m: { data: { id: number; data?: ElkNode; error?: { message?: string } } }) => void;
  dispatcher: { saveDispatch: (m: { data: object }) => void };
}

let worker: ElkWorker | undefined;

/** ELK's layout of `graph`, computed now. Throws what ELK throws (tests check it never does for our graphs). */
export function layoutSync(graph: ElkNode): ElkNode {
  if (!worker) {
    const require = createRequire(import.meta.url);
    const mod = require('elkjs/lib/elk-worker.min.js') as { default: new () => ElkWorker };
    worker = new mod.default();
    worker.onmessage = () => {};
    worker.dispatcher.saveDispatch({ data: { cmd: 'register', algorithms: ['layered'], id: -1 } });
  }
  let answer: { data?: ElkNode; error?: { message?: string } } | undefined;
  worker.onmessage = (m) => {
    answer = m.data;
  };
  worker.dispatcher.saveDispatch({ data: { cmd: 'layout', id: 0, graph: structuredClone(graph), layoutOptions: {}, options: {} } });
  if (!answer?.data) throw new Error(`ELK could not lay out the graph: ${answer?.error?.message ?? 'no answer'}`);
  return answer.data;
}

/** Where everything goes. */
export function place(g: ArchGraph, direction: Direction = 'DOWN', layout: (n: ElkNode) => ElkNode = layoutSync): Placed {
  const out = layout(elkGraph(g, direction));
  const boxes = new Map<string, Rect>();
  const groups = new Map<string, Rect>();
  const edges = new Map<string, Point[]>();
  const rect = (n: ElkNode): Rect => ({ x: n.x ?? 0, y: n.y ?? 0, width: n.width ?? 0, height: n.height ?? 0 });
  const visit = (n: ElkNode) => {
    for (const c of n.children ?? []) {
      if (c.children?.length) groups.set(c.id, rect(c));
      else boxes.set(c.id, rect(c));
      visit(c);
    }
    for (const e of n.edges ?? []) {
      const s = e.sections?.[0];
      if (s) edges.set(e.id, [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]);
    }
  };
  visit(out);
  return { width: out.width ?? 0, height: out.height ?? 0, boxes, groups, edges };
}
