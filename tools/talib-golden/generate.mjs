// Generates TA-Lib golden values for FlashTrader's indicator tests (bench.mjs times TA-Lib's batch functions).
//
//   cd tools/talib-golden && npm ci && node generate.mjs
//
// Reads the first 3000 rows of the shared Binance.US BTCUSDC 1-minute bars, calls the TA-Lib C functions
// (compiled to WebAssembly by talib-web) directly, and writes one gzipped CSV per indicator into
// tests/FlashTrader.Core.Tests/Indicators/Golden/: header "index,<outputs...>", one row per input bar,
// empty cells before TA-Lib's first output (outBegIdx). Numbers are JavaScript's shortest round-trip
// form, so every double is reproduced bit for bit.
//
// talib-web's own wrapper drops outBegIdx/outNBElement and reads integer outputs as doubles, so this
// script marshals the arguments itself and calls TA_<NAME> through the Emscripten ccall.

import { writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { dataPath, prepare, readBars, repo, specs } from './talib.mjs';

const goldenDir = join(repo, 'tests', 'FlashTrader.Core.Tests', 'Indicators', 'Golden');
const goldenRows = 3000;

const bars = readBars(dataPath);
mkdirSync(goldenDir, { recursive: true });

let goldenBytes = 0;
for (const spec of specs) {
    const run = prepare(spec, bars, goldenRows);
    run.call();
    const { beg, nb, columns } = run.read();
    run.free();
    if (spec.expectBegin !== undefined && beg !== spec.expectBegin) {
        throw new Error(`${spec.fn}: first output at ${beg}, expected ${spec.expectBegin}: candle settings not applied`);
    }
    const lines = [['index', ...spec.outputs].join(',')];
    for (let i = 0; i < goldenRows; i++) {
        const k = i - beg;
        const cells = columns.map((c) => (k >= 0 && k < nb ? String(c[k]) : ''));
        lines.push([i, ...cells].join(','));
    }
    const gz = gzipSync(Buffer.from(lines.join('\n') + '\n', 'utf8'), { level: 9 });
    writeFileSync(join(goldenDir, `${spec.file}.csv.gz`), gz);
    goldenBytes += gz.length;
    console.log(`${spec.file}: first output at index ${beg}, ${nb} outputs`);
}
console.log(`golden files: ${goldenBytes} bytes gzipped`);
