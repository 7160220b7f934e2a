// Third-party protocol check: ccxt's MEXC client (REST + protobuf WebSocket) against the FlashTrader simulator.
// Usage: node check.mjs <rest-url> <ws-url> <api-key> <api-secret> [symbol]
// Prints one JSON object with what each step saw; exits 1 on the first failure, naming the step.
import ccxt from 'ccxt';

const [rest, ws, apiKey, secret, symbol = 'BTC/USDC'] = process.argv.slice(2);
if (!rest || !ws || !apiKey || !secret) {
    console.error('usage: node check.mjs <rest-url> <ws-url> <api-key> <api-secret> [symbol]');
    process.exit(2);
}

const exchange = new ccxt.pro.mexc({ apiKey, secret, enableRateLimit: false, timeout: 20000 });
exchange.urls.api.spot.public = rest;
exchange.urls.api.spot.private = rest;
exchange.urls.api.ws.spot = ws;
// The simulator is a spot exchange: ccxt's futures market list comes from another host.
exchange.fetchSwapMarkets = async () => [];

const result = {};
let step = 'start';
try {
    step = 'loadMarkets';
    const markets = await exchange.loadMarkets();
    result.markets = Object.keys(markets).sort();
    const market = exchange.market(symbol);
    result.market = { id: market.id, active: market.active, taker: market.taker, maker: market.maker };

    step = 'fetchOrderBook';
    const book = await exchange.fetchOrderBook(symbol, 50);
    result.orderBook = { nonce: book.nonce, bids: book.bids.length, asks: book.asks.length, bestBid: book.bids[0], bestAsk: book.asks[0] };

    step = 'fetchTrades';
    const trades = await exchange.fetchTrades(symbol, undefined, 20);
    result.trades = { count: trades.length, last: trades.length ? { price: trades.at(-1).price, amount: trades.at(-1).amount, side: trades.at(-1).side } : null };

    step = 'fetchOHLCV';
    const bars = await exchange.fetchOHLCV(symbol, '1m', undefined, 100);
    result.ohlcv = { count: bars.length, first: bars[0] };

    step = 'watchOrderBook';
    // ccxt needs node's http agent loaded for a plain ws:// (loopback, non-TLS) endpoint.
    await exchange.loadHttpProxyAgent();
    let watched = await exchange.watchOrderBook(symbol);
    const firstNonce = watched.nonce;
    for (let i = 0; i < 5; i++) {
        watched = await exchange.watchOrderBook(symbol);
    }
    result.watchOrderBook = {
        firstNonce, nonce: watched.nonce, bids: watched.bids.length, asks: watched.asks.length,
        bestBid: watched.bids[0], bestAsk: watched.asks[0], crossed: watched.bids[0][0] >= watched.asks[0][0],
    };

    step = 'watchTrades';
    const streamed = await exchange.watchTrades(symbol);
    result.watchTrades = { count: streamed.length, first: { price: streamed[0].price, amount: streamed[0].amount, side: streamed[0].side } };

    step = 'createOrder';
    const bid = result.watchOrderBook.bestBid[0];
    const price = exchange.priceToPrecision(symbol, bid * 0.9);
    const order = await exchange.createOrder(symbol, 'limit', 'buy', 0.001, Number(price));
    result.createOrder = { id: order.id, price: Number(price) };

    step = 'fetchOrder';
    const open = await exchange.fetchOrder(order.id, symbol);
    result.fetchOrder = { status: open.status, amount: open.amount, filled: open.filled };

    step = 'cancelOrder';
    await exchange.cancelOrder(order.id, symbol);
    const canceled = await exchange.fetchOrder(order.id, symbol);
    result.cancelOrder = { status: canceled.status };

    step = 'fetchBalance';
    const balance = await exchange.fetchBalance();
    result.balance = { USDC: balance.USDC, BTC: balance.BTC };

    console.log(JSON.stringify(result));
    await exchange.close();
    process.exit(0);
} catch (error) {
    console.log(JSON.stringify(result));
    console.error(`ccxt check failed at ${step}: ${error.constructor.name}: ${error.message}`);
    await exchange.close().catch(() => {});
    process.exit(1);
}
