import type { ModelIR } from '../../model/ir.ts';
export function trainPy(_ir: ModelIR, _source: string): string {
  return '';
}
