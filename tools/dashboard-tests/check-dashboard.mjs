// Drives the live dashboard in headless chromium (playwright-core) and checks it against the JSON API it is built on.
// Usage: node check-dashboard.mjs <dashboard url> <screenshot.png>
// Prints one JSON object (what was checked, with the figures) on stdout; exits 1 with the failures on stderr.
import { chromium } from 'playwright-core';

const [url, screenshot] = process.argv.slice(2);
if (!url || !screenshot) {
  console.error('usage: node check-dashboard.mjs <dashboard url> <screenshot.png>');
  process.exit(2);
}

const failures = [];
const result = { url };
const consoleErrors = [];
const fail = (message) => failures.push(message);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function api(path, init) {
  const response = await fetch(new URL(path, url), init);
  const body = await response.json();
  if (!response.ok && !init) throw new Error(`${path}: HTTP ${response.status} ${JSON.stringify(body)}`);
  return { status: response.status, body };
}

async function until(what, probe, timeoutMs = 30_000) {
  const start = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(200);
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1250 } });
  // The browser logs every 4xx response as an error: the one the strategy step provokes on purpose is expected.
  const expectedRejections = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const at = m.location().url || '';
    if (m.text().includes('status of 400') && expectedRejections.some((p) => at.endsWith(p))) result.expectedRejections = (result.expectedRejections || 0) + 1;
    else consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('dialog', (d) => d.accept()); // the kill switch asks for confirmation

  await page.goto(url, { waitUntil: 'load' });
  result.chartLibraryLoaded = await page.evaluate(() => typeof window.LightweightCharts === 'object' && !!window.LightweightCharts.createChart);
  if (!result.chartLibraryLoaded) fail('lightweight-charts did not load from /lib (run npm ci in tools/dashboard-web and rebuild)');
  await until('the first pushed updates', () => page.evaluate(() => window.__dashboard && window.__dashboard.updates >= 2));

  // Let the replay build enough 1-minute candles for the EMA overlay, so the charts (and the screenshot) show it all.
  await until('an EMA overlay on the 1m candles', async () => (await api('api/candles?symbol=BTCUSDC&tf=1m')).body.ema.length > 0, 90_000);
  await until('the page to draw the overlay', () => page.evaluate(() => (window.__dashboard.last?.candles?.series?.ema.length ?? 0) > 0));
  const candles = (await api('api/candles?symbol=BTCUSDC&tf=1m')).body;
  result.candles = { count: candles.candles.length, ema: candles.ema.length, bollinger: candles.bollinger.length };

  // Every chart draws a non-empty canvas: more than a handful of distinct colours in its pixels.
  result.charts = await page.evaluate(() => {
    const out = {};
    for (const el of document.querySelectorAll('[data-chart]')) {
      const canvases = el.tagName === 'CANVAS' ? [el] : [...el.querySelectorAll('canvas')];
      let best = 0;
      for (const c of canvases) {
        if (c.width === 0 || c.height === 0) continue;
        const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        const seen = new Set();
        for (let i = 0; i < data.length; i += 16) seen.add((data[i] << 24) | (data[i + 1] << 16) | (data[i + 2] << 8) | data[i + 3]);
        best = Math.max(best, seen.size);
      }
      out[el.dataset.chart] = { canvases: canvases.length, distinctColours: best };
    }
    return out;
  });
  for (const name of ['price', 'depth', 'equity', 'heatmap']) {
    const chart = result.charts[name];
    if (!chart) fail(`chart '${name}' is missing from the page`);
    else if (chart.distinctColours < 4) fail(`chart '${name}' drew an empty canvas (${chart.distinctColours} colours)`);
  }

  await page.screenshot({ path: screenshot, fullPage: true });
  result.screenshot = screenshot;

  // A runtime risk change through the page's form takes effect (the API confirms), and the page shows it.
  await page.fill('#limit-daily-loss', '321.5');
  await page.fill('#limit-max-drawdown', '7.25');
  await page.click('#limits-form button[type=submit]');
  const risk = await until('the new risk limits in /api/risk', async () => {
    const r = (await api('api/risk')).body;
    const daily = r.limits.find((l) => l.key === 'Risk:DailyLossLimit').limit;
    const dd = r.limits.find((l) => l.key === 'Risk:MaxDrawdownPercent').limit;
    return daily === 321.5 && dd === 7.25 ? r : null;
  });
  result.riskLimits = Object.fromEntries(risk.limits.map((l) => [l.key, l.limit]));
  const invalid = await api('api/risk/limits', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"DailyLossLimit": -1}' });
  result.invalidRiskChange = { status: invalid.status, errors: invalid.body.errors };

  // A strategy parameter changed through the page's form: a bad value is reported on the page naming the key; a good
  // one takes effect in-band (the API shows the new version) and the page shows it.
  await until('the running strategies on the page', async () => (await page.$$eval('#strategy-name option', (o) => o.map((x) => x.value))).includes('hot'));
  await page.selectOption('#strategy-name', 'hot');
  await page.selectOption('#strategy-param', 'threshold');
  expectedRejections.push('/api/strategies/hot/parameters');
  await page.fill('#strategy-value', 'x');
  await page.click('#strategy-form button[type=submit]');
  const strategyError = await until('the invalid value reported on the page', async () => {
    const t = await page.textContent('#strategy-error');
    return t && t.length > 0 ? t : null;
  });
  expectedRejections.pop();
  await page.fill('#strategy-value', '0.35');
  await page.click('#strategy-form button[type=submit]');
  const edited = await until('the new parameter in /api/strategies', async () => {
    const s = (await api('api/strategies')).body.running.find((r) => r.name === 'hot');
    return s && s.version === '1.0.0+runtime.1' && s.parameters.threshold === 0.35 ? s : null;
  });
  const shownVersion = await until('the page to show the new version', async () => {
    const t = await page.textContent('[data-key="strategy.hot.version"]');
    return t === edited.version ? t : null;
  });
  result.strategy = { error: strategyError, version: edited.version, hash: edited.hash, threshold: edited.parameters.threshold, shownVersion };

  // The kill switch halts trading: the API confirms, and nothing stays open.
  await page.click('#kill');
  const status = await until('the kill switch to halt trading', async () => {
    const s = (await api('api/status')).body;
    return s.halted && s.haltReason === 'kill switch by dashboard' ? s : null;
  });
  const flat = await until('positions flattened and orders cancelled', async () => {
    const positions = (await api('api/positions')).body;
    const orders = (await api('api/orders')).body;
    return positions.every((p) => p.quantity === 0) && orders.length === 0 ? positions : null;
  });
  result.kill = { state: status.state, haltReason: status.haltReason, positions: flat.map((p) => [p.symbol, p.quantity]) };

  // The numbers on the page equal the API's: once halted and flat these stand still, so both can be read at one point.
  // The page may be one push behind: retry until they agree or time runs out.
  let mismatches = [];
  await until('the page to show the same numbers as the API', async () => {
    const [balances, portfolio, riskNow, st] = await Promise.all(['api/balances', 'api/portfolio', 'api/risk', 'api/status'].map(async (p) => (await api(p)).body));
    const expected = { 'status.haltReason': st.haltReason, 'status.mode': st.mode, 'status.feed': st.feed, 'portfolio.fillCount': portfolio.fillCount, 'portfolio.realizedPnl': portfolio.realizedPnl };
    for (const b of balances) {
      expected[`balance.${b.asset}.free`] = b.free;
      expected[`balance.${b.asset}.locked`] = b.locked;
      expected[`balance.${b.asset}.total`] = b.total;
    }
    for (const p of portfolio.positions) expected[`position.${p.symbol}.quantity`] = p.quantity;
    for (const l of riskNow.limits) expected[`limit.${l.key}`] = l.limit;
    const shown = await page.evaluate((keys) => Object.fromEntries(keys.map((k) => [k, document.querySelector(`[data-key="${k}"]`)?.textContent ?? null])), Object.keys(expected));
    mismatches = Object.keys(expected).filter((k) => shown[k] !== String(expected[k]));
    result.compared = Object.keys(expected).length;
    result.shown = shown;
    return mismatches.length === 0;
  }, 10_000).catch(() => fail(`page and API disagree on: ${mismatches.join(', ')}`));
} catch (e) {
  fail(String(e && e.stack ? e.stack : e));
} finally {
  await browser.close();
}

result.consoleErrors = consoleErrors;
if (consoleErrors.length > 0) fail(`console errors: ${consoleErrors.join(' | ')}`);
console.log(JSON.stringify(result, null, 2));
if (failures.length > 0) {
  console.error(failures.join('\n'));
  process.exit(1);
}
