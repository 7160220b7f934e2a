using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FlashTrader.Core.Orders;
using FlashTrader.Mexc.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace FlashTrader.Mexc.Simulator.Rest;

/// <summary>
/// Verifies a signed request the way MEXC does: the X-MEXC-APIKEY header names the key; <c>signature</c> is the
/// lowercase hex HMAC-SHA256 (keyed with the secret) of the query string followed directly by the body, each without
/// the signature parameter; <c>timestamp</c> must satisfy timestamp &lt; serverTime + 1000 and
/// serverTime - timestamp &lt;= recvWindow (default 5000, at most 60000).
/// </summary>
internal sealed class SignedRequest
{
    private const int MaxRecvWindow = 60_000;

    private SignedRequest(Dictionary<string, string> parameters) => Parameters = parameters;

    /// <summary>The request's parameters, from the query string and a form body, percent-decoded.</summary>
    public Dictionary<string, string> Parameters { get; }

    public static async Task<SignedRequest> VerifyAsync(HttpContext context, string apiKey, MexcRequestSigner signer, long serverTimeMs)
    {
        string? key = context.Request.Headers["X-MEXC-APIKEY"];
        if (string.IsNullOrEmpty(key))
        {
            throw new MexcApiException(400, MexcErrorCode.ApiKeyFormatInvalid, "API-key format invalid: the X-MEXC-APIKEY header is missing");
        }

        if (key != apiKey)
        {
            throw new MexcApiException(400, MexcErrorCode.ApiKeyFormatInvalid, "Api key info invalid: unknown X-MEXC-APIKEY");
        }

        string query = context.Request.QueryString.HasValue ? context.Request.QueryString.Value![1..] : "";
        string body = "";
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        string? signature = TakeParameter(ref query, "signature") ?? TakeParameter(ref body, "signature");
        if (string.IsNullOrEmpty(signature))
        {
            throw new MexcApiException(400, MexcErrorCode.InvalidSignature, "Signature for this request is not valid: the signature parameter is missing");
        }

        string expected = signer.Sign(query, body);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
        {
            throw new MexcApiException(400, MexcErrorCode.InvalidSignature, "Signature for this request is not valid.");
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        AddAll(parameters, query);
        if (context.Request.ContentType is null || context.Request.ContentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            AddAll(parameters, body);
        }

        CheckTime(parameters, serverTimeMs);
        return new SignedRequest(parameters);
    }

    public string? Get(string name) => Parameters.TryGetValue(name, out string? v) && v.Length > 0 ? v : null;

    private static void CheckTime(Dictionary<string, string> parameters, long serverTimeMs)
    {
        if (!parameters.TryGetValue("timestamp", out string? ts) || !long.TryParse(ts, NumberStyles.None, CultureInfo.InvariantCulture, out long timestamp))
        {
            throw MexcApiException.BadParameter("timestamp", "is required (Unix milliseconds)");
        }

        long recvWindow = 5_000;
        if (parameters.TryGetValue("recvWindow", out string? rw))
        {
            if (!long.TryParse(rw, NumberStyles.None, CultureInfo.InvariantCulture, out recvWindow))
            {
                throw MexcApiException.BadParameter("recvWindow", "is not a whole number of milliseconds");
            }

            if (recvWindow > MaxRecvWindow)
            {
                throw new MexcApiException(400, MexcErrorCode.RecvWindowTooLarge, $"recvWindow must be less than {MaxRecvWindow}");
            }
        }

        if (timestamp >= serverTimeMs + 1000 || serverTimeMs - timestamp > recvWindow)
        {
            throw new MexcApiException(400, MexcErrorCode.TimestampOutsideRecvWindow,
                $"Timestamp for this request is outside of the recvWindow (timestamp {timestamp}, server time {serverTimeMs}, recvWindow {recvWindow}).");
        }
    }

    /// <summary>Removes name=value from an encoded parameter string and returns the value (null if absent).</summary>
    private static string? TakeParameter(ref string encoded, string name)
    {
        string[] parts = encoded.Split('&');
        int at = Array.FindIndex(parts, p => p.StartsWith(name + "=", StringComparison.Ordinal));
        if (at < 0)
        {
            return null;
        }

        string value = Uri.UnescapeDataString(parts[at][(name.Length + 1)..]);
        encoded = string.Join('&', parts.Where((_, i) => i != at));
        return value;
    }

    private static void AddAll(Dictionary<string, string> parameters, string encoded)
    {
        if (encoded.Length == 0)
        {
            return;
        }

        foreach (KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues> pair in QueryHelpers.ParseQuery(encoded))
        {
            parameters[pair.Key] = pair.Value.ToString();
        }
    }
}
