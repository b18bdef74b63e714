// Emit one TypeScript module per model with ts-morph: typed constants (input shape, layer names,
// per-layer output shapes, summary) and a builder returning the tfjs model. Pure: returns text.
// Statements are ts-morph structures; expressions are laid out by layout.ts within LINE_WIDTH.
import {
  IndentationText,
  Project,
  QuoteKind,
  StructureKind,
  type CodeBlockWriter,
  type StatementStructures,
  type WriterFunction,
} from 'ts-morph';
import type { IRNode, ModelIR } from '../../model/ir.ts';
import { summarize } from '../../model/summary.ts';
import { emitLayer, type EmitContext } from './layers.ts';
import { defFile, nestedArgCode, paramType, planBlocks, valueCode, type BlockFunctionPlan, type BlockPlan } from './blocks.ts';
import { array, call, flat, INDENT, LINE_WIDTH, object, wrap, writeCode, writeComment, type Code } from './layout.ts';
import { builderName, commentText, lit, localNames, num, nums } from './literal.ts';

export interface EmitOptions {
  /** The spec's path as shown in the header (relative to the repo). */
  sourcePath: string;
  /**
   * The module the generated code imports netspec's runtime from (layers and initialisers), as
   * written in its import; default `netspec/runtime`, the package's export.
   */
  runtimeImport?: string;
}

/** What generated modules import by default: netspec's package export (package.json `exports`). */
export const DEFAULT_RUNTIME_IMPORT = 'netspec/runtime';

const RUNTIME_CLASSES = ['NetspecConv2D', 'NetspecLRN', 'NetspecPool2D', 'NetspecAdaptiveAvgPool2D', 'NetspecActivation', 'NetspecDense', 'NetspecBatchNorm'];

let project: Project | undefined;

export function emitModelModule(ir: ModelIR, options: EmitOptions): string {
  // One in-memory Project for every model this process emits.
  project ??= new Project({
    useInMemoryFileSystem: true,
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Double },
  });
  const file = project.createSourceFile('model.ts', '', { overwrite: true });
  const uses = new Set<string>();
  const build = builderName(ir.name);
  const plan = planBlocks(ir.nodes);
  const functions = plan.functions.map((f) => blockFunction(f, plan, ir, uses));
  const body = builderBody(ir, plan, uses);
  const summary = summarize(ir, 1);
  const runtimeNames = ['registerNetspecLayers', ...RUNTIME_CLASSES.filter((c) => uses.has(c))];
  const initNames = ['biasInitializer', 'weightInitializer'].filter((c) => uses.has(c));
  const header = [
    `generated from ${commentText(options.sourcePath)} by netspec; do not edit.`,
    ...(ir.description ? [commentText(ir.description)] : []),
  ];

  const statements: (StatementStructures | WriterFunction)[] = [
    (w) => header.forEach((line) => writeComment(w, line)),
    { kind: StructureKind.ImportDeclaration, namespaceImport: 'tf', moduleSpecifier: '@tensorflow/tfjs' },
    namedImport([...runtimeNames, ...initNames, 'type InitScheme'], options.runtimeImport ?? DEFAULT_RUNTIME_IMPORT),
    blankLine,
    constant('modelName', lit(ir.name), 'The model\'s name in its spec.'),
    blankLine,
    constant('inputShape', nums(ir.input), 'Input shape, height x width x channels (no batch).', ' as const'),
    blankLine,
    constant('numClasses', num(ir.classes), 'Classes the model predicts.'),
    blankLine,
    constant('layerNames', array(ir.nodes.map((n) => lit(n.name))), 'Layer names in execution order.', ' as const'),
    blankLine,
    { kind: StructureKind.TypeAlias, isExported: true, name: 'LayerName', type: '(typeof layerNames)[number]', docs: ['Every layer\'s name.'] },
    blankLine,
    constant(
      'outputShapes',
      object(ir.nodes.map((n) => [lit(n.name), nums(n.outputShape)])),
      'Each layer\'s output shape (no batch), as the compiler inferred it.',
      ' as const satisfies Record<LayerName, readonly number[]>',
    ),
    blankLine,
    constant('summary', object([
      ['totalParams', num(summary.totalParams)],
      ['trainableParams', num(summary.trainableParams)],
      ['multAdds', num(summary.multAdds)],
      ['layers', array(summary.layers.map((l) => object([
        ['name', lit(l.name)],
        ['type', lit(l.type)],
        ['outputShape', nums(l.outputShape)],
        ['params', num(l.params)],
        ['multAdds', num(l.multAdds)],
      ])))],
    ]), 'Per-layer parameters and mult-adds (one example), as `netspec summary --json` prints them.', ' as const'),
    blankLine,
    constant('defaultInit', `${lit(ir.init)} as InitScheme`, 'The spec\'s weight initialiser.'),
    {
      kind: StructureKind.Interface,
      isExported: true,
      name: 'BuildOptions',
      properties: [
        { name: 'init', hasQuestionToken: true, type: 'InitScheme', docs: ['Weight initialiser of every conv2d and dense layer; default: each layer\'s from the spec.'] },
        { name: 'seed', hasQuestionToken: true, type: 'number', docs: ['Seed of the initialisers (layer i uses seed + i); default: unseeded.'] },
      ],
    },
    ...(uses.has('ctx') ? [blankLine, blockContext] : []),
    ...functions.flatMap((f) => [blankLine, f]),
    blankLine,
    (w) => {
      docComment(w, `Builds ${commentText(ir.name)} as a tfjs LayersModel (not compiled: the trainer chooses loss and optimizer).`);
      // A writer, not a Function structure: ts-morph keeps a signature on one line however long the name.
      statement(w, '', call(`export function ${build}`, 'options: BuildOptions = {}'), ': tf.LayersModel {', 0);
      w.indent(() => body(w));
      w.writeLine('}');
    },
    blankLine,
    constant('build', build, 'The builder under a name every generated module shares.'),
  ];
  file.addStatements(statements);
  return file.getFullText();
}

