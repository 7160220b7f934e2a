// TA-Lib (talib-web 0.1.3, TA-Lib C compiled to WebAssembly) loaded for FlashTrader's tools: the module with TA-Lib's
// default candle settings restored, the shared BTCUSDC one-minute bars, and each indicator's TA_<NAME> call.
// Used by generate.mjs (golden values) and bench.mjs (batch timings).

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const talib = require('talib-web');

export const here = dirname(fileURLToPath(import.meta.url));
export const repo = join(here, '..', '..');
export const dataPath = join(repo, '..', 'shared', 'data', 'binanceus-1m-btcusdc-2023-03', 'BTCUSDC_1m_20230301_20230321.csv');

// Node's global fetch makes the Emscripten loader try to fetch() a file path, which fails; without it, the
// loader reads the .wasm file from disk.
const savedFetch = globalThis.fetch;
delete globalThis.fetch;
export const M = await talib.init(require.resolve('talib-web/lib/talib.wasm'));
globalThis.fetch = savedFetch;
restoreCandleDefaultSettings();

// talib-web never calls TA_Initialize (nor exports it or TA_SetCandleSettings), so TA-Lib's candle settings
// stay zeroed: every pattern would run with averaging period 0 and factor 0. We write TA-Lib's defaults
// (TA_RestoreCandleDefaultSettings) into the module's memory. Layout, read from talib.wasm of talib-web 0.1.3
// with wasm2wat: the module is relocatable with __memory_base 1024; the TA_Globals pointer lives at
// base+2928 and points to the struct at base+2936; the candle settings array starts 160 bytes into the struct,
// 24 bytes per setting {int type @0; int rangeType @4; int avgPeriod @8; double factor @16} (TA_CDLDOJI reads BodyDoji,
// setting 3, at offsets 236/240/248). The first-output indices checked below prove the settings took effect.
function restoreCandleDefaultSettings() {
    const RealBody = 0, HighLow = 1, Shadows = 2;
    const defaults = [
        [RealBody, 10, 1.0], // BodyLong
        [RealBody, 10, 3.0], // BodyVeryLong
        [RealBody, 10, 1.0], // BodyShort
        [HighLow, 10, 0.1], // BodyDoji
        [RealBody, 0, 1.0], // ShadowLong
        [RealBody, 0, 2.0], // ShadowVeryLong
        [Shadows, 10, 1.0], // ShadowShort
        [HighLow, 10, 0.1], // ShadowVeryShort
        [HighLow, 5, 0.2], // Near
        [HighLow, 5, 0.6], // Far
        [HighLow, 5, 0.05], // Equal
    ];
    const memoryBase = 1024;
    const globals = M.HEAP32[(memoryBase + 2928) / 4];
    if (globals !== memoryBase + 2936) throw new Error(`unexpected TA_Globals pointer ${globals}: not talib-web 0.1.3's layout`);
    const base = globals + 160;
    defaults.forEach(([rangeType, avgPeriod, factor], i) => {
        const at = base + i * 24;
        M.HEAP32[at / 4] = i;
        M.HEAP32[at / 4 + 1] = rangeType;
        M.HEAP32[at / 4 + 2] = avgPeriod;
        M.HEAPF64[(at + 16) / 8] = factor;
    });
}

export function readBars(path) {
    const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.length > 0);
    const header = lines[0].split(',');
    const col = (name) => {
        const i = header.indexOf(name);
        if (i < 0) throw new Error(`${path}: no column '${name}'`);
        return i;
    };
    const [io, ih, il, ic, iv] = ['open', 'high', 'low', 'close', 'volume'].map(col);
    const bars = { open: [], high: [], low: [], close: [], volume: [] };
    for (let n = 1; n < lines.length; n++) {
        const f = lines[n].split(',');
        bars.open.push(Number(f[io]));
        bars.high.push(Number(f[ih]));
        bars.low.push(Number(f[il]));
        bars.close.push(Number(f[ic]));
        bars.volume.push(Number(f[iv]));
    }
    return bars;
}

