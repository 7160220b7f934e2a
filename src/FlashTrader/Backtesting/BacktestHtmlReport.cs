using System.Globalization;
using System.Text;
using System.Text.Json;
using FlashTrader.Core.Backtesting;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Time;
using FlashTrader.Reporting;

namespace FlashTrader.Backtesting;

/// <summary>
/// report.html: one self-contained file (styles, data and drawing code inline; no network reference of any kind) with
/// the equity curve, the drawdown, each symbol's price with entry and exit markers, and the metric and trade tables.
/// The charts are SVG built by the script below. The markup is well-formed XML (scripts in CDATA sections), so
/// strict parsers read it too.
/// </summary>
public static class BacktestHtmlReport
{
    /// <summary>Trades listed in the table at most (all of them are in trades.csv).</summary>
    public const int MaxTableTrades = 2_000;

    public static void Write(string path, BacktestRunInfo run, BacktestResult result)
    {
        InstrumentSet instruments = result.Pipeline.Instruments;
        var data = new MemoryStream();
        using (var w = new Utf8JsonWriter(data))
        {
            w.WriteStartObject();
            w.WriteString("title", $"Backtest of {Path.GetFileName(run.Recording)}");
            w.WriteString("period", $"{EpochTimestamp.ToIso8601(result.StartNs)} to {EpochTimestamp.ToIso8601(result.EndNs)}");
            w.WriteString("annualisation", BacktestReport.Annualisation);
            w.WritePropertyName("metrics");
            BacktestReport.WriteMetrics(w, result.Metrics);
            w.WriteStartArray("equity");
            foreach (EquityPoint p in result.Equity)
            {
                w.WriteStartArray();
                w.WriteNumberValue(p.TimeNs / 1_000_000);
                w.WriteNumberValue((double)p.Equity);
                w.WriteEndArray();
            }

            w.WriteEndArray();
            w.WriteStartObject("prices");
            for (int s = 0; s < instruments.Count; s++)
            {
                w.WriteStartArray(instruments[s].Symbol);
                foreach (PricePoint p in result.Prices)
                {
                    if (p.SymbolId == s)
                    {
                        w.WriteStartArray();
                        w.WriteNumberValue(p.TimeNs / 1_000_000);
                        w.WriteNumberValue((double)p.Mid);
                        w.WriteEndArray();
                    }
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
            w.WriteNumber("tradeCount", result.Trips.Count);
            w.WriteStartArray("trades");
            foreach (RoundTrip t in result.Trips.Take(MaxTableTrades))
            {
                w.WriteStartObject();
                w.WriteString("symbol", instruments[t.SymbolId].Symbol);
                w.WriteNumber("entryMs", t.EntryTimeNs / 1_000_000);
                w.WriteNumber("exitMs", t.ExitTimeNs / 1_000_000);
                w.WriteNumber("entryPrice", (double)t.AverageEntryPrice);
                w.WriteNumber("exitPrice", (double)t.AverageExitPrice);
                w.WriteString("quantity", t.Quantity.ToString());
                w.WriteString("netPnl", RunSummary.Money(t.NetPnl));
                w.WriteString("fees", RunSummary.Money(t.Fees));
                w.WriteString("holding", BacktestReport.Seconds(t.HoldingNs) + " s");
                w.WriteString("session", TradingSessions.Name(t.Session));
                w.WriteString("source", BacktestReport.SourceName(result, t.SignalSource));
                w.WriteString("exit", BacktestCsv.ExitReason(t.ExitPurpose));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("breakdowns");
            WriteRows(w, "Per symbol", BacktestReport.BySymbol(result, instruments));
            WriteRows(w, "Per session (UTC: Asia 21-08, Europe 08-13, US 13-21)", PerformanceBreakdown.BySession(result.Trips));
            WriteRows(w, "Per signal source (the entry's strongest net buy signal)", BacktestReport.BySignalSource(result));
            w.WriteEndObject();
            w.WriteEndObject();
        }

        // The default encoder escapes <, > and &, so the data cannot close the script or its CDATA section.
        string json = Encoding.UTF8.GetString(data.ToArray());
        string html = Template.Replace("/*DATA*/", json, StringComparison.Ordinal);
        File.WriteAllText(path, html, BacktestReport.Utf8);
    }

    private static void WriteRows(Utf8JsonWriter w, string title, IReadOnlyList<BreakdownRow> rows)
    {
        w.WriteStartArray(title);
        foreach (BreakdownRow r in rows)
        {
            w.WriteStartObject();
            w.WriteString("key", r.Key);
            w.WriteNumber("trades", r.Trades);
            w.WriteString("winRate", r.Trades == 0 ? "" : r.WinRatePercent.ToString("0.#", CultureInfo.InvariantCulture) + "%");
            w.WriteString("netPnl", RunSummary.Money(r.NetPnl));
            w.WriteString("fees", RunSummary.Money(r.Fees));
            w.WriteString("profitFactor", r.ProfitFactor is double pf ? pf.ToString("0.###", CultureInfo.InvariantCulture) : "");
            w.WriteString("expectancy", RunSummary.Money(decimal.Round(r.Expectancy, 8)));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private const string Template = """
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>FlashTrader backtest</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #1d2330; background: #fafbfc; }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 28px 0 8px; }
.sub { color: #5b6475; margin-bottom: 16px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 8px; }
.card { background: #fff; border: 1px solid #dde2ea; border-radius: 6px; padding: 8px 10px; }
.card .k { color: #5b6475; font-size: 12px; }
.card .v { font-size: 17px; font-variant-numeric: tabular-nums; }
.chart { background: #fff; border: 1px solid #dde2ea; border-radius: 6px; padding: 6px; }
svg { display: block; width: 100%; height: auto; }
table { border-collapse: collapse; background: #fff; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid #dde2ea; padding: 3px 8px; text-align: right; }
th { background: #eef1f5; }
td:first-child, th:first-child { text-align: left; }
.pos { color: #137333; } .neg { color: #b3261e; }
.note { color: #5b6475; font-size: 12px; }
</style>
</head>
<body>
<h1 id="title">FlashTrader backtest</h1>
<div class="sub" id="period"></div>
<div class="cards" id="cards"></div>
<h2>Equity</h2>
<div class="chart" id="equity"></div>
<h2>Drawdown</h2>
<div class="chart" id="drawdown"></div>
<div id="prices"></div>
<div id="breakdowns"></div>
<h2>Trades</h2>
<div class="note" id="tradesNote"></div>
<div id="trades"></div>
<p class="note" id="annualisation"></p>
<script>
//<![CDATA[
"use strict";
const DATA = /*DATA*/;
const W = 960, H = 260, L = 70, R = 12, T = 10, B = 28;
function esc(s) { return String(s).replace(/[&<>"]/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]); }
function fmtTime(ms) { return new Date(ms).toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z"); }
function fmtNum(v, d) { return Number(v).toLocaleString("en-US", { maximumFractionDigits: d === undefined ? 2 : d }); }
function extent(values) { let lo = Infinity, hi = -Infinity; for (const v of values) { if (v < lo) lo = v; if (v > hi) hi = v; } if (lo === hi) { lo -= 1; hi += 1; } return [lo, hi]; }
function chart(series, markers, opts) {
  const all = series.flatMap(s => s.points);
  if (all.length === 0) { return "<p class=\"note\">no data</p>"; }
  const [x0, x1] = extent(all.map(p => p[0]).concat(markers.map(m => m.t)));
  const [y0, y1] = extent(all.map(p => p[1]).concat(markers.map(m => m.v)).concat(opts.zero ? [0] : []));
  const sx = t => L + (t - x0) / (x1 - x0) * (W - L - R);
  const sy = v => T + (y1 - v) / (y1 - y0) * (H - T - B);
  let svg = "<svg viewBox=\"0 0 " + W + " " + H + "\" role=\"img\">";
  for (let i = 0; i <= 4; i++) {
    const v = y0 + (y1 - y0) * i / 4, y = sy(v);
    svg += "<line x1=\"" + L + "\" x2=\"" + (W - R) + "\" y1=\"" + y + "\" y2=\"" + y + "\" stroke=\"#e6e9ef\"/>";
    svg += "<text x=\"" + (L - 6) + "\" y=\"" + (y + 4) + "\" font-size=\"11\" text-anchor=\"end\" fill=\"#5b6475\">" + esc(fmtNum(v, opts.digits)) + "</text>";
  }
  for (let i = 0; i <= 3; i++) {
    const t = x0 + (x1 - x0) * i / 3, x = sx(t);
    svg += "<text x=\"" + x + "\" y=\"" + (H - 8) + "\" font-size=\"11\" text-anchor=\"" + (i === 0 ? "start" : i === 3 ? "end" : "middle") + "\" fill=\"#5b6475\">" + esc(fmtTime(t).slice(5)) + "</text>";
  }
  for (const s of series) {
    if (s.points.length === 0) { continue; }
    let d = "";
    s.points.forEach((p, i) => { d += (i === 0 ? "M" : "L") + sx(p[0]).toFixed(1) + "," + sy(p[1]).toFixed(1); });
    if (s.fill) { d += "L" + sx(s.points[s.points.length - 1][0]).toFixed(1) + "," + sy(0).toFixed(1) + "L" + sx(s.points[0][0]).toFixed(1) + "," + sy(0).toFixed(1) + "Z"; }
    svg += "<path d=\"" + d + "\" fill=\"" + (s.fill || "none") + "\" stroke=\"" + s.color + "\" stroke-width=\"1.5\"/>";
  }
  for (const m of markers) {
    const x = sx(m.t), y = sy(m.v), up = m.kind === "entry";
    const pts = up ? [[x, y - 1], [x - 5, y + 8], [x + 5, y + 8]] : [[x, y + 1], [x - 5, y - 8], [x + 5, y - 8]];
    svg += "<polygon points=\"" + pts.map(p => p[0].toFixed(1) + "," + p[1].toFixed(1)).join(" ") + "\" fill=\"" + (up ? "#137333" : "#b3261e") + "\"><title>" + esc(m.label) + "</title></polygon>";
  }
  return svg + "</svg>";
}
function table(columns, rows) {
  let h = "<table><thead><tr>" + columns.map(c => "<th>" + esc(c[1]) + "</th>").join("") + "</tr></thead><tbody>";
  for (const r of rows) {
    h += "<tr>" + columns.map(c => { const v = r[c[0]]; const cls = c[2] && Number(v) > 0 ? "pos" : c[2] && Number(v) < 0 ? "neg" : ""; return "<td class=\"" + cls + "\">" + esc(v === null || v === undefined ? "" : v) + "</td>"; }).join("") + "</tr>";
  }
  return h + "</tbody></table>";
}
const m = DATA.metrics;
document.getElementById("title").textContent = DATA.title;
document.getElementById("period").textContent = DATA.period;
document.getElementById("annualisation").textContent = DATA.annualisation + ".";
const cards = [
  ["Net P&L", m.netPnl], ["Return", fmtNum(m.returnPercent, 4) + " %"], ["Sharpe (annualised)", m.sharpe === null ? "n/a" : fmtNum(m.sharpe)],
  ["Sortino (annualised)", m.sortino === null ? "n/a" : fmtNum(m.sortino)], ["Max drawdown", m.maxDrawdown + " (" + fmtNum(m.maxDrawdownPercent, 4) + " %)"],
  ["Drawdown duration", fmtNum(m.maxDrawdownDurationSeconds, 0) + " s"], ["Trades", m.trades], ["Win rate", fmtNum(m.winRatePercent, 1) + " %"],
  ["Profit factor", m.profitFactor === null ? "n/a" : fmtNum(m.profitFactor, 3)], ["Expectancy", m.expectancy], ["Average win", m.averageWin],
  ["Average loss", m.averageLoss], ["Time in market", fmtNum(m.timeInMarketPercent, 2) + " %"], ["Turnover", m.turnover + " (" + fmtNum(m.turnoverRatio, 2) + "x)"],
  ["Fees", m.fees], ["Equity", m.startingEquity + " \u2192 " + m.endingEquity]];
document.getElementById("cards").innerHTML = cards.map(c => "<div class=\"card\"><div class=\"k\">" + esc(c[0]) + "</div><div class=\"v\">" + esc(c[1]) + "</div></div>").join("");
document.getElementById("equity").innerHTML = chart([{ points: DATA.equity, color: "#1a56db" }], [], { digits: 2 });
let peak = -Infinity;
const dd = DATA.equity.map(p => { peak = Math.max(peak, p[1]); return [p[0], peak > 0 ? -(peak - p[1]) / peak * 100 : 0]; });
document.getElementById("drawdown").innerHTML = chart([{ points: dd, color: "#b3261e", fill: "rgba(179,38,30,0.15)" }], [], { digits: 4, zero: true });
let prices = "";
for (const symbol of Object.keys(DATA.prices)) {
  const marks = [];
  for (const t of DATA.trades) {
    if (t.symbol !== symbol) { continue; }
    marks.push({ t: t.entryMs, v: t.entryPrice, kind: "entry", label: "entry " + t.entryPrice + " (" + t.source + ")" });
    marks.push({ t: t.exitMs, v: t.exitPrice, kind: "exit", label: "exit " + t.exitPrice + " (" + t.exit + ", " + t.netPnl + ")" });
  }
  prices += "<h2>" + esc(symbol) + " mid price, entries \u25B2 and exits \u25BC</h2><div class=\"chart\">" + chart([{ points: DATA.prices[symbol], color: "#3c4656" }], marks, { digits: 2 }) + "</div>";
}
document.getElementById("prices").innerHTML = prices;
let breakdowns = "";
for (const title of Object.keys(DATA.breakdowns)) {
  breakdowns += "<h2>" + esc(title) + "</h2>" + table([["key", ""], ["trades", "Trades"], ["winRate", "Win rate"], ["netPnl", "Net P&L", true], ["fees", "Fees"], ["profitFactor", "Profit factor"], ["expectancy", "Expectancy", true]], DATA.breakdowns[title]);
}
document.getElementById("breakdowns").innerHTML = breakdowns;
document.getElementById("tradesNote").textContent = DATA.tradeCount > DATA.trades.length ? "The first " + DATA.trades.length + " of " + DATA.tradeCount + " trades (all are in trades.csv)." : DATA.tradeCount + " trades.";
document.getElementById("trades").innerHTML = table([["symbol", "Symbol"], ["entry", "Entry"], ["exitAt", "Exit"], ["quantity", "Quantity"], ["entryPrice", "Entry price"], ["exitPrice", "Exit price"], ["netPnl", "Net P&L", true], ["fees", "Fees"], ["holding", "Held"], ["session", "Session"], ["source", "Signal"], ["exit", "Exit reason"]],
  DATA.trades.map(t => Object.assign({}, t, { entry: fmtTime(t.entryMs), exitAt: fmtTime(t.exitMs) })));
//]]>
</script>
</body>
</html>

""";
}
