using FlashTrader.Mexc.Signing;

namespace FlashTrader.Mexc.Rest;

/// <summary>
/// One REST call as the client sends it: method, path and parameters, and how it is treated (signed, an order for the
/// order budget, retryable because it is an idempotent GET). The signed query is rebuilt for every attempt, so each
/// carries a fresh timestamp.
/// </summary>
internal sealed class MexcRequest
{
    private readonly List<KeyValuePair<string, string>> _parameters = [];

    public MexcRequest(HttpMethod method, string path, bool signed, bool isOrder = false)
    {
        Method = method;
        Path = path;
        Signed = signed;
        IsOrder = isOrder;
    }

    public HttpMethod Method { get; }

    public string Path { get; }

    public bool Signed { get; }

    public bool IsOrder { get; }

    /// <summary>Writes parameters that come before those added with <see cref="Add(string, string)"/> (an order's).</summary>
    public Action<MexcQueryString>? WriteParameters { get; init; }

    /// <summary>Only GETs are retried: repeating anything else could act twice.</summary>
    public bool Retryable => Method == HttpMethod.Get;

    /// <summary>"GET /api/v3/depth": how errors name the call.</summary>
    public string Endpoint => $"{Method.Method} {Path}";

    public MexcRequest Add(string name, string value)
    {
        _parameters.Add(new(name, value));
        return this;
    }

    public MexcRequest Add(string name, long value) =>
        Add(name, value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public MexcRequest AddIf(string name, string? value) => value is null ? this : Add(name, value);

    public MexcRequest AddIf(string name, long? value) => value is { } v ? Add(name, v) : this;

    /// <summary>
    /// Path and query to send: the parameters, then for a signed call recvWindow, timestamp and the signature of all
    /// that precedes it (the body is empty: every parameter travels in the query).
    /// </summary>
    public string BuildPathAndQuery(MexcQueryString query, MexcRequestSigner? signer, int recvWindowMs, long timestampMs)
    {
        query.Clear();
        WriteParameters?.Invoke(query);
        foreach ((string name, string value) in _parameters)
        {
            query.Add(name, value);
        }

        if (Signed)
        {
            query.Add("recvWindow", recvWindowMs).Add("timestamp", timestampMs);
            string signature = signer!.Sign(query.ToString());
            query.Add("signature", signature);
        }

        return query.Length == 0 ? Path : $"{Path}?{query}";
    }
}
