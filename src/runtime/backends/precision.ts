// Which floating-point precision a run computes in, decided from facts passed in: the CPU's flags,
// the ISA oneDNN may use, the backend, and what netspec implements. Pure; precision-facts.ts
// gathers the facts. bf16 needs all four: native bf16 instructions (AVX-512 BF16 or AMX), oneDNN
// allowed to use them, the native backend, and netspec's bf16 kernels, which do not exist yet.
// `auto` takes bf16 only when everything is there; an explicit bf16 is refused, naming what is
// missing, and never quietly run in fp32.
import { diagnostic } from '../../model/codes.ts';
import type { Diagnostic, Location } from '../../model/diagnostic.ts';

export const PRECISIONS = ['auto', 'fp32', 'bf16'] as const;
export type PrecisionRequest = (typeof PRECISIONS)[number];
export type Precision = Exclude<PrecisionRequest, 'auto'>;

/** netspec's own bf16 kernels (convolution, matmul in bf16 with fp32 master weights): not written yet. */
export const NETSPEC_BF16_KERNELS = false;

/** The backend that could compute in bf16: oneDNN's bf16 primitives live behind it. */
const BF16_BACKEND = 'netspec-cpu';

/** oneDNN ISAs with bf16 convolution and matmul (dnnl_cpu_isa_t, lower case). */
const ONEDNN_BF16_ISAS = ['avx512_core_bf16', 'avx512_core_amx'];
/** The values ONEDNN_MAX_CPU_ISA takes below those; oneDNN ignores any other. */
const ONEDNN_LOWER_ISAS = ['sse41', 'avx', 'avx2', 'avx2_vnni', 'avx512_mic', 'avx512_mic_4ops', 'avx512_core', 'avx512_core_vnni'];

export interface PrecisionFacts {
  /** /proc/cpuinfo's flags; undefined where they cannot be read (not Linux). */
  cpuFlags?: readonly string[];
  /** The CPU's model name, for messages. */
  cpuModel?: string;
  /** The native addon's info().isa (oneDNN's effective ISA); undefined without the addon or from an older build. */
  onednnIsa?: string;
  /** ONEDNN_MAX_CPU_ISA from the environment, if set. */
  maxIsaEnv?: string;
  /** The backend chosen for the run (selectBackend's name). */
  backend: string;
  /** Whether netspec has bf16 kernels (NETSPEC_BF16_KERNELS). */
  bf16Kernels: boolean;
}

/** Where the request came from: the command line, the spec's train.precision, a resumed run's config.json, or nobody (auto). */
export type PrecisionSource = { kind: 'flag' } | { kind: 'spec'; file: string } | { kind: 'run' } | { kind: 'default' };

export type PrecisionDecision =
  | { ok: true; precision: Precision; reason: string }
  | { ok: false; diagnostic: Diagnostic };

/** The CPU's native bf16, by name ("AMX (amx_bf16)"), or undefined; from the flags, else from oneDNN's ISA. */
export function cpuBf16(f: Pick<PrecisionFacts, 'cpuFlags' | 'onednnIsa'>): string | undefined {
  if (f.cpuFlags) {
    const has = (flag: string) => f.cpuFlags!.includes(flag);
    if (has('amx_bf16') && has('amx_tile')) return 'AMX (amx_bf16)';
    if (has('avx512_bf16')) return 'AVX-512 BF16 (avx512_bf16)';
    return undefined;
  }
  // No flags to read: oneDNN's ISA names the CPU's best, unless something capped it.
  if (f.onednnIsa && ONEDNN_BF16_ISAS.includes(f.onednnIsa)) return `oneDNN ISA ${f.onednnIsa}`;
  return undefined;
}

/** Whether oneDNN may use bf16 here: its reported ISA, else the ONEDNN_MAX_CPU_ISA cap; undefined if nothing says no. */
function onednnCap(f: PrecisionFacts): string | undefined {
  const env = f.maxIsaEnv?.trim().toLowerCase();
  const envNote = env ? ` (ONEDNN_MAX_CPU_ISA=${f.maxIsaEnv})` : '';
  if (f.onednnIsa !== undefined) {
    return ONEDNN_BF16_ISAS.includes(f.onednnIsa) ? undefined : `oneDNN is limited to the ${f.onednnIsa} ISA${envNote}, which has no bf16 primitives`;
  }
  if (env && ONEDNN_LOWER_ISAS.includes(env)) return `ONEDNN_MAX_CPU_ISA=${f.maxIsaEnv} keeps oneDNN below avx512_core_bf16`;
  return undefined;
}