/** `import { a, b } from "m";`, the names over several lines when one is too long. */
function namedImport(names: string[], moduleSpecifier: string): StatementStructures {
  const oneLine = `import { ${names.join(', ')} } from ${lit(moduleSpecifier)};`.length <= LINE_WIDTH;
  return {
    kind: StructureKind.ImportDeclaration,
    moduleSpecifier,
    // ts-morph indents the lines it is given between the braces (a hanging indent).
    namedImports: oneLine ? names : (w) => {
      w.newLine();
      for (const name of names) w.writeLine(`${name},`);
    },
  };
}

const blankLine: WriterFunction = (w) => w.blankLineIfLastNot();

/**
 * `export const <name> = <value><tail>;` with its doc comment. A writer, not a VariableStatement
 * structure: ts-morph adds a hanging indent to every line of a multi-line initialiser.
 */
function constant(name: string, value: Code, text: string, tail = ''): WriterFunction {
  return (w) => {
    docComment(w, text);
    statement(w, `export const ${name} = `, value, `${tail};`, 0);
  };
}

/** A top-level doc comment, on one line or wrapped. */
function docComment(w: CodeBlockWriter, text: string): void {
  const lines = wrap(text, LINE_WIDTH - 3);
  if (lines.length === 1 && lines[0].length + 7 <= LINE_WIDTH) w.writeLine(`/** ${lines[0]} */`);
  else w.writeLine('/**').write(lines.map((l) => ` * ${l}`.trimEnd()).join('\n')).newLine().writeLine(' */');
}

