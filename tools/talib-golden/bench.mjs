// Times TA-Lib's batch functions over the shared BTCUSDC one-minute bars (all 30,240 rows), for the throughput ratio
// against FlashTrader's streaming indicators (README, "Indicator throughput next to TA-Lib").
//
//   cd tools/talib-golden && npm ci && npm run bench
//
// Each indicator: its inputs are put in wasm memory once (marshalling is not timed), the call is warmed up (wasm
// tier-up), then timed in 9 rounds of 100 calls; the median round is reported, as the machine may be shared.
// Each round also records the process's CPU time (process.cpuUsage: the batch loop is single-threaded and allocates
// nothing, so this is the main thread's time), which a loaded machine distorts far less than wall clock.
// Writes timings.json (ns per row, rows per second, CPU ns per row) and prints a table.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataPath, here, prepare, readBars, specs } from './talib.mjs';

const bars = readBars(dataPath);
const total = bars.close.length;
const rounds = 9;
const reps = 100;
const timings = { source: 'talib-web 0.1.3 (TA-Lib C in WebAssembly), node ' + process.version, rows: total, method: `median of ${rounds} rounds of ${reps} batch calls; cpuNsPerRow: median round of process CPU time`, indicators: {} };
for (const spec of specs) {
    const run = prepare(spec, bars, total);
    for (let i = 0; i < 30; i++) run.call();
    const perCall = [];
    const cpuPerCall = [];
    for (let r = 0; r < rounds; r++) {
        const c0 = process.cpuUsage();
        const t0 = process.hrtime.bigint();
        for (let i = 0; i < reps; i++) run.call();
        perCall.push(Number(process.hrtime.bigint() - t0) / reps);
        const c = process.cpuUsage(c0);
        cpuPerCall.push(((c.user + c.system) * 1000) / reps);
    }
    run.free();
    const median = (xs) => xs.sort((a, b) => a - b)[rounds >> 1];
    const ns = median(perCall);
    const cpuNs = median(cpuPerCall);
    timings.indicators[spec.file] = { batchMicroseconds: +(ns / 1000).toFixed(2), nsPerRow: +(ns / total).toFixed(3), rowsPerSecond: Math.round(total / (ns / 1e9)), cpuNsPerRow: +(cpuNs / total).toFixed(3) };
    console.log(`${spec.file.padEnd(16)} ${(ns / 1000).toFixed(1).padStart(9)} us per batch of ${total}  ${(ns / total).toFixed(2).padStart(7)} ns/row  ${(total / (ns / 1e9) / 1e6).toFixed(1).padStart(7)} M rows/s  CPU ${(cpuNs / total).toFixed(2).padStart(7)} ns/row`);
}
writeFileSync(join(here, 'timings.json'), JSON.stringify(timings, null, 2) + '\n');