interface Missing { code: 'NS0420' | 'NS0421' | 'NS0422' | 'NS0423'; what: string }

/** Everything bf16 would need that is not here, in the order a user would fix it. */
export function bf16Missing(f: PrecisionFacts): Missing[] {
  const out: Missing[] = [];
  const native = cpuBf16(f);
  const cpu = f.cpuModel ? `this CPU (${f.cpuModel})` : 'this CPU';
  if (!native) {
    const seen = f.cpuFlags
      ? `neither avx512_bf16 nor amx_bf16 is in /proc/cpuinfo's flags${f.onednnIsa ? ` (oneDNN ISA ${f.onednnIsa})` : ''}`
      : `its flags could not be read${f.onednnIsa ? ` and oneDNN reports ${f.onednnIsa}` : ' and no oneDNN ISA is known'}`;
    out.push({ code: 'NS0420', what: `${cpu} has no native bf16 instructions: ${seen}` });
  } else {
    const cap = onednnCap(f);
    if (cap) out.push({ code: 'NS0421', what: `${cpu} has ${native}, but ${cap}` });
  }
  if (f.backend !== BF16_BACKEND) out.push({ code: 'NS0422', what: `the ${f.backend} backend computes in fp32 only (bf16 would run through netspec-cpu's oneDNN)` });
  if (!f.bf16Kernels) out.push({ code: 'NS0423', what: 'netspec\'s bf16 kernels are not implemented yet' });
  return out;
}

/** One line for the start of a run: what was found, in words. */
export function describeFacts(f: PrecisionFacts): string {
  const native = cpuBf16(f);
  return `${native ? `native bf16: ${native}` : 'no native bf16'}${f.onednnIsa ? `, oneDNN ISA ${f.onednnIsa}` : ''}`;
}

const HELP = {
  NS0420: 'use --precision fp32 or auto (auto computes in fp32 here); native bf16 needs AVX-512 BF16 (Intel Cooper Lake and later, AMD Zen 4 and later) or AMX (Intel Sapphire Rapids and later)',
  NS0421: 'unset ONEDNN_MAX_CPU_ISA (or set it to AVX512_CORE_BF16, AVX512_CORE_AMX or ALL), or use --precision fp32',
  NS0422: 'use --backend native for bf16, or --precision fp32',
  NS0423: 'use --precision fp32 or auto: bf16 compute is tracked in issue 16',
} as const;

/** The precision to use and why, or the refusal of an explicit bf16 naming everything missing. */
export function decidePrecision(request: PrecisionRequest, facts: PrecisionFacts, source: PrecisionSource = { kind: request === 'auto' ? 'default' : 'flag' }): PrecisionDecision {
  const asked = { spec: `train.precision: ${request}`, flag: `--precision ${request}`, run: `the run's precision (config.json): ${request}`, default: 'auto (the default)' }[source.kind];
  if (request === 'fp32') return { ok: true, precision: 'fp32', reason: `${asked} (${describeFacts(facts)})` };
  const missing = bf16Missing(facts);
  if (request === 'auto') {
    if (!missing.length) return { ok: true, precision: 'bf16', reason: `${asked}: ${describeFacts(facts)}` };
    return { ok: true, precision: 'fp32', reason: `${asked}: ${missing[0].what}` };
  }
  if (!missing.length) return { ok: true, precision: 'bf16', reason: `${asked} (${describeFacts(facts)})` };
  const location: Location | undefined = source.kind === 'spec' ? { file: source.file, path: ['train', 'precision'] } : undefined;
  const first = missing[0];
  const more = missing.slice(1).map((m) => m.what);
  return {
    ok: false,
    diagnostic: diagnostic(first.code, `${asked} cannot run: ${first.what}`, location, {
      help: HELP[first.code],
      ...(more.length ? { note: `also missing: ${more.join('; ')}` } : {}),
    }),
  };
}

/** The line printed beside the backend's at start. */
export const precisionLine = (d: Extract<PrecisionDecision, { ok: true }>): string => `precision: ${d.precision} — ${d.reason}`;