/** The builder's statements: its own locals (no `$`), then one `<layer>$` local per node or block call. */
function builderBody(ir: ModelIR, plan: BlockPlan, uses: Set<string>): (w: CodeBlockWriter) => void {
  const ctor = (node: IRNode, index: number): Code => emitLayer(node, { modelInit: ir.init, uses, scope: { kind: 'builder', index } });
  const layers = ir.nodes.map((node, index) => ({ node, ctor: plan.calls.has(index) || insideCall(plan, index) ? undefined : ctor(node, index) }));
  const weightedCall = [...plan.calls.values()].some((c) => plan.functions.find((f) => f.def === c.def)!.weighted);
  // Block functions read the builder's scheme, options and seeds from one object.
  if (weightedCall) uses.add('ctx').add('init').add('seedFor');
  const vars = localNames(ir.nodes.map((n) => n.name));
  vars.set('input', 'input');
  return (w) => {
    const column = w.getIndentationLevel() * INDENT;
    w.writeLine('registerNetspecLayers();');
    // Computed once: `options.init` overrides every layer, as for those with their own scheme.
    if (uses.has('init')) w.writeLine('const init = options.init ?? defaultInit;');
    if (uses.has('seedFor')) {
      w.writeLine('const seedFor = (i: number): number | undefined => (options.seed === undefined ? undefined : options.seed + i);');
    }
    if (uses.has('ctx')) w.writeLine('const ctx: BlockContext = { init, options, seedFor };');
    statement(w, 'const input = ', call('tf.input', object([['shape', nums(ir.input)], ['name', lit('input')]])), ';', column);
    let instance: string | undefined;
    layers.forEach(({ node, ctor }, index) => {
      const blockCall = plan.calls.get(index);
      if (blockCall) {
        const last = ir.nodes[index + blockCall.count - 1];
        const shapes = `${node.inputShapes[0].join('x')} -> ${last.outputShape.join('x')}`;
        writeComment(w, commentText(`${blockCall.instance.instance}: block ${blockCall.def.name}, ${shapes}`));
        const fn = plan.functions.find((f) => f.def === blockCall.def)!;
        const args: Code[] = [vars.get(blockCall.input)!, lit(blockCall.instance.instance)];
        if (blockCall.def.params.length) {
          args.push(object(blockCall.def.params.map((p) => [key(p.name), valueCode(blockCall.instance.args[p.name])])));
        }
        if (fn.weighted) args.push('ctx', num(index));
        statement(w, `const ${vars.get(last.name)!} = `, call(blockCall.fn, ...args), ';', column);
        instance = undefined;
        return;
      }
      if (!ctor) return;
      // An instance emitted expanded, under a line naming it and saying why.
      if (node.block && node.block.instance !== instance) {
        const why = node.blockInstance && plan.expanded.get(node.blockInstance);
        writeComment(w, commentText(`block ${node.block.name}: ${node.block.instance}${why ? `, expanded: ${why}` : ''}`));
      }
      instance = node.block?.instance;
      writeComment(w, layerComment(node));
      applied(w, `const ${vars.get(node.name)!} = `, ctor, node.inputs.map((i) => vars.get(i)!), column);
    });
    const model = object([['inputs', 'input'], ['outputs', vars.get(ir.output)!], ['name', lit(ir.name)]]);
    statement(w, 'return ', call('tf.model', model), ';', column);
  };
}

/** Whether node `index` is built by a block call that starts before it. */
function insideCall(plan: BlockPlan, index: number): boolean {
  for (const c of plan.calls.values()) if (index > c.first && index < c.first + c.count) return true;
  return false;
}

/** `<prefix>new X({...}).apply(inputs) as tf.SymbolicTensor;`: the constructor, then its application. */
function applied(w: CodeBlockWriter, prefix: string, ctor: Code, inputs: string[], column: number): void {
  const applied: Code = inputs.length === 1 ? inputs[0] : array(inputs);
  const tail = ' as tf.SymbolicTensor;';
  w.write(prefix);
  const end = writeCode(w, ctor, column + prefix.length, `.apply(${flat(applied)})${tail}`.length);
  w.write('.apply(');
  writeCode(w, applied, end + '.apply('.length, tail.length + 1);
  w.write(`)${tail}`).newLine();
}

/** An object key: the name itself where it is an identifier, else its literal. */
const key = (name: string): string => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : lit(name));

const blockContext: WriterFunction = (w) => {
  docComment(w, 'What block functions take from the builder: the spec\'s scheme (or options.init), the options and the seeds.');
  w.writeLine('interface BlockContext {').indent(() => {
    w.writeLine('init: InitScheme;');
    w.writeLine('options: BuildOptions;');
    w.writeLine('seedFor: (i: number) => number | undefined;');
  }).writeLine('}');
};

/**
 * `function block$<name>(x, name, args, ctx, first)`: the block's layers named `<name>.<layer>`,
 * applied to `x`; the seed of its layer at offset o is `ctx.seedFor(first + o)`.
 */
