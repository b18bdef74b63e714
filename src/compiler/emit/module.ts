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
import { emitLayer } from './layers.ts';
import { array, call, flat, INDENT, LINE_WIDTH, object, wrap, writeCode, writeComment, type Code } from './layout.ts';
import { builderName, commentText, lit, localNames, num, nums } from './literal.ts';

export interface EmitOptions {
  /** The spec's path as shown in the header (relative to the repo). */
  sourcePath: string;
  /** Import path of netspec's runtime from the generated file. */
  runtimeImport: string;
}

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
  const body = builderBody(ir, uses);
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
    namedImport(runtimeNames, `${options.runtimeImport}/layers/index.ts`),
    namedImport([...initNames, 'type InitScheme'], `${options.runtimeImport}/init.ts`),
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
  if (lines.length === 1) w.writeLine(`/** ${lines[0]} */`);
  else w.writeLine('/**').write(lines.map((l) => ` * ${l}`.trimEnd()).join('\n')).newLine().writeLine(' */');
}

/** The builder's statements: its own locals (no `$`), then one `<layer>$` local per node. */
function builderBody(ir: ModelIR, uses: Set<string>): (w: CodeBlockWriter) => void {
  const layers = ir.nodes.map((node, index) => ({ node, ctor: emitLayer(node, { index, modelInit: ir.init, uses }) }));
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
    statement(w, 'const input = ', call('tf.input', object([['shape', nums(ir.input)], ['name', lit('input')]])), ';', column);
    let instance: string | undefined;
    for (const { node, ctor } of layers) {
      // A block's layers are emitted expanded, under a line naming the instance they belong to.
      if (node.block && node.block.instance !== instance) writeComment(w, commentText(`block ${node.block.name}: ${node.block.instance}`));
      instance = node.block?.instance;
      writeComment(w, layerComment(node));
      const inputs = node.inputs.map((i) => vars.get(i)!);
      const applied: Code = inputs.length === 1 ? inputs[0] : array(inputs);
      const prefix = `const ${vars.get(node.name)!} = `;
      // `new X({...}).apply(inputs) as tf.SymbolicTensor;`: the constructor, then its application.
      const tail = ' as tf.SymbolicTensor;';
      w.write(prefix);
      const end = writeCode(w, ctor, column + prefix.length, `.apply(${flat(applied)})${tail}`.length);
      w.write('.apply(');
      writeCode(w, applied, end + '.apply('.length, tail.length + 1);
      w.write(`)${tail}`).newLine();
    }
    const model = object([['inputs', 'input'], ['outputs', vars.get(ir.output)!], ['name', lit(ir.name)]]);
    statement(w, 'return ', call('tf.model', model), ';', column);
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
