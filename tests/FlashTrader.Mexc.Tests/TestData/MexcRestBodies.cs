namespace FlashTrader.Mexc.Tests.TestData;

/// <summary>
/// Response bodies in the shapes MEXC's Spot V3 documentation gives for each endpoint (its example values, MEXC's
/// quirks kept: numbers as strings, null ids, "" quantities, string order ids, tradeFee's envelope with bare numbers).
/// </summary>
public static class MexcRestBodies
{
    public const string ExchangeInfo = """
        {"timezone":"CST","serverTime":1768478400000,"rateLimits":[],"exchangeFilters":[],"symbols":[
        {"symbol":"BTCUSDC","status":"1","baseAsset":"BTC","baseAssetPrecision":6,"quoteAsset":"USDC","quotePrecision":2,
         "quoteAssetPrecision":2,"baseCommissionPrecision":6,"quoteCommissionPrecision":2,"orderTypes":["LIMIT","MARKET","LIMIT_MAKER"],
         "isSpotTradingAllowed":true,"isMarginTradingAllowed":false,"quoteAmountPrecision":"1","baseSizePrecision":"0",
         "permissions":["SPOT"],"filters":[],"maxQuoteAmount":"2000000","makerCommission":"0","takerCommission":"0",
         "quoteAmountPrecisionMarket":"1","maxQuoteAmountMarket":"100000","fullName":"Bitcoin","tradeSideType":1},
        {"symbol":"ETHUSDC","status":"ENABLED","baseAsset":"ETH","baseAssetPrecision":5,"quoteAsset":"USDC","quotePrecision":2,
         "quoteAssetPrecision":2,"baseCommissionPrecision":5,"quoteCommissionPrecision":2,"orderTypes":["LIMIT","MARKET","LIMIT_MAKER"],
         "isSpotTradingAllowed":true,"isMarginTradingAllowed":false,"quoteAmountPrecision":"5","baseSizePrecision":"0.0001",
         "permissions":["SPOT"],"filters":[],"maxQuoteAmount":"2000000","makerCommission":"0","takerCommission":"0.0002",
         "quoteAmountPrecisionMarket":"5","maxQuoteAmountMarket":"100000","fullName":"Ethereum","tradeSideType":1},
        {"symbol":"BTCUSDT","status":"2","baseAsset":"BTC","baseAssetPrecision":6,"quoteAsset":"USDT","quotePrecision":2,
         "quoteAssetPrecision":2,"orderTypes":["LIMIT","MARKET","LIMIT_MAKER","STOP_LIMIT"],"isSpotTradingAllowed":true,
         "quoteAmountPrecision":"1","baseSizePrecision":"0","permissions":["SPOT"],"filters":[],"maxQuoteAmount":"2000000",
         "makerCommission":"0","takerCommission":"0.0002","quoteAmountPrecisionMarket":"1","maxQuoteAmountMarket":"100000","tradeSideType":1}
        ]}
        """;

    public const string Trades = """
        [{"id":null,"price":"61837.63","qty":"0.000912","quoteQty":"56.3958","time":1723161254206,"isBuyerMaker":true,"isBestMatch":true},
         {"id":null,"price":"61837.64","qty":"0.01","quoteQty":"618.3764","time":1723161254311,"isBuyerMaker":false,"isBestMatch":true}]
        """;

    public const string AggTrades = """
        [{"a":null,"f":null,"l":null,"p":"46782.67","q":"0.0038","T":1641380483000,"m":false,"M":true},
         {"a":null,"f":null,"l":null,"p":"46782.66","q":"0.154271","T":1641380483012,"m":true,"M":true}]
        """;

    public const string Klines = """
        [[1640804880000,"47482.36","47482.36","47416.57","47436.1","3.550717",1640804940000,"168387.3"],
         [1640804940000,"47436.1","47481.66","47436.1","47476.02","0.9011",1640805000000,"42762.36158741"]]
        """;

    public const string BookTicker = """{"symbol":"BTCUSDC","bidPrice":"61837.63","bidQty":"3.78826","askPrice":"61837.64","askQty":"1.54698"}""";

    public const string Ticker24h = """
        {"symbol":"BTCUSDT","priceChange":"184.34","priceChangePercent":"0.00400048","prevClosePrice":"46079.37","lastPrice":"46263.71",
         "bidPrice":"46260.38","bidQty":"","askPrice":"46260.41","askQty":"","openPrice":"46079.37","highPrice":"47550.01",
         "lowPrice":"45555.5","volume":"1732.461487","quoteVolume":null,"openTime":1641349500000,"closeTime":1641349582808,"count":null}
        """;

    public const string Account = """
        {"canTrade":true,"canWithdraw":true,"canDeposit":true,"updateTime":null,"accountType":"SPOT",
         "balances":[{"asset":"USDC","free":"10000.123456789","locked":"25.5"},{"asset":"BTC","free":"0.00012","locked":"0"}],
         "permissions":["SPOT"]}
        """;

    public const string OrderAck = """
        {"symbol":"BTCUSDC","orderId":"C02__385413065019117569043","orderListId":-1,"price":"61837.63","origQty":"0.0005",
         "type":"LIMIT","side":"BUY","transactTime":1768478400123}
        """;

    public const string OrderFilled = """
        {"symbol":"BTCUSDC","orderId":"C02__385413065019117569043","orderListId":-1,"clientOrderId":"ft-test-1","price":"61837.63",
         "origQty":"0.0005","executedQty":"0.0005","cummulativeQuoteQty":"30.918815","status":"FILLED","timeInForce":null,
         "type":"LIMIT","side":"BUY","stopPrice":null,"icebergQty":null,"time":1768478400123,"updateTime":1768478400150,
         "isWorking":true,"origQuoteOrderQty":"30.918815"}
        """;

    public const string OrderCanceled = """
        {"symbol":"BTCUSDC","origClientOrderId":"ft-test-1","orderId":"C02__385413065019117569043","clientOrderId":"ft-test-1",
         "price":"61837.63","origQty":"0.0005","executedQty":"0.0002","cummulativeQuoteQty":"12.367526","status":"PARTIALLY_CANCELED",
         "timeInForce":null,"type":"LIMIT","side":"BUY"}
        """;

    public const string OpenOrders = """
        [{"symbol":"ETHUSDC","orderId":"C02__385413065019117569044","orderListId":-1,"clientOrderId":"ft-test-2","price":"2683.8",
          "origQty":"0.25","executedQty":"0.1","cummulativeQuoteQty":"268.38","status":"PARTIALLY_FILLED","timeInForce":null,
          "type":"LIMIT_MAKER","side":"SELL","time":1768478400000,"updateTime":1768478401000,"isWorking":true,"origQuoteOrderQty":"670.95"}]
        """;

    public const string MyTrades = """
        [{"symbol":"BTCUSDC","id":"fad2af9e942049b6adbda1a271f990c6","orderId":"C02__385413065019117569043","orderListId":-1,
          "price":"61837.63","qty":"0.0005","quoteQty":"30.918815","commission":"0.000000061","commissionAsset":"BTC",
          "time":1768478400150,"isBuyer":true,"isMaker":false,"isBestMatch":true,"isSelfTrade":false,"clientOrderId":null}]
        """;

    public const string TradeFee = """{"data":{"makerCommission":0,"takerCommission":0.0002},"code":0,"msg":"success"}""";

    public const string ListenKey = """{"listenKey":"pqia91ma19a5s61cv6a81va65sdf19v8a65a1a5s61cv6a81va65sdf19v8a65a1"}""";
}