function blockFunction(f: BlockFunctionPlan, plan: BlockPlan, ir: ModelIR, uses: Set<string>): WriterFunction {
  const def = f.def;
  const steps: { name: string; code: Code; inputs: string[]; call: boolean; comment?: string }[] = [];
  const stepNames: string[] = [];
  def.layers.forEach((raw, k) => {
    const n = raw.type === 'block' && typeof raw.repeat === 'number' ? raw.repeat : 1;
    for (let i = 0; i < n; i++) stepNames.push(raw.type === 'block' && raw.repeat !== undefined ? `${def.names[k]}.${i}` : def.names[k]);
  });
  const vars = localNames(stepNames);
  const produced = new Map<string, string>();
  let previous = 'x';
  let offset = 0;
  let step = 0;
  def.layers.forEach((raw, k) => {
    const inner = def.names[k];
    const refs = Array.isArray(raw.inputs) ? (raw.inputs as string[]) : undefined;
    const inputs = refs?.map((r) => (r === 'input' ? 'x' : produced.get(r)!));
    if (raw.type === 'block') {
      const used = plan.functions.find((g) => g.def === def.uses.find((d) => d.name === raw.block))!;
      let at = inputs?.[0] ?? previous;
      const n = typeof raw.repeat === 'number' ? raw.repeat : 1;
      for (let i = 0; i < n; i++) {
        const suffix = raw.repeat === undefined ? `.${inner}` : `.${inner}.${i}`;
        const args: Code[] = [at, `name + ${lit(suffix)}`];
        if (used.def.params.length) args.push(object(used.def.params.map((p) => [key(p.name), nestedArgCode(p, raw.args)])));
        if (used.weighted) args.push('ctx', offset ? `first + ${num(offset)}` : 'first');
        const local = vars.get(stepNames[step++])!;
        steps.push({ name: local, code: call(used.fn, ...args), inputs: [], call: true });
        at = local;
        offset += used.size;
      }
      produced.set(inner, at);
      previous = at;
      return;
    }
    const layer = f.layers.get(k)!;
    const ctx: EmitContext = { modelInit: ir.init, uses, scope: { kind: 'block', name: `name + ${lit(`.${inner}`)}`, offset }, formulas: layer.formulas };
    const local = vars.get(stepNames[step++])!;
    const comment = typeof raw.description === 'string' ? commentText(`${inner} — ${raw.description}`) : undefined;
    steps.push({ name: local, code: emitLayer(layer.node, ctx), inputs: inputs ?? [previous], call: false, comment });
    produced.set(inner, local);
    previous = local;
    offset += 1;
  });
  const params = [
    'x: tf.SymbolicTensor',
    'name: string',
    ...(def.params.length ? [`args: { ${def.params.map((p) => `${key(p.name)}: ${paramType(p)}`).join('; ')} }`] : []),
    ...(f.weighted ? ['ctx: BlockContext', 'first: number'] : []),
  ];
  const defaults = def.params.filter((p) => p.default !== undefined).map((p) => `${p.name} ${valueCode(p.default!)}`);
  const where = def.file === ir.file ? '' : ` (defined in ${defFile(def)})`;
  const doc = `Block \`${def.name}\`${where}: its layers, named \`<name>.${def.names[0]}\` …, applied to \`x\`; returns the last one's output.` +
    (defaults.length ? ` Defaults: ${defaults.join(', ')}.` : '');
  return (w) => {
    docComment(w, commentText(doc));
    statement(w, '', call(`function ${f.fn}`, ...params), ': tf.SymbolicTensor {', 0);
    w.indent(() => {
      const column = w.getIndentationLevel() * INDENT;
      for (const s of steps) {
        if (s.comment) writeComment(w, s.comment);
        if (s.call) statement(w, `const ${s.name} = `, s.code, ';', column);
        else applied(w, `const ${s.name} = `, s.code, s.inputs, column);
      }
      w.writeLine(`return ${previous};`);
    });
    w.writeLine('}');
  };
}

function statement(w: CodeBlockWriter, prefix: string, code: Code, tail: string, column: number): void {
  w.write(prefix);
  writeCode(w, code, column + prefix.length, tail.length);
  w.write(tail).newLine();
}

/** `conv1: 227x227x3 -> 55x55x96 — description` (the description sanitised). */
function layerComment(node: IRNode): string {
  const desc = node.description ? ` — ${commentText(node.description)}` : '';
  return `${node.name}: ${node.inputShapes.map((s) => s.join('x')).join(' + ')} -> ${node.outputShape.join('x')}${desc}`;
}
