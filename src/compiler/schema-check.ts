// Schema validity without compiling the schema: the precompiled validators of
// schema-check.generated.ts, used only while they match schema/model.schema.json byte for byte.
// They answer valid / invalid; explaining an invalid spec still takes ajv (validate.ts).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as generated from './schema-check.generated.ts';

export type Check = (value: unknown) => boolean;

export const schemaHash = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

let fresh: boolean | undefined;

/** The precompiled validators, or undefined when the schema changed since they were generated. */
export function precompiledChecks(schemaUrl: URL): { model: Check; layer: Check; layerPartial: Check } | undefined {
  if (fresh === undefined) {
    try {
      fresh = schemaHash(readFileSync(schemaUrl)) === generated.schemaSha256;
    } catch {
      fresh = false;
    }
  }
  return fresh ? { model: generated.model as Check, layer: generated.layer as Check, layerPartial: generated.layerPartial as Check } : undefined;
}
