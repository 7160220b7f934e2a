namespace FlashTrader.Mexc.Rest;

/// <summary>What went wrong with a REST call, which decides what may be retried and what an order's outcome is.</summary>
public enum MexcErrorKind
{
    /// <summary>MEXC answered with an error code (HTTP 4xx, or 200 with a non-zero code): the request was refused.</summary>
    Exchange,

    /// <summary>HTTP error without a MEXC body (403 web firewall, 404...): refused.</summary>
    Http,

    /// <summary>HTTP 5xx: the server failed; for an order the outcome is unknown.</summary>
    Server,

    /// <summary>No response (connection refused or reset): for an order the outcome is unknown.</summary>
    Transport,

    /// <summary>No response within Mexc:RestTimeoutMs: for an order the outcome is unknown.</summary>
    Timeout,

    /// <summary>HTTP 429: too many requests; the next request waits for Retry-After.</summary>
    RateLimited,

    /// <summary>HTTP 418, or a call made while its ban lasts: nothing is sent until the ban ends.</summary>
    Banned,

    /// <summary>The circuit breaker is open after repeated failures: nothing is sent until it lets a trial through.</summary>
    CircuitOpen,

    /// <summary>The response did not have the documented shape.</summary>
    MalformedResponse,

    /// <summary>The request was refused locally before sending (missing credentials, invalid parameters).</summary>
    InvalidRequest,
}
