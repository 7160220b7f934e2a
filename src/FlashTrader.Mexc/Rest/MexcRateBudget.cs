namespace FlashTrader.Mexc.Rest;

/// <summary>
/// The client-side request budget: a token bucket for all requests (Mexc:RequestsPerSecond) and one for orders
/// (Mexc:OrdersPerSecond), a pause after HTTP 429 until its Retry-After, and a ban after HTTP 418 during which every
/// request fails fast. All on the injected <see cref="TimeProvider"/>. Thread-safe.
/// </summary>
public sealed class MexcRateBudget
{
    private readonly TimeProvider _time;
    private readonly TokenBucket _requests;
    private readonly TokenBucket _orders;
    private readonly Lock _gate = new();
    private long _pausedUntilTicks;
    private long _bannedUntilTicks;

    public MexcRateBudget(TimeProvider time, int requestsPerSecond, int ordersPerSecond)
    {
        _time = time;
        _requests = new TokenBucket(requestsPerSecond, requestsPerSecond);
        _orders = new TokenBucket(ordersPerSecond, ordersPerSecond);
    }

    /// <summary>Requests that had to wait for a token or a Retry-After pause.</summary>
    public long Delayed { get; private set; }

    /// <summary>Requests refused without sending because a 418 ban was in force.</summary>
    public long RefusedWhileBanned { get; private set; }

    /// <summary>When the current 418 ban ends (null when there is none).</summary>
    public DateTimeOffset? BannedUntil
    {
        get
        {
            lock (_gate)
            {
                return _bannedUntilTicks > _time.GetUtcNow().UtcTicks ? new DateTimeOffset(_bannedUntilTicks, TimeSpan.Zero) : null;
            }
        }
    }

    /// <summary>
    /// Reserves a request (and an order) token and returns how long to wait before sending, or null with
    /// <paramref name="bannedUntil"/> set when a ban is in force (nothing is reserved then).
    /// </summary>
    public TimeSpan? Reserve(bool isOrder, out DateTimeOffset bannedUntil)
    {
        lock (_gate)
        {
            long now = _time.GetUtcNow().UtcTicks;
            if (_bannedUntilTicks > now)
            {
                RefusedWhileBanned++;
                bannedUntil = new DateTimeOffset(_bannedUntilTicks, TimeSpan.Zero);
                return null;
            }

            bannedUntil = default;
            TimeSpan wait = _requests.Reserve(now);
            if (isOrder)
            {
                TimeSpan order = _orders.Reserve(now);
                wait = order > wait ? order : wait;
            }

            TimeSpan pause = TimeSpan.FromTicks(Math.Max(0, _pausedUntilTicks - now));
            wait = pause > wait ? pause : wait;
            if (wait > TimeSpan.Zero)
            {
                Delayed++;
            }

            return wait;
        }
    }

    /// <summary>HTTP 429: no request is sent before <paramref name="retryAfter"/> from now.</summary>
    public DateTimeOffset PauseFor(TimeSpan retryAfter)
    {
        lock (_gate)
        {
            long until = _time.GetUtcNow().UtcTicks + retryAfter.Ticks;
            _pausedUntilTicks = Math.Max(_pausedUntilTicks, until);
            return new DateTimeOffset(_pausedUntilTicks, TimeSpan.Zero);
        }
    }

    /// <summary>HTTP 418: every request fails fast for <paramref name="duration"/>.</summary>
    public DateTimeOffset BanFor(TimeSpan duration)
    {
        lock (_gate)
        {
            long until = _time.GetUtcNow().UtcTicks + duration.Ticks;
            _bannedUntilTicks = Math.Max(_bannedUntilTicks, until);
            return new DateTimeOffset(_bannedUntilTicks, TimeSpan.Zero);
        }
    }
}
