// At most `n` tasks running at once; the rest wait their turn in FIFO order.

export type Limit = <T>(task: () => T | Promise<T>) => Promise<T>;

export function limiter(n: number): Limit {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (active >= n) await new Promise<void>((go) => waiting.push(go));
    else active++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next(); // hand the slot over without releasing it
      else active--;
    }
  };
}
