import { benchDetection } from './detection.js';

/**
 * `node dist/bench/detectionMain.js [SEEDS] [KERNEL,…] [PROPERTY,…]`: the detection rates alone,
 * for tuning the arbitraries without running the whole bench.
 */
const [seeds = '100', kernels, properties] = process.argv.slice(2);
const rows = benchDetection(Number(seeds), {
  ...(kernels === undefined || kernels === '' ? {} : { kernels: kernels.split(',') }),
  ...(properties === undefined || properties === '' ? {} : { properties: properties.split(',') }),
});
for (const r of rows)
  process.stdout.write(
    `${`${r.kernel} ${r.path} ${r.property}`.padEnd(48)} found ${String(r.found).padStart(4)}/${r.seeds}  median runs ${String(r.medianRuns).padStart(3)}  median ${r.medianMs.toFixed(0).padStart(5)} ms  minimal ${r.minimal}${r.missed.length > 0 ? `  missed seeds ${r.missed.slice(0, 8).join(' ')}` : ''}\n`,
  );
