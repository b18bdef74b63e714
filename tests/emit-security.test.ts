// Generated code is a security boundary: text from YAML reaches it only as escaped literals or
// comments that cannot be closed. Hostile specs compile; the output holds no executable trace.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Project, SyntaxKind } from 'ts-morph';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeModel, generateModule } from '../src/compiler/compile.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netspec-inject-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const root = path.resolve(__dirname, '..');

const payloads = [
  '*/ process.exit(1); /*',
  '\\n process.exit(1) //',
  '"; process.exit(1); "',
  "'; process.exit(1); '",
  '` + process.exit(1) + `',
  '${process.exit(1)}',
  '\u2028process.exit(1)\u2029',
  '<!-- --> process.exit(1)',
  // Long enough to be wrapped over several comment lines, a terminator across a break.
  `${'x'.repeat(113)}*/ process.exit(1); /*${'y '.repeat(60)}*/\nprocess.exit(1)`,
];

describe.each(payloads)('payload %j', (payload) => {
  it('never reaches generated code as code', () => {
    const yamlString = JSON.stringify(payload); // a valid YAML double-quoted scalar
    const file = path.join(dir, 'hostile.yaml');
    fs.writeFileSync(file, `name: hostile
description: ${yamlString}
input: { shape: [8, 8, 1] }
classes: 2
blocks:
  unit:
    description: ${yamlString}
    params: { w: { type: integer, description: ${yamlString} } }
    layers:
      - { type: conv2d, name: conv, filters: $w, kernel: 1, description: ${yamlString} }
layers:
  - { type: conv2d, filters: 2, kernel: 3, description: ${yamlString} }
  - { type: block, block: unit, args: { w: 2 }, repeat: 2, description: ${yamlString} }
  - { type: flatten, description: ${yamlString} }
  - { type: dense, units: 2, activation: softmax }
`);
    const a = analyzeModel(file);
    expect(a.diagnostics).toEqual([]);
    const text = generateModule(a.ir!, path.join(root, 'generated', 'hostile.ts'), root);
    // The block is one function, its layer's description a comment inside it.
    expect(text).toContain('function block$unit(');
    const project = new Project({ useInMemoryFileSystem: true });
    const sf = project.createSourceFile('hostile.ts', text);
    // It parses, and nothing in it calls process.exit.
    expect(project.getProgram().compilerObject.getSyntacticDiagnostics(sf.compilerNode).map((d) => d.messageText)).toEqual([]);
    expectNoProcess(sf);
  });
});

function expectNoProcess(sf: ReturnType<Project['createSourceFile']>): void {
  const calls = sf.getDescendantsOfKind(SyntaxKind.CallExpression).map((c) => c.getExpression().getText());
  expect(calls.filter((c) => c.includes('process'))).toEqual([]);
  expect(sf.getDescendantsOfKind(SyntaxKind.Identifier).map((i) => i.getText())).not.toContain('process');
}

it('a hostile spec file path reaches the header only as a comment', () => {
  const sub = path.join(dir, 'a*/ process.exit(1) /*\nprocess.exit(1)\u2028');
  fs.mkdirSync(sub, { recursive: true });
  const file = path.join(sub, 'model.yaml');
  fs.writeFileSync(file, 'name: hostile\ninput: { shape: [8, 8, 1] }\nclasses: 2\nlayers:\n  - { type: flatten }\n  - { type: dense, units: 2 }\n');
  const a = analyzeModel(file);
  expect(a.diagnostics).toEqual([]);
  const text = generateModule(a.ir!, path.join(root, 'generated', 'hostile.ts'), root);
  expect(text).toContain('process.exit(1)');
  const project = new Project({ useInMemoryFileSystem: true });
  const sf = project.createSourceFile('hostile.ts', text);
  expect(project.getProgram().compilerObject.getSyntacticDiagnostics(sf.compilerNode).map((d) => d.messageText)).toEqual([]);
  expectNoProcess(sf);
});

it('model names with quotes are refused by the schema before anything is generated', () => {
  const file = path.join(dir, 'badname.yaml');
  fs.writeFileSync(file, `input: { shape: [8, 8, 1] }\nclasses: 2\nlayers:\n  - { type: flatten, name: "a'); process.exit(1); ('" }\n  - { type: dense, units: 2 }\n`);
  const a = analyzeModel(file);
  expect(a.ir).toBeUndefined();
  expect(a.diagnostics.map((d) => d.code)).toContain('NS0206');
});
