// Hostile names for the fuzzer: every identifier the emitter writes (imports, exports, builder
// and block-function locals and parameters), JavaScript globals and reserved words, Object's own
// members, names that sanitise alike, and the longest legal ones. LEGAL ones satisfy the schema's
// layer-name pattern; ILLEGAL ones must be refused with a diagnostic, never crash or reach code.

/** What generated modules declare or read (src/compiler/emit/). */
const EMITTER = [
  'tf', 'tf_', 'seedFor', 'seedFor_', 'weightInitializer', 'biasInitializer', 'registerNetspecLayers', 'InitScheme',
  'NetspecConv2D', 'NetspecLRN', 'NetspecPool2D', 'NetspecAdaptiveAvgPool2D', 'NetspecActivation', 'NetspecDense',
  'NetspecBatchNorm', 'modelName', 'inputShape', 'numClasses', 'layerNames', 'LayerName', 'outputShapes', 'summary',
  'defaultInit', 'BuildOptions', 'BlockContext', 'build', 'buildFuzz', 'model', 'options', 'init', 'seed', 'ctx', 'first',
  'name', 'args', 'x', 'inputs', 'input_', 'outputs', 'Math', 'block', 'block_', 'block1', 'apply', 'SymbolicTensor',
  'layers', 'netspec', 'runtime',
];

/** JavaScript and TypeScript: globals, reserved and contextual words, Object.prototype's members. */
const JAVASCRIPT = [
  'Object', 'Array', 'Function', 'globalThis', 'undefined', 'NaN', 'Infinity', 'eval', 'arguments', 'process', 'require',
  'module', 'exports', 'window', 'console', 'Symbol', 'Promise', 'JSON', 'String', 'Number', 'Boolean', 'Error', 'Reflect',
  'class', 'default', 'await', 'yield', 'let', 'static', 'enum', 'implements', 'interface', 'package', 'private', 'new',
  'this', 'super', 'return', 'function', 'var', 'const', 'if', 'else', 'for', 'while', 'switch', 'case', 'throw', 'try',
  'catch', 'typeof', 'instanceof', 'void', 'delete', 'in', 'of', 'with', 'debugger', 'export', 'import', 'extends', 'null',
  'true', 'false', 'as', 'any', 'async', 'get', 'set', 'type', 'declare', 'namespace', 'readonly', 'keyof', 'never',
  'unknown', 'satisfies', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable',
  'toLocaleString', 'proto__', 'prototype_', 'constructor_', 'then', 'yes', 'no', 'on', 'off',
];

/** Names that sanitise alike or look like the emitter's `<name>$` locals and derived names. */
const ALIKE = [
  'a_b', 'conv1', 'conv1_2', 'fc6', 'pool1', 'flatten', 'relu', 'add1', 'concat1', 'layer1_0_conv1', 'layer1_0', 'X', 'X_pre',
  'X_act', 'X_', 'a1', 'A1', 'Z9_', 'a__b',
];

/** At the schema's 64-character limit. */
const LONG = ['n'.repeat(64), `${'Q'.repeat(63)}_`, `Z${'9'.repeat(63)}`];

export const LEGAL: readonly string[] = [...EMITTER, ...JAVASCRIPT, ...ALIKE, ...LONG];

/** Names the schema or the compiler refuses (tfjs refuses tensor names starting with `_`). */
export const ILLEGAL: readonly string[] = [
  '__proto__', 'constructor', 'prototype', '__x', '_', '_1', '_proto_', '_constructor', `_${'9'.repeat(63)}`, 'input', 'a.b', 'a b', 'a-b', '1x', '', 'a$', '$', '"', "'", '`', '${x}',
  '*/', 'é', 'ω', 'слой', '层', 'a\u2028b', '\u0000', 'x'.repeat(65), 'y'.repeat(200), `${'z'.repeat(199)}é`,
];
