// What the trainer shows while it runs: a cli-progress bar per epoch on a terminal, plain lines
// every N steps otherwise (logs, CI). Both take their output as a parameter.
import cliProgress from 'cli-progress';
import type { EpochMetrics } from './loop.ts';

export interface Reporter {
  epochStart(info: { epoch: number; epochs: number; steps: number; startStep: number; lr: number }): void;
  step(info: { step: number; loss: number; top1Error: number; imagesPerSec: number }): void;
  epochEnd(m: EpochMetrics): void;
  close(): void;
}

const pct = (x: number | null): string => (x === null || Number.isNaN(x) ? '–' : `${(100 * x).toFixed(2)}%`);

/** One line summarising an epoch. */
export function epochLine(m: EpochMetrics, epochs: number): string {
  return (
    `epoch ${m.epoch}/${epochs}: train loss ${m.trainLoss.toFixed(4)} err ${pct(m.trainTop1Error)} | ` +
    `val loss ${m.valLoss === null ? '–' : m.valLoss.toFixed(4)} top-1 ${pct(m.valTop1Error)} top-5 ${pct(m.valTop5Error)} | ` +
    `lr ${m.lr.toPrecision(3)} | ${Math.round(m.imagesPerSec)} img/s | ${m.seconds.toFixed(1)} s`
  );
}

/** Plain lines: one every `every` steps (default: about ten per epoch) and at the epoch's end. */
export function lineReporter(print: (line: string) => void, every?: number): Reporter {
  let epochs = 0;
  let steps = 0;
  let epoch = 0;
  let each = 1;
  return {
    epochStart(i) {
      ({ epochs, steps, epoch } = i);
      each = every ?? Math.max(1, Math.ceil(steps / 10));
      print(`epoch ${epoch + 1}/${epochs}: lr ${i.lr.toPrecision(3)}, ${steps} steps${i.startStep ? `, resuming at step ${i.startStep + 1}` : ''}`);
    },
    step(s) {
      if (s.step % each === 0 || s.step === steps) {
        print(`  step ${s.step}/${steps}  loss ${s.loss.toFixed(4)}  err ${pct(s.top1Error)}  ${Math.round(s.imagesPerSec)} img/s`);
      }
    },
    epochEnd: (m) => print(epochLine(m, epochs)),
    close() {},
  };
}

/** A progress bar per epoch with loss, running top-1 error, images/s and ETA, on `stream`. */
export function barReporter(stream: NodeJS.WritableStream, print: (line: string) => void): Reporter {
  let bar: cliProgress.SingleBar | undefined;
  let epochs = 0;
  const stop = () => {
    bar?.stop();
    bar = undefined;
  };
  return {
    epochStart(i) {
      stop();
      epochs = i.epochs;
      bar = new cliProgress.SingleBar(
        {
          stream,
          format: `epoch ${i.epoch + 1}/${i.epochs} {bar} {value}/{total} | loss {loss} | err {err} | {ips} img/s | ETA {eta_formatted}`,
          hideCursor: true,
          etaBuffer: 50,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(i.steps, i.startStep, { loss: '–', err: '–', ips: '–' });
    },
    step(s) {
      bar?.update(s.step, { loss: s.loss.toFixed(4), err: pct(s.top1Error), ips: Math.round(s.imagesPerSec) });
    },
    epochEnd(m) {
      stop();
      print(epochLine(m, epochs));
    },
    close: stop,
  };
}
