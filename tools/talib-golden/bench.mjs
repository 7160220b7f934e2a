// Times TA-Lib's batch functions over the shared BTCUSDC one-minute bars (all 30,240 rows), for the throughput ratio
// against FlashTrader's streaming indicators (README, "Indicator throughput next to TA-Lib").
//
//   cd tools/talib-golden && npm ci && npm run bench
//
// Each indicator: its inputs are put in wasm memory once (marshalling is not timed), the call is warmed up (wasm
// tier-up), then timed in 9 rounds of 100 calls; the median round is reported, as the machine may be shared.
// Writes timings.json (ns per row and rows per second) and prints a table.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataPath, here, prepare, readBars, specs } from './talib.mjs';

const bars = readBars(dataPath);
const total = bars.close.length;
const rounds = 9;
const reps = 100;
const timings = { source: 'talib-web 0.1.3 (TA-Lib C in WebAssembly), node ' + process.version, rows: total, method: `median of ${rounds} rounds of ${reps} batch calls`, indicators: {} };
for (const spec of specs) {
    const run = prepare(spec, bars, total);
    for (let i = 0; i < 30; i++) run.call();
    const perCall = [];
    for (let r = 0; r < rounds; r++) {
        const t0 = process.hrtime.bigint();
        for (let i = 0; i < reps; i++) run.call();
        perCall.push(Number(process.hrtime.bigint() - t0) / reps);
    }
    run.free();
    const ns = perCall.sort((a, b) => a - b)[rounds >> 1];
    timings.indicators[spec.file] = { batchMicroseconds: +(ns / 1000).toFixed(2), nsPerRow: +(ns / total).toFixed(3), rowsPerSecond: Math.round(total / (ns / 1e9)) };
    console.log(`${spec.file.padEnd(16)} ${(ns / 1000).toFixed(1).padStart(9)} us per batch of ${total}  ${(ns / total).toFixed(2).padStart(7)} ns/row  ${(total / (ns / 1e9) / 1e6).toFixed(1).padStart(7)} M rows/s`);
}
writeFileSync(join(here, 'timings.json'), JSON.stringify(timings, null, 2) + '\n');
