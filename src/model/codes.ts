// The catalogue of diagnostic codes. A code is stable once released: tests, docs and users'
// scripts match on it, so retire codes instead of reusing them. NS01xx: reading and YAML
// syntax; NS02xx: the schema (schema/model.schema.json); NS03xx: meaning (shapes, names, files);
// NS04xx: training (data, settings, backends); NS05xx: the package and the CLI; NS06xx: reports;
// NS07xx: export. tests/codes.test.ts checks each one is emitted.
import type { Diagnostic, Location, Severity } from './diagnostic.ts';

export const CODES = {
  // ---- input, file, YAML syntax
  NS0101: 'file not found',
  NS0102: 'path is a directory',
  NS0103: 'empty document',
  NS0104: 'file is not valid UTF-8',
  NS0105: 'file too large',
  NS0106: 'file cannot be read',
  NS0110: 'YAML syntax error',
  NS0111: 'duplicate key',
  NS0112: 'tab used for indentation',
  NS0113: 'bad indentation',
  NS0114: 'unsupported YAML tag',
  NS0115: 'aliases expand too much',
  NS0116: 'document is not a mapping',
  NS0117: 'more than one YAML document',
  NS0118: 'alias to an unknown anchor',
  NS0119: 'mapping key is not a plain scalar',
  // ---- schema
  NS0201: 'wrong type',
  NS0202: 'unknown field',
  NS0203: 'missing required field',
  NS0204: 'value not allowed',
  NS0205: 'value out of range',
  NS0206: 'invalid name',
  NS0207: 'wrong number of items',
  NS0208: 'unknown kind',
  NS0209: 'field needs another field',
  NS0210: 'duplicate list entry',
  NS0211: 'exactly one of several fields',
  // ---- semantics (reserved for the checks that follow the schema)
  NS0301: 'output size not positive',
  NS0302: 'groups do not divide channels',
  NS0303: 'duplicate layer name',
  NS0304: 'unknown layer name',
  NS0305: 'extends cycle',
  NS0306: 'extends file missing',
  NS0307: 'shape mismatch in add/concat',
  // NS0308 retired: it refused even LRN windows, which PyTorch computes (size/2 before, (size−1)/2 after).
  NS0309: 'layer on a tensor of the wrong rank',
  NS0310: 'tensor too large for memory',
  NS0311: 'model output does not match classes',
  NS0312: 'pool padding above half the window',
  // blocks (reusable layer groups) and their `$param` expressions
  NS0320: 'unknown block',
  NS0321: 'block argument missing, unknown or of the wrong type',
  NS0322: 'expression syntax error',
  NS0323: 'blocks use each other recursively',
  NS0324: 'layer names collide after block expansion',
  NS0325: 'blocks expand to too many layers',
  NS0326: 'unknown block parameter',
  NS0327: 'expression value not allowed',
  // ---- training data and runs
  NS0401: 'dataset file problem',
  NS0402: 'dataset not found',
  // NS0403 retired unused (never emitted); checkpoint problems are NS0407.
  NS0404: 'training setting invalid',
  NS0405: 'backend unavailable',
  NS0406: 'run folder problem',
  NS0407: 'checkpoint problem',
  NS0408: 'training stopped',
  NS0409: 'dataset does not fit the model',
  // ---- input given where a spec file belongs
  NS0107: 'spec given as a URL',
  // ---- NS06xx: reports (src/report/html/): a damaged run folder is drawn as far as it goes
  NS0601: 'run folder not found',
  NS0602: 'run folder file missing or unreadable',
  NS0603: 'metrics line unreadable',
  NS0604: 'metric value not finite',
  NS0605: 'no epoch finished yet',
  NS0606: 'spec missing or invalid: no architecture drawn',
  NS0607: 'architecture could not be laid out',
  NS0608: 'report could not be written',
  // ---- NS05xx: the package and the CLI (src/cli/compile.ts)
  NS0501: 'nothing to compile',
  NS0502: 'runtime import is not a module specifier',
  NS0503: 'output folder is a file',
  // ---- NS07xx: export (src/export/: PyTorch, ONNX) and weights coming back
  NS0701: 'layer the export target cannot express',
  NS0702: 'weights do not fit the model',
  NS0703: 'Python package missing',
  NS0704: 'export output cannot be written',
  NS0705: 'layer name unusable as a module path',
  NS0706: 'weights file unreadable',
  NS0707: 'exported file fails its check',
  // ---- H7 (issue 16): precision (src/runtime/backends/precision.ts): bf16 refused, naming what is missing
  NS0420: 'bf16 needs CPU instructions this machine lacks',
  NS0421: 'bf16 kept out of reach by ONEDNN_MAX_CPU_ISA',
  NS0422: 'backend computes in fp32 only',
  NS0423: 'bf16 kernels not implemented',
  // ---- NS033x: graphs the runtime cannot build as written (found by the fuzzer, issue 15)
  NS0330: 'layer output never used',
} as const;

export type Code = keyof typeof CODES;

/** Builds a Diagnostic; typed on Code so a misspelt code does not compile. */
export function diagnostic(
  code: Code,
  message: string,
  location?: Location,
  extra: { help?: string; note?: string; severity?: Severity } = {},
): Diagnostic {
  const d: Diagnostic = { severity: extra.severity ?? 'error', code, message };
  if (location) d.location = location;
  if (extra.help !== undefined) d.help = extra.help;
  if (extra.note !== undefined) d.note = extra.note;
  return d;
}

const MB = 1024 * 1024;

/** Message templates for the reading and syntax phase (the schema phase builds its own from the schema). */
export const messages = {
  notFound: () => 'file not found',
  isDirectory: () => 'this is a directory, not a spec file',
  emptyFile: () => 'the file is empty; a model spec needs at least `name`, `input` and `layers`',
  onlyComments: () => 'the document has no content, only comments',
  notUtf8: (line: number, col: number, byte: number) =>
    `the file is not valid UTF-8 (byte 0x${byte.toString(16).padStart(2, '0')} at line ${line}, column ${col})`,
  tooLarge: (bytes: number, limit: number) =>
    `the file is ${(bytes / MB).toFixed(1)} MB; specs larger than ${limit / MB} MB are refused`,
  unreadable: (reason: string) => `the file cannot be read: ${reason}`,
  duplicateKey: (key: string) => `duplicate key \`${key}\` in this mapping`,
  tabIndent: () => 'tabs are not allowed for indentation in YAML',
  badIndent: (detail: string) => `bad indentation: ${detail}`,
  unclosed: (open: string, close: string, what: string) => `unclosed \`${open}\`: this ${what} has no closing \`${close}\``,
  unsupportedTag: (tag: string) => `unsupported tag \`${tag}\`; netspec reads plain YAML data only and never runs tags`,
  aliasExplosion: (limit: number) =>
    `aliases here expand to too many nodes (limit: ${limit} alias uses, counting the aliases inside each aliased value); refused to protect memory`,
  notMapping: (kind: string) => `a model spec must be a mapping of fields (\`name:\`, \`layers:\` …); this document is ${kind}`,
  multipleDocuments: () => 'the file holds more than one YAML document; a spec is a single document',
  unknownAnchor: (name: string) => `alias \`*${name}\` refers to no anchor \`&${name}\` defined before it`,
  nonScalarKey: () => 'mapping keys must be plain names, not lists or mappings',
} as const;
