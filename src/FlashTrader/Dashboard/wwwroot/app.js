// FlashTrader dashboard: renders the server's pushed state (Server-Sent Events, /api/stream) and sends the operator's
// controls to the JSON API. Every number shown comes straight from the API's JSON, unrounded, so it can be checked.
'use strict';

(() => {
  const LWC = window.LightweightCharts;
  const page = { updates: 0, last: null, symbol: null, tf: '1m', source: null, chartsReady: false };
  window.__dashboard = page; // read by the browser tests

  const $ = (id) => document.getElementById(id);
  const text = (v) => (v === null || v === undefined ? '—' : String(v));
  const time = (ms) => (ms ? new Date(ms).toISOString().substring(11, 23) : '—');
  const colors = { bg: '#171d24', text: '#d8dee6', grid: '#222a33', buy: '#26a69a', sell: '#ef5350', ema: '#f5b942', bb: '#7e57c2', equity: '#4fa3e0' };

  // ---- charts (lightweight-charts, served locally) ----------------------------------------------------------------
  let price = null;
  let equity = null;
  if (!LWC) {
    $('library-missing').hidden = false;
  } else {
    const base = {
      autoSize: true,
      layout: { background: { type: 'solid', color: colors.bg }, textColor: colors.text, attributionLogo: false },
      grid: { vertLines: { color: colors.grid }, horzLines: { color: colors.grid } },
      timeScale: { timeVisible: true, secondsVisible: false },
    };
    const chart = LWC.createChart($('price-chart'), base);
    const line = (color, width) => chart.addSeries(LWC.LineSeries, { color, lineWidth: width, priceLineVisible: false, lastValueVisible: false, crosshairMarkerVisible: false });
    price = {
      chart,
      candles: chart.addSeries(LWC.CandlestickSeries, { upColor: colors.buy, downColor: colors.sell, borderVisible: false, wickUpColor: colors.buy, wickDownColor: colors.sell }),
      ema: line(colors.ema, 2),
      upper: line(colors.bb, 1),
      middle: line(colors.bb, 1),
      lower: line(colors.bb, 1),
    };
    price.markers = LWC.createSeriesMarkers(price.candles, []);
    const eq = LWC.createChart($('equity-chart'), { ...base, timeScale: { timeVisible: true, secondsVisible: true } });
    equity = {
      chart: eq,
      value: eq.addSeries(LWC.AreaSeries, { lineColor: colors.equity, topColor: 'rgba(79,163,224,0.35)', bottomColor: 'rgba(79,163,224,0.02)', lineWidth: 2 }),
      drawdown: eq.addSeries(LWC.HistogramSeries, { color: colors.sell, priceScaleId: 'drawdown', priceLineVisible: false, lastValueVisible: false }),
    };
    eq.priceScale('drawdown').applyOptions({ scaleMargins: { top: 0.75, bottom: 0 } });
  }

  // ---- rendering --------------------------------------------------------------------------------------------------
  function get(obj, path) {
    return path.split('.').reduce((o, k) => (o === null || o === undefined ? undefined : o[k]), obj);
  }

  function fillKeys(update) {
    for (const el of document.querySelectorAll('[data-key]')) {
      const key = el.dataset.key;
      const [root] = key.split('.');
      if (root in update) {
        el.textContent = text(get(update, key));
      }
    }
  }

  function rows(tableId, items, cells) {
    const body = $(tableId).tBodies[0];
    const fresh = document.createDocumentFragment();
    for (const item of items) {
      const tr = document.createElement('tr');
      for (const cell of cells(item)) {
        const td = document.createElement('td');
        const [value, key, cls] = Array.isArray(cell) ? cell : [cell];
        td.textContent = text(value);
        if (key) td.dataset.key = key;
        if (cls) td.className = cls;
        tr.appendChild(td);
      }
      fresh.appendChild(tr);
    }
    body.replaceChildren(fresh);
  }

  function renderStatus(s) {
    const badge = $('state');
    badge.className = 'badge ' + s.state;
    $('channels').textContent = `inbound ${s.channelDepths.inbound} · ticks ${s.channelDepths.ticks} · signals ${s.channelDepths.signals} · risk ${s.channelDepths.toRisk} · exchange ${s.channelDepths.toExchange}`;
    rows('books', s.books, (b) => [b.symbol, b.state, b.resyncs, b.gaps]);
    const live = s.liveFeed;
    $('live-feed-row').hidden = !live;
    if (live) {
      $('live-feed').textContent = `connects ${live.connects} · reconnects ${live.reconnects} · stale ${live.staleDisconnects} · rotations ${live.rotations} · frames ${live.frames} (malformed ${live.malformedFrames}) · gaps ${live.gaps} · resyncs ${live.resyncs} · books synced ${live.booksSyncedAtEnd}`;
    }
  }

  function renderMarket(market) {
    const select = $('symbol');
    if (select.options.length === 0 && market.symbols.length > 0) {
      for (const s of market.symbols) select.add(new Option(s.symbol, s.symbol));
      page.symbol = market.symbols[0].symbol;
    }
    const m = market.symbols.find((s) => s.symbol === page.symbol) || market.symbols[0];
    if (!m) return;
    $('book-symbol').textContent = `${m.symbol} · ${m.bookState}`;
    $('best-bid').textContent = text(m.bestBid);
    $('best-ask').textContent = text(m.bestAsk);
    $('spread').textContent = m.spreadBps === null ? '—' : m.spreadBps.toFixed(3);
    $('imbalance').textContent = m.imbalance === null ? '—' : m.imbalance.toFixed(3);
    rows('trades', m.recentTrades, (t) => [time(t.timeMs), t.price, t.quantity, [t.aggressor, null, t.aggressor]]);
    drawDepth(m);
  }

  function drawDepth(m) {
    const canvas = $('depth-chart');
    const ctx = sized(canvas);
    const w = canvas.clientWidth;
    const h = canvas.clientHeight;
    ctx.fillStyle = colors.bg;
    ctx.fillRect(0, 0, w, h);
    const cum = (levels) => { let t = 0; return levels.map((l) => ({ price: l.price, total: (t += l.quantity) })); };
    const bids = cum(m.bids);
    const asks = cum(m.asks);
    if (bids.length === 0 || asks.length === 0) {
      ctx.fillStyle = colors.text;
      ctx.fillText('book not synced', 10, 20);
      return;
    }
    const lo = bids[bids.length - 1].price;
    const hi = asks[asks.length - 1].price;
    const top = Math.max(bids[bids.length - 1].total, asks[asks.length - 1].total);
    const x = (p) => ((p - lo) / (hi - lo || 1)) * (w - 20) + 10;
    const y = (q) => h - 18 - (q / top) * (h - 30);
    const side = (levels, color, fill) => {
      ctx.beginPath();
      ctx.moveTo(x(levels[0].price), h - 18);
      for (const l of levels) { ctx.lineTo(x(l.price), y(l.total)); }
      ctx.lineTo(x(levels[levels.length - 1].price), h - 18);
      ctx.closePath();
      ctx.fillStyle = fill;
      ctx.fill();
      ctx.strokeStyle = color;
      ctx.stroke();
    };
    side(bids, colors.buy, 'rgba(38,166,154,0.35)');
    side(asks, colors.sell, 'rgba(239,83,80,0.35)');
    ctx.fillStyle = colors.text;
    ctx.font = '11px system-ui';
    ctx.fillText(String(lo), 4, h - 4);
    const hiLabel = String(hi);
    ctx.fillText(hiLabel, w - ctx.measureText(hiLabel).width - 4, h - 4);
    ctx.fillText(`${m.bids.length} bid / ${m.asks.length} ask levels`, 10, 12);
  }

  function sized(canvas) {
    const ratio = window.devicePixelRatio || 1;
    const w = canvas.clientWidth;
    const h = canvas.clientHeight;
    if (canvas.width !== Math.round(w * ratio) || canvas.height !== Math.round(h * ratio)) {
      canvas.width = Math.round(w * ratio);
      canvas.height = Math.round(h * ratio);
    }
    const ctx = canvas.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    return ctx;
  }

  function renderCandles(candles, fills) {
    if (!price || !candles || !candles.series) return;
    const s = candles.series;
    $('ema-period').textContent = s.emaPeriod;
    $('bb-period').textContent = s.bollingerPeriod;
    price.candles.setData(s.candles.map((c) => ({ time: c.time, open: c.open, high: c.high, low: c.low, close: c.close })));
    price.ema.setData(s.ema.map((p) => ({ time: p.time, value: p.value })));
    price.upper.setData(s.bollinger.map((p) => ({ time: p.time, value: p.upper })));
    price.middle.setData(s.bollinger.map((p) => ({ time: p.time, value: p.middle })));
    price.lower.setData(s.bollinger.map((p) => ({ time: p.time, value: p.lower })));
    // Entry and exit markers: this pair's fills, one marker per candle and side, on the candle they happened in.
    const span = s.timeframe === '15m' ? 900 : 60;
    const known = new Set(s.candles.map((c) => c.time));
    const groups = new Map();
    for (const f of fills || []) {
      const t = Math.floor(f.timeMs / 1000 / span) * span;
      if (f.symbol !== candles.symbol || !known.has(t)) continue;
      const key = `${t}|${f.side}`;
      groups.set(key, { time: t, side: f.side, count: (groups.get(key)?.count ?? 0) + 1 });
    }
    const markers = [...groups.values()]
      .sort((a, b) => a.time - b.time || a.side.localeCompare(b.side))
      .map((g) => ({
        time: g.time,
        position: g.side === 'Buy' ? 'belowBar' : 'aboveBar',
        color: g.side === 'Buy' ? colors.buy : colors.sell,
        shape: g.side === 'Buy' ? 'arrowUp' : 'arrowDown',
        text: `${g.side === 'Buy' ? 'B' : 'S'}${g.count > 1 ? '×' + g.count : ''}`,
      }));
    price.markers.setMarkers(markers);
    // Keep every candle in view while there are few; after that the user's zoom and scroll are left alone.
    const key = `${candles.symbol}|${s.timeframe}|${s.candles.length}`;
    if (key !== page.fitted && s.candles.length <= 120) {
      price.chart.timeScale().fitContent();
      page.fitted = key;
    }
  }

  function renderPortfolio(p) {
    rows('balances', p.balances, (b) => [b.asset, [b.free, `balance.${b.asset}.free`], [b.locked, `balance.${b.asset}.locked`], [b.total, `balance.${b.asset}.total`]]);
    rows('positions', p.positions, (x) => [x.symbol, [x.quantity, `position.${x.symbol}.quantity`], x.averageEntryPrice, x.mark, x.unrealizedPnl, x.realizedPnl]);
    rows('orders', p.orders, (o) => [o.orderId, o.symbol, [o.side, null, o.side], `${o.type} ${o.timeInForce}`, o.price, o.quantity, o.filled]);
    rows('fills', p.fills, (f) => [time(f.timeMs), f.fillId, f.orderId, f.symbol, [f.side, null, f.side], f.purpose, f.price, f.quantity, f.fee, f.liquidity]);
  }

  function renderEquity(e) {
    $('pnl').textContent = text(e.pnl);
    $('drawdown').textContent = e.drawdownPercent.toFixed(4);
    if (!equity) return;
    equity.value.setData(e.points.map((p) => ({ time: p.time, value: p.equity })));
    equity.drawdown.setData(e.points.map((p) => ({ time: p.time, value: -p.drawdownPercent })));
    if (e.points.length <= 600) equity.chart.timeScale().fitContent();
  }

  function renderSignals(s) {
    rows('signals', s.recent, (x) => [time(x.timeMs), x.symbol, x.source, [x.side, null, x.side], x.strength.toFixed(3)]);
    drawHeat(s);
  }

  function drawHeat(s) {
    const canvas = $('heatmap');
    const ctx = sized(canvas);
    const w = canvas.clientWidth;
    const h = canvas.clientHeight;
    ctx.fillStyle = colors.bg;
    ctx.fillRect(0, 0, w, h);
    const symbols = [...new Set(s.heat.map((c) => c.symbol))];
    const sources = s.strategies;
    const left = 70;
    const headerH = 16;
    const cw = (w - left) / Math.max(1, sources.length);
    const ch = (h - headerH) / Math.max(1, symbols.length);
    ctx.font = '11px system-ui';
    ctx.fillStyle = colors.text;
    sources.forEach((src, i) => ctx.fillText(src, left + i * cw + 4, 12));
    symbols.forEach((sym, r) => {
      ctx.fillStyle = colors.text;
      ctx.fillText(sym, 4, headerH + r * ch + ch / 2 + 4);
      sources.forEach((src, i) => {
        const cell = s.heat.find((c) => c.symbol === sym && c.source === src);
        const v = cell ? cell.strength : 0;
        ctx.fillStyle = v >= 0 ? `rgba(38,166,154,${0.1 + 0.9 * Math.min(1, v)})` : `rgba(239,83,80,${0.1 + 0.9 * Math.min(1, -v)})`;
        ctx.fillRect(left + i * cw + 1, headerH + r * ch + 1, cw - 2, ch - 2);
        ctx.fillStyle = colors.text;
        ctx.fillText(v.toFixed(2), left + i * cw + cw / 2 - 12, headerH + r * ch + ch / 2 + 4);
      });
    });
  }

  function renderDecisions(d) {
    $('strategy').textContent = d.lineup && d.lineup.length ? d.lineup.join(', ') : 'built-in signals';
    const scores = $('scores');
    scores.replaceChildren(...d.scores.map((s) => {
      const div = document.createElement('div');
      div.textContent = `${s.symbol} score ${s.score.toFixed(3)} (entry at ${d.entryScore})`;
      return div;
    }));
    rows('decisions', d.recent, (x) => [time(x.timeMs), x.orderId, x.symbol, [x.side, null, x.side], x.purpose, x.reason, x.strength.toFixed(3), x.price, x.quantity,
      [x.outcome === 'approved' ? 'approved' : `rejected: ${x.rejectReason}`, null, x.outcome === 'approved' ? 'buy-text' : 'sell-text']]);
  }

  function renderRisk(r) {
    const badge = $('risk-state');
    badge.textContent = r.halted ? `halted: ${r.haltReason}` : 'trading';
    badge.className = 'badge ' + (r.halted ? 'halted' : 'running');
    const body = $('limits').tBodies[0];
    body.replaceChildren(...r.limits.map((l) => {
      const tr = document.createElement('tr');
      const cells = [l.key, l.limit, Number(l.usage.toPrecision(6))];
      cells.forEach((v, i) => {
        const td = document.createElement('td');
        td.textContent = text(v);
        if (i === 1) td.dataset.key = `limit.${l.key}`;
        tr.appendChild(td);
      });
      const td = document.createElement('td');
      const bar = document.createElement('div');
      bar.className = 'bar' + (l.usagePercent >= 80 ? ' hot' : '');
      const fill = document.createElement('i');
      fill.style.width = `${Math.max(0, Math.min(100, l.usagePercent))}%`;
      bar.appendChild(fill);
      td.appendChild(bar);
      td.title = `${l.usagePercent}%`;
      tr.appendChild(td);
      return tr;
    }));
    $('breakers').replaceChildren(...r.breakers.map((b) => {
      const li = document.createElement('li');
      li.textContent = `${b.name} (${b.key}): ${b.tripped ? 'TRIPPED' : 'ok'}`;
      li.className = b.tripped ? 'sell-text' : '';
      return li;
    }));
    $('rejections').replaceChildren(...Object.entries(r.rejectionsByReason).map(([k, v]) => {
      const li = document.createElement('li');
      li.textContent = `${k}: ${v}`;
      return li;
    }));
    const dd = $('limit-max-drawdown');
    const daily = $('limit-daily-loss');
    if (!page.limitsFilled) {
      dd.value = r.limits.find((l) => l.key === 'Risk:MaxDrawdownPercent').limit;
      daily.value = r.limits.find((l) => l.key === 'Risk:DailyLossLimit').limit;
      page.limitsFilled = true;
    }
  }

  function render(update) {
    fillKeys(update);
    if (update.status) renderStatus(update.status);
    if (update.market) renderMarket(update.market);
    if (update.portfolio) renderPortfolio(update.portfolio);
    renderCandles(update.candles, update.portfolio && update.portfolio.fills);
    if (update.equity) renderEquity(update.equity);
    if (update.signals) renderSignals(update.signals);
    if (update.decisions) renderDecisions(update.decisions);
    if (update.risk) renderRisk(update.risk);
    // Table cells with data-key were just created: fill them from the same update.
    page.last = update;
    page.updates += 1;
  }

  // ---- the stream ---------------------------------------------------------------------------------------------------
  function connect() {
    if (page.source) page.source.close();
    const query = new URLSearchParams({ symbol: page.symbol || '', tf: page.tf });
    const source = new EventSource(`api/stream?${query}`);
    source.addEventListener('update', (e) => render(JSON.parse(e.data)));
    source.onerror = () => { $('state').textContent = 'disconnected'; $('state').className = 'badge stopped'; };
    page.source = source;
  }

  $('symbol').addEventListener('change', (e) => { page.symbol = e.target.value; connect(); });
  $('timeframe').addEventListener('change', (e) => { page.tf = e.target.value; connect(); });

  // ---- controls -----------------------------------------------------------------------------------------------------
  async function post(path, body) {
    const response = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
    const json = await response.json();
    const message = $('message');
    message.hidden = false;
    message.className = response.ok ? 'banner info' : 'banner';
    message.textContent = response.ok
      ? `${path}: accepted${json.new ? ` (old ${JSON.stringify(json.old)}, new ${JSON.stringify(json.new)})` : ''}`
      : `${path}: ${json.error}${json.errors ? ': ' + json.errors.map((x) => `${x.key} ${x.rule ?? x.problem}`).join('; ') : ''}`;
    page.lastPost = { path, ok: response.ok, body: json };
    return response.ok;
  }

  $('pause').addEventListener('click', () => post('api/control/pause'));
  $('resume').addEventListener('click', () => post('api/control/resume'));
  $('kill').addEventListener('click', () => {
    if (window.confirm('Kill switch: halt new entries, cancel every order and flatten every position at market?')) {
      post('api/control/kill');
    }
  });
  $('limits-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = {};
    if ($('limit-max-drawdown').value !== '') body.MaxDrawdownPercent = Number($('limit-max-drawdown').value);
    if ($('limit-daily-loss').value !== '') body.DailyLossLimit = Number($('limit-daily-loss').value);
    await post('api/risk/limits', body);
  });

  // ---- strategies (GET /api/strategies, polled: changes are rare and the view is small) -----------------------------
  function button(label, onClick) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.addEventListener('click', onClick);
    return b;
  }

  function options(select, values) {
    const keep = select.value;
    select.replaceChildren(...values.map((v) => new Option(v, v)));
    if (values.includes(keep)) select.value = keep;
  }

  function renderStrategies(v) {
    page.strategies = v;
    rows('strategies', v.running, (s) => [
      [s.name, `strategy.${s.name}.name`], [s.version, `strategy.${s.name}.version`], [s.hash, `strategy.${s.name}.hash`], s.file.split('/').pop(),
      [s.enabled ? 'enabled' : 'disabled', `strategy.${s.name}.state`],
      [Object.entries(s.parameters).map(([k, x]) => `${k}=${x}`).join(' '), `strategy.${s.name}.parameters`], '']);
    [...$('strategies').tBodies[0].rows].forEach((tr, i) => {
      const s = v.running[i];
      tr.lastChild.appendChild(button(s.enabled ? 'Disable' : 'Enable', () => changeStrategy(`api/strategies/${encodeURIComponent(s.name)}/${s.enabled ? 'disable' : 'enable'}`)));
    });
    options($('strategy-name'), v.running.map((s) => s.name));
    const chosen = v.running.find((s) => s.name === $('strategy-name').value);
    options($('strategy-param'), chosen ? Object.keys(chosen.parameters) : []);
    options($('strategy-file'), v.files.filter((f) => f.valid && chosen && f.name === chosen.name).map((f) => f.file));
    $('strategy-directory').textContent = v.directory ? `${v.directory} (at most ${v.capacity} strategies run)` : 'none configured (Strategies:Directory)';
    rows('strategy-files', v.files, (f) => [f.file, f.name, f.version, f.hash, f.valid ? (f.running ? 'running' : 'valid') : f.error, '']);
    [...$('strategy-files').tBodies[0].rows].forEach((tr, i) => {
      const f = v.files[i];
      if (f.valid && !f.running) tr.lastChild.appendChild(button('Enable', () => changeStrategy(`api/strategy-files/${encodeURIComponent(f.file)}/enable`)));
    });
    $('strategy-changes').replaceChildren(...v.changes.slice(-8).reverse().map((c) => {
      const li = document.createElement('li');
      li.textContent = `${c.at.substring(11, 19)} ${c.strategy}: ${c.change} (${c.origin})`;
      return li;
    }));
  }

  async function refreshStrategies() {
    const response = await fetch('api/strategies');
    if (response.ok) renderStrategies(await response.json());
  }

  async function changeStrategy(path, body) {
    const ok = await post(path, body);
    const error = $('strategy-error');
    error.hidden = ok;
    error.textContent = ok ? '' : page.lastPost.body.errors.map((x) => `${x.key}: ${x.problem}`).join('; ');
    await refreshStrategies();
    return ok;
  }

  $('strategy-name').addEventListener('change', () => page.strategies && renderStrategies(page.strategies));
  $('strategy-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const raw = $('strategy-value').value.trim();
    const value = raw !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
    await changeStrategy(`api/strategies/${encodeURIComponent($('strategy-name').value)}/parameters`, { [$('strategy-param').value]: value });
  });
  $('strategy-switch').addEventListener('click', () =>
    changeStrategy(`api/strategies/${encodeURIComponent($('strategy-name').value)}/switch`, { file: $('strategy-file').value }));

  refreshStrategies();
  setInterval(refreshStrategies, 2000);
  connect();
})();
