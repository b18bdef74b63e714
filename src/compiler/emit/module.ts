// Emit one TypeScript module per model with ts-morph: typed constants (input shape, layer-name
// union, per-layer output shapes, summary) and a builder returning the tfjs model. Pure: returns text.
import { Project, VariableDeclarationKind, StructureKind, type StatementStructures } from 'ts-morph';
import type { ModelIR } from '../../model/ir.ts';
import { summarize } from '../../model/summary.ts';
import { emitLayer, type EmitContext } from './layers.ts';
import { builderName, commentText, lit, localName, num, nums } from './literal.ts';

export interface EmitOptions {
  /** The spec's path as shown in the header (relative to the repo). */
  sourcePath: string;
  /** Import path of netspec's runtime from the generated file. */
  runtimeImport: string;
}

const RUNTIME_CLASSES = ['NetspecConv2D', 'NetspecLRN', 'NetspecPool2D', 'NetspecAdaptiveAvgPool2D', 'NetspecActivation', 'NetspecDense'];

export function emitModelModule(ir: ModelIR, options: EmitOptions): string {
  const project = new Project({ useInMemoryFileSystem: true, skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true });
  const file = project.createSourceFile('model.ts', '', { overwrite: true });
  const uses = new Set<string>();
  const build = builderName(ir.name);
  const vars = new Map<string, string>([['input', 'input']]);
  for (const n of ir.nodes) vars.set(n.name, localName(n.name));

  const body: string[] = [
    'registerNetspecLayers();',
    'const seedFor = (i: number): number | undefined => (options.seed === undefined ? undefined : options.seed + i);',
    `const input = tf.input({ shape: ${nums(ir.input)}, name: 'input' });`,
  ];
  ir.nodes.forEach((node, index) => {
    const ctx: EmitContext = { index, uses };
    const ctors = emitLayer(node, ctx);
    const args = node.inputs.map((i) => vars.get(i)!);
    let applied = args.length === 1 ? args[0] : `[${args.join(', ')}]`;
    const desc = node.description ? ` — ${commentText(node.description)}` : '';
    body.push(`// ${node.name}: ${node.inputShapes.map((s) => s.join('x')).join(' + ')} -> ${node.outputShape.join('x')}${desc}`);
    ctors.forEach((ctor, k) => {
      const target = k === ctors.length - 1 ? vars.get(node.name)! : `${vars.get(node.name)!}_pre`;
      body.push(`const ${target} = ${ctor}.apply(${applied}) as tf.SymbolicTensor;`);
      applied = target;
    });
  });
  body.push(`return tf.model({ inputs: input, outputs: ${vars.get(ir.output)!}, name: ${lit(ir.name)} });`);

  const summary = summarize(ir, 1);
  const names = ir.nodes.map((n) => n.name);
  const runtimeNames = ['registerNetspecLayers', ...RUNTIME_CLASSES.filter((c) => uses.has(c))];
  const initNames = ['biasInitializer', 'weightInitializer'].filter((c) => uses.has(c));

  const statements: StatementStructures[] = [
    { kind: StructureKind.ImportDeclaration, namespaceImport: 'tf', moduleSpecifier: '@tensorflow/tfjs' },
    { kind: StructureKind.ImportDeclaration, namedImports: runtimeNames, moduleSpecifier: `${options.runtimeImport}/layers/index.ts` },
    {
      kind: StructureKind.ImportDeclaration,
      namedImports: [...initNames, { name: 'InitScheme', isTypeOnly: true }],
      moduleSpecifier: `${options.runtimeImport}/init.ts`,
    },
    constant('modelName', lit(ir.name), 'The model\'s name in its spec.'),
    constant('inputShape', `${nums(ir.input)} as const`, 'Input shape, height x width x channels (no batch).'),
    constant('numClasses', num(ir.classes), 'Classes the model predicts.'),
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: 'LayerName',
      type: names.map(lit).join(' | '),
      docs: ['Every layer\'s name, in order.'],
    },
    constant('layerNames', `[${names.map(lit).join(', ')}] as const satisfies readonly LayerName[]`, 'Layer names in execution order.'),
    constant(
      'outputShapes',
      `{\n${ir.nodes.map((n) => `  ${lit(n.name)}: ${nums(n.outputShape)},`).join('\n')}\n} as const satisfies Record<LayerName, readonly number[]>`,
      'Each layer\'s output shape (no batch), as the compiler inferred it.',
    ),
    constant('summary', `${summaryLiteral(summary)} as const`, 'Per-layer parameters and mult-adds (one example), as `netspec summary --json` prints them.'),
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
    {
      kind: StructureKind.Function,
      isExported: true,
      name: build,
      parameters: [{ name: 'options', type: 'BuildOptions', initializer: '{}' }],
      returnType: 'tf.LayersModel',
      docs: [`Builds ${commentText(ir.name)} as a tfjs LayersModel (not compiled: the trainer chooses loss and optimizer).`],
      statements: body,
    },
    constant('build', build, 'The builder under a name every generated module shares.'),
  ];
  file.addStatements(statements);
  file.formatText({ indentSize: 2, convertTabsToSpaces: true, semicolons: 'insert' as never });
  // A blank line before each documented top-level declaration, for the reader.
  const text = file.getFullText().replace(/\n+(\/\*\*)/g, '\n\n$1');
  const header = [
    `// generated from ${commentText(options.sourcePath)} by netspec; do not edit.`,
    ...(ir.description ? [`// ${commentText(ir.description)}`] : []),
    '',
  ].join('\n');
  return header + text;
}

function constant(name: string, initializer: string, doc: string): StatementStructures {
  return {
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    declarations: [{ name, initializer }],
    docs: [doc],
  };
}

function summaryLiteral(s: ReturnType<typeof summarize>): string {
  const layers = s.layers.map((l) =>
    `    { name: ${lit(l.name)}, type: ${lit(l.type)}, outputShape: ${nums(l.outputShape)}, params: ${num(l.params)}, multAdds: ${num(l.multAdds)} },`);
  return [
    '{',
    `  totalParams: ${num(s.totalParams)},`,
    `  trainableParams: ${num(s.trainableParams)},`,
    `  multAdds: ${num(s.multAdds)},`,
    '  layers: [',
    ...layers,
    '  ],',
    '}',
  ].join('\n');
}
