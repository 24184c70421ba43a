/** Small timing helpers: medians over many runs, because the shared machines are noisy. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median time of one call in milliseconds, measured in `batches` batches of `perBatch` calls after a warm-up. */
export function timeMedian(fn: () => void, batches = 30, perBatch = 200): number {
  for (let i = 0; i < perBatch * 5; i++) fn();
  const samples: number[] = [];
  for (let b = 0; b < batches; b++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < perBatch; i++) fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6 / perBatch);
  }
  return median(samples);
}

export function row(label: string, value: string): void {
  process.stdout.write(`${label.padEnd(58)} ${value}\n`);
}
