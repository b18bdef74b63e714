// Writes src/compiler/schema-check.generated.ts: ajv's standalone validation code for the model
// schema and its layer definition, so the CLI need not compile the schema at every start (ajv's
// compile took ~0.5 s of `summary`'s ~1 s). Run after editing schema/model.schema.json:
//   npx tsx scripts/gen-schema-check.ts
// A test fails while the file is stale; at run time a stale file is ignored (slower, never wrong).
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateSchemaCheck } from '../src/compiler/schema-check-gen.ts';

const out = fileURLToPath(new URL('../src/compiler/schema-check.generated.ts', import.meta.url));
const text = generateSchemaCheck();
if (fs.existsSync(out) && fs.readFileSync(out, 'utf8') === text) {
  console.log(`${out} is up to date`);
} else {
  fs.writeFileSync(out, text);
  console.log(`wrote ${out} (${text.length} characters)`);
}
