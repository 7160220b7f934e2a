using System.Security.Cryptography;
using FlashTrader.Core.Instruments;
using FlashTrader.Mexc.Frames;
using FlashTrader.Mexc.Simulator.Exchange;
using FlashTrader.Mexc.Simulator.Faults;
using FlashTrader.Mexc.Simulator.Market;
using FlashTrader.Mexc.Simulator.Streams;

namespace FlashTrader.Mexc.Simulator;

/// <summary>
/// The state the simulator serves, shared by the replay, the REST endpoints and the streams: the symbols' markets,
/// the matching engine and account, the listen keys, and the server clock. One lock (<see cref="Gate"/>) guards the
/// market and the account, so a REST snapshot never sees half of a replayed event.
/// </summary>
internal sealed class SimulatedExchange
{
    private readonly Dictionary<string, DateTimeOffset> _listenKeys = new(StringComparer.Ordinal);

    public SimulatedExchange(SimulatorOptions options, SimulatorFaults faults)
    {
        Options = options;
        Faults = faults;
        Instruments = new InstrumentSet(options.Pairs.Where(p => p.Enabled));
        Symbols = [.. Instruments.All.Select(i => new SimulatedSymbol(i))];
        Account = new SimulatedAccount(options.InitialBalances);
        Engine = new MatchingEngine(Symbols, Account);
        Hub = new PushHub(Symbols);
        SymbolTable = new SymbolTable(Symbols.Select(s => s.Name));
        _snapshotServed = [.. Symbols.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))];
        _snapshotReady = [.. Symbols.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))];
        _snapshotTimeNs = new long[Symbols.Length];
    }

    private readonly TaskCompletionSource[] _snapshotServed;
    private readonly TaskCompletionSource[] _snapshotReady;
    private readonly long[] _snapshotTimeNs;

    /// <summary>Unaggregated: completes when the replay holds at the symbol's recorded snapshot, its book synced from it.</summary>
    public Task SnapshotReady(int symbolId) => _snapshotReady[symbolId].Task;

    /// <summary>The served time of the recorded snapshot the replay holds at (0 before).</summary>
    public long SnapshotTimeNs(int symbolId) => Interlocked.Read(ref _snapshotTimeNs[symbolId]);

    /// <summary>Completes once a client has been served the symbol's depth snapshot (GET /api/v3/depth).</summary>
    public Task SnapshotServed(int symbolId) => _snapshotServed[symbolId].Task;

    public void OnSnapshotReady(int symbolId, long servedNs)
    {
        Interlocked.Exchange(ref _snapshotTimeNs[symbolId], servedNs);
        _snapshotReady[symbolId].TrySetResult();
    }

    public void OnSnapshotServed(int symbolId) => _snapshotServed[symbolId].TrySetResult();

    public Lock Gate { get; } = new();

    public SimulatorOptions Options { get; }

    public SimulatorFaults Faults { get; }

    public InstrumentSet Instruments { get; }

    public SimulatedSymbol[] Symbols { get; }

    public SimulatedAccount Account { get; }

    public MatchingEngine Engine { get; }

    public PushHub Hub { get; }

    public SymbolTable SymbolTable { get; }

    /// <summary>The server clock in Unix ms, skewed by the clock fault.</summary>
    public long NowMs => (Options.Clock.GetUtcNow() + Faults.ClockSkew).ToUnixTimeMilliseconds();

    public bool TryGetSymbol(string? name, out SimulatedSymbol symbol)
    {
        symbol = Array.Find(Symbols, s => s.Name == name)!;
        return symbol is not null;
    }

    public string CreateListenKey()
    {
        string key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        lock (_listenKeys)
        {
            _listenKeys[key] = Options.Clock.GetUtcNow() + Options.ListenKeyValidity;
        }

        return key;
    }

    public bool ExtendListenKey(string key)
    {
        lock (_listenKeys)
        {
            if (!IsValid(key))
            {
                return false;
            }

            _listenKeys[key] = Options.Clock.GetUtcNow() + Options.ListenKeyValidity;
            return true;
        }
    }

    public bool CloseListenKey(string key)
    {
        lock (_listenKeys)
        {
            return IsValid(key) && _listenKeys.Remove(key);
        }
    }

    public bool IsListenKeyValid(string? key)
    {
        lock (_listenKeys)
        {
            return key is not null && IsValid(key);
        }
    }

    private bool IsValid(string key) => _listenKeys.TryGetValue(key, out DateTimeOffset until) && until > Options.Clock.GetUtcNow();
}