// Each spec: TA-Lib function, its input series, its options in C argument order, and its outputs
// (name and whether TA-Lib writes int[] rather than double[]).
export const specs = [
    { file: 'sma_20', fn: 'SMA', inputs: ['close'], options: [20], outputs: ['sma'] },
    { file: 'ema_20', fn: 'EMA', inputs: ['close'], options: [20], outputs: ['ema'] },
    { file: 'wma_20', fn: 'WMA', inputs: ['close'], options: [20], outputs: ['wma'] },
    { file: 'rsi_14', fn: 'RSI', inputs: ['close'], options: [14], outputs: ['rsi'] },
    { file: 'macd_12_26_9', fn: 'MACD', inputs: ['close'], options: [12, 26, 9], outputs: ['macd', 'signal', 'hist'] },
    // BBANDS(period, nbDevUp, nbDevDn, MAType=SMA)
    { file: 'bbands_20_2', fn: 'BBANDS', inputs: ['close'], options: [20, 2, 2, 0], outputs: ['upper', 'middle', 'lower'] },
    { file: 'atr_14', fn: 'ATR', inputs: ['high', 'low', 'close'], options: [14], outputs: ['atr'] },
    // STOCH(fastK, slowK, slowK MAType=SMA, slowD, slowD MAType=SMA)
    { file: 'stoch_14_3_3', fn: 'STOCH', inputs: ['high', 'low', 'close'], options: [14, 3, 0, 3, 0], outputs: ['k', 'd'] },
    { file: 'cci_20', fn: 'CCI', inputs: ['high', 'low', 'close'], options: [20], outputs: ['cci'] },
    { file: 'obv', fn: 'OBV', inputs: ['close', 'volume'], options: [], outputs: ['obv'] },
    { file: 'mfi_14', fn: 'MFI', inputs: ['high', 'low', 'close', 'volume'], options: [14], outputs: ['mfi'] },
    { file: 'adx_14', fn: 'ADX', inputs: ['high', 'low', 'close'], options: [14], outputs: ['adx'] },
    // expectBegin: TA-Lib's lookback with the default candle settings (guards the settings patch above).
    { file: 'cdldoji', expectBegin: 10, fn: 'CDLDOJI', inputs: ['open', 'high', 'low', 'close'], options: [], outputs: ['doji'], int: true },
    { file: 'cdlhammer', expectBegin: 11, fn: 'CDLHAMMER', inputs: ['open', 'high', 'low', 'close'], options: [], outputs: ['hammer'], int: true },
    { file: 'cdlshootingstar', expectBegin: 11, fn: 'CDLSHOOTINGSTAR', inputs: ['open', 'high', 'low', 'close'], options: [], outputs: ['shootingstar'], int: true },
    { file: 'cdlengulfing', expectBegin: 2, fn: 'CDLENGULFING', inputs: ['open', 'high', 'low', 'close'], options: [], outputs: ['engulfing'], int: true },
];

// Allocates wasm memory for one spec over `n` bars and returns a function that runs TA_<fn> on it.
export function prepare(spec, bars, n) {
    const inPtrs = spec.inputs.map((name) => {
        const p = M._malloc(n * 8);
        M.HEAPF64.set(bars[name].slice(0, n), p / 8);
        return p;
    });
    const begPtr = M._malloc(4);
    const nbPtr = M._malloc(4);
    const outPtrs = spec.outputs.map(() => M._malloc(n * 8));
    const args = [0, n - 1, ...inPtrs, ...spec.options, begPtr, nbPtr, ...outPtrs];
    const types = args.map(() => 'number');
    const call = () => {
        const rc = M.ccall(`TA_${spec.fn}`, 'number', types, args);
        if (rc !== 0) throw new Error(`TA_${spec.fn} returned ${rc}`);
    };
    const read = () => {
        const beg = M.HEAP32[begPtr / 4];
        const nb = M.HEAP32[nbPtr / 4];
        const columns = outPtrs.map((p) =>
            spec.int ? Array.from(M.HEAP32.subarray(p / 4, p / 4 + nb)) : Array.from(M.HEAPF64.subarray(p / 8, p / 8 + nb)));
        return { beg, nb, columns };
    };
    const free = () => [...inPtrs, begPtr, nbPtr, ...outPtrs].forEach((p) => M._free(p));
    return { call, read, free };
}
