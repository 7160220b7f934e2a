namespace FlashTrader.Mexc.Simulator.Faults;

/// <summary>
/// The faults in force, for the simulator's parts to consult, and the in-process API tests use to inject one now.
/// Random faults follow the <see cref="FaultPlan"/> from seeded generators (one per kind, so enabling one kind does not
/// shift another's sequence); the one-shot triggers (<see cref="SkipDiffs"/>, <see cref="FailNextRequests"/>, ...)
/// act deterministically on the next occurrences. Thread-safe.
/// </summary>
public sealed class SimulatorFaults
{
    private readonly Lock _gate = new();
    private FaultPlan _plan;
    private Random _gapRandom = null!;
    private Random _malformedRandom = null!;
    private Random _restRandom = null!;
    private Random _orderRandom = null!;
    private int _diffsToSkip;
    private int _pushesToMalform;
    private int _requestsToFail;
    private int _failStatus;
    private int _ordersToFail;
    private long _droppedConnections;
    private long _expiredConnections;

    public SimulatorFaults(FaultPlan plan)
    {
        _plan = plan;
        Reseed();
    }

    /// <summary>Raised (on the caller's thread) when <see cref="DropConnections"/> or <see cref="ExpireConnections"/> is called.</summary>
    internal event Action<ConnectionFault>? ConnectionFaultRaised;

    public FaultPlan Plan
    {
        get
        {
            lock (_gate)
            {
                return _plan;
            }
        }

        set
        {
            lock (_gate)
            {
                _plan = value ?? FaultPlan.None;
                Reseed();
            }
        }
    }

    /// <summary>Counts of what was injected, for tests and the status line.</summary>
    public long SkippedDiffs { get; private set; }

    public long MalformedPushes { get; private set; }

    public long RateLimited { get; private set; }

    public long Banned { get; private set; }

    public long UnknownOutcomeOrders { get; private set; }

    public long DroppedConnections => Interlocked.Read(ref _droppedConnections);

    public long ExpiredConnections => Interlocked.Read(ref _expiredConnections);

    /// <summary>The next <paramref name="count"/> aggre.depth pushes are not sent (the book still moves).</summary>
    public void SkipDiffs(int count)
    {
        lock (_gate)
        {
            _diffsToSkip += count;
        }
    }

    /// <summary>The next <paramref name="count"/> binary pushes go out cut short.</summary>
    public void MalformNextPushes(int count)
    {
        lock (_gate)
        {
            _pushesToMalform += count;
        }
    }

    /// <summary>The next <paramref name="count"/> REST requests are answered <paramref name="status"/> (429 or 418).</summary>
    public void FailNextRequests(int status, int count)
    {
        if (status is not (429 or 418))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "the exchange refuses requests with 429 or 418");
        }

        lock (_gate)
        {
            _failStatus = status;
            _requestsToFail += count;
        }
    }

    /// <summary>The next <paramref name="count"/> new orders are executed and then answered HTTP 500.</summary>
    public void FailNextOrders(int count)
    {
        lock (_gate)
        {
            _ordersToFail += count;
        }
    }

    /// <summary>Closes every open WebSocket connection now, without a close handshake (a network drop).</summary>
    public void DropConnections()
    {
        ConnectionFaultRaised?.Invoke(ConnectionFault.Drop);
    }

    /// <summary>Ends every open WebSocket connection now as MEXC does after 24 hours (a close frame).</summary>
    public void ExpireConnections()
    {
        ConnectionFaultRaised?.Invoke(ConnectionFault.Lifetime);
    }

    internal TimeSpan ClockSkew => Plan.ClockSkew;

    internal void CountDropped() => Interlocked.Increment(ref _droppedConnections);

    internal void CountExpired() => Interlocked.Increment(ref _expiredConnections);

    internal bool ShouldSkipDiff()
    {
        lock (_gate)
        {
            bool skip = _diffsToSkip > 0 ? _diffsToSkip-- > 0 : _plan.GapProbability > 0 && _gapRandom.NextDouble() < _plan.GapProbability;
            if (skip)
            {
                SkippedDiffs++;
            }

            return skip;
        }
    }

    internal bool ShouldMalformPush()
    {
        lock (_gate)
        {
            bool malform = _pushesToMalform > 0
                ? _pushesToMalform-- > 0
                : _plan.MalformedProbability > 0 && _malformedRandom.NextDouble() < _plan.MalformedProbability;
            if (malform)
            {
                MalformedPushes++;
            }

            return malform;
        }
    }

    /// <summary>The status a REST request is refused with (429, 418), or 0 to serve it.</summary>
    internal int RequestRefusal(out int retryAfterSeconds)
    {
        lock (_gate)
        {
            retryAfterSeconds = _plan.RetryAfterSeconds;
            int status = 0;
            if (_requestsToFail > 0)
            {
                _requestsToFail--;
                status = _failStatus;
            }
            else if (_plan.RateLimitProbability > 0 || _plan.BanProbability > 0)
            {
                // One draw decides both, so the 429 and 418 sequences stay reproducible together.
                double draw = _restRandom.NextDouble();
                status = draw < _plan.BanProbability ? 418 : draw < _plan.BanProbability + _plan.RateLimitProbability ? 429 : 0;
            }

            if (status == 429)
            {
                RateLimited++;
            }
            else if (status == 418)
            {
                Banned++;
            }

            return status;
        }
    }

    internal bool ShouldFailAfterExecuting()
    {
        lock (_gate)
        {
            bool fail = _ordersToFail > 0
                ? _ordersToFail-- > 0
                : _plan.OrderUnknownOutcomeProbability > 0 && _orderRandom.NextDouble() < _plan.OrderUnknownOutcomeProbability;
            if (fail)
            {
                UnknownOutcomeOrders++;
            }

            return fail;
        }
    }

    /// <summary>A generator for one connection's push delays: seeded by the plan and the connection's number.</summary>
    internal Random ConnectionRandom(long connectionNumber) => new(unchecked((Plan.Seed * 7919) + (int)connectionNumber));

    private void Reseed()
    {
        int seed = _plan.Seed;
        _gapRandom = new Random(unchecked((seed * 31) + 1));
        _malformedRandom = new Random(unchecked((seed * 31) + 2));
        _restRandom = new Random(unchecked((seed * 31) + 3));
        _orderRandom = new Random(unchecked((seed * 31) + 4));
    }
}

/// <summary>How a connection fault ends the connections.</summary>
internal enum ConnectionFault
{
    /// <summary>An abrupt drop: no close frame.</summary>
    Drop,

    /// <summary>The exchange's connection lifetime ran out: a normal close frame.</summary>
    Lifetime,
}
