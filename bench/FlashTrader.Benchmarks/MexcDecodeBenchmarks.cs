using BenchmarkDotNet.Attributes;
using FlashTrader.Core.Market;
using FlashTrader.Mexc.Frames;
using FlashTrader.Mexc.Tests.Oracle;
using Google.Protobuf;

namespace FlashTrader.Benchmarks;

/// <summary>
/// MexcPushDecoder against Google.Protobuf's generated ParseFrom on the same frames (real ones from
/// shared/mexc/captured-frames.txt). Both end with usable values: Google.Protobuf allocates the wrapper, the body, an
/// object per level or deal and a string per price, quantity and id; ours emits MarketEvents with Fixed8 prices and
/// the levels in a pooled buffer, which the sink here releases so the pool's cost is counted.
/// </summary>
[MemoryDiagnoser]
public class MexcDecodeBenchmarks
{
    // Real captured frames: limit.depth 20 HYPEUSDT and aggre.deals 100ms BTCUSDT (two deals).
    private const string LimitDepth20Hex = "0a2d73706f74407075626c69632e6c696d69742e64657074682e76332e6170692e70624048595045555344544032301a084859504555534454308ce2adf3e833fa12a9050a0e0a0537322e3334120538322e31300a0e0a0537322e3336120538392e36310a0e0a0537322e3338120538332e38330a0e0a0537322e3339120538302e32380a0e0a0537322e3431120538322e31300a0e0a0537322e3432120538322e32310a0e0a0537322e3436120538322e31300a0e0a0537322e3437120538302e34390a0f0a0537322e343812063134362e30380a0d0a0537322e35311204302e30360a0f0a0537322e353312063134352e38340a0d0a0537322e35351204302e36340a0d0a0537322e35361204302e33330a0d0a0537322e35391204302e30320a0d0a0537322e36301204302e30320a0d0a0537322e36311204302e30320a0e0a0537322e3632120533322e31350a0d0a0537322e36331204302e35330a0e0a0537322e3634120532342e33310a0e0a0537322e3635120532342e3430120d0a0537322e32391204372e3031120e0a0537322e3238120531322e3633120e0a0537322e3237120531362e3133120d0a0537322e32361204382e3834120e0a0537322e3235120538392e3131120e0a0537322e3234120538322e3332120f0a0537322e323212063134372e3832120d0a0537322e32301204302e3639120f0a0537322e313912063137362e3035120d0a0537322e31381204312e3034120e0a0537322e3137120532302e3030120d0a0537322e31361204322e3030120e0a0537322e3135120533362e3535120d0a0537322e31341204322e3032120e0a0537322e3133120533302e3536120d0a0537322e31321204312e3530120e0a0537322e3131120535392e3633120d0a0537322e31301204322e3032120d0a0537322e30391204302e3032120d0a0537322e30381204322e30321a2173706f74407075626c69632e6c696d69742e64657074682e76332e6170692e7062220a3133323030343333373328efe1adf3e833";
    private const string AggreDealsHex = "0a2f73706f74407075626c69632e61676772652e6465616c732e76332e6170692e7062403130306d7340425443555344541a074254435553445430aacccfa88d34d213bb010a470a053834323730120a302e3030303939383239180220e0cbcfa88d342a2937333139303138393639383533393932393658305f37333139303138393639383533393932393758300a470a053834323730120a302e3030303139313639180120e1cbcfa88d342a2937333139303138393639383533393932393858305f3733313930313839363938353339393239395830122773706f74407075626c69632e61676772652e6465616c732e76332e6170692e7062403130306d73";

    private readonly byte[] _limitDepth20 = Convert.FromHexString(LimitDepth20Hex);
    private readonly byte[] _aggreDeals = Convert.FromHexString(AggreDealsHex);
    private byte[] _aggreDepth = [];
    private MexcPushDecoder _decoder = null!;
    private ReleasingSink _sink;

    private struct ReleasingSink : IMexcPushSink
    {
        public long Events;

        public void OnEvent(in MarketEvent marketEvent)
        {
            Events++;
            if (marketEvent.HasLevels)
            {
                marketEvent.Levels.Release();
            }
        }

        public void OnOrder(in PrivateOrderUpdate order) => Events++;

        public void OnDeal(in PrivateDeal deal) => Events++;

        public void OnAccount(in PrivateAccountUpdate account) => Events++;
    }

    [GlobalSetup]
    public void Setup()
    {
        _decoder = new MexcPushDecoder(new SymbolTable(["BTCUSDT", "HYPEUSDT"]), new DepthLevelsPool());

        // No aggre.depth capture exists: the same 20+20 real levels as an incremental update.
        var limit = PushDataV3ApiWrapper.Parser.ParseFrom(_limitDepth20).PublicLimitDepths;
        var diff = new PublicAggreDepthsV3Api { EventType = "spot@public.aggre.depth.v3.api.pb@100ms", FromVersion = "1320043374", ToVersion = "1320043380" };
        diff.Asks.AddRange(limit.Asks.Select(l => new PublicAggreDepthV3ApiItem { Price = l.Price, Quantity = l.Quantity }));
        diff.Bids.AddRange(limit.Bids.Select(l => new PublicAggreDepthV3ApiItem { Price = l.Price, Quantity = l.Quantity }));
        _aggreDepth = new PushDataV3ApiWrapper
        {
            Channel = "spot@public.aggre.depth.v3.api.pb@100ms@HYPEUSDT",
            Symbol = "HYPEUSDT",
            SendTime = 1780505866608,
            PublicAggreDepths = diff,
        }.ToByteArray();
    }

    [Benchmark]
    public int FlashTrader_LimitDepth20() => _decoder.Decode(_limitDepth20, 0, ref _sink).EventCount;

    [Benchmark]
    public object Google_LimitDepth20() => PushDataV3ApiWrapper.Parser.ParseFrom(_limitDepth20);

    [Benchmark]
    public int FlashTrader_AggreDepth() => _decoder.Decode(_aggreDepth, 0, ref _sink).EventCount;

    [Benchmark]
    public object Google_AggreDepth() => PushDataV3ApiWrapper.Parser.ParseFrom(_aggreDepth);

    [Benchmark]
    public int FlashTrader_AggreDeals() => _decoder.Decode(_aggreDeals, 0, ref _sink).EventCount;

    [Benchmark]
    public object Google_AggreDeals() => PushDataV3ApiWrapper.Parser.ParseFrom(_aggreDeals);
}
