using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace FlashTrader.Mexc.Signing;

/// <summary>
/// Signs MEXC REST requests: the lowercase hex HMAC-SHA256, keyed with the API secret, of the query string followed
/// directly by the request body (no '&amp;' between them). Build the query with <see cref="MexcQueryString"/> so its
/// percent-escapes are upper-case, as MEXC verifies them. Thread-safe; allocates only the returned string.
/// </summary>
public sealed class MexcRequestSigner
{
    /// <summary>Length of a signature: 32 bytes as hex.</summary>
    public const int SignatureLength = 64;

    private readonly byte[] _key;

    public MexcRequestSigner(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        _key = Encoding.UTF8.GetBytes(secret);
    }

    /// <summary>Writes the 64 lowercase hex characters of the signature of UTF-8 <paramref name="query"/> + <paramref name="body"/>.</summary>
    public void Sign(ReadOnlySpan<byte> query, ReadOnlySpan<byte> body, Span<char> signature)
    {
        if (signature.Length < SignatureLength)
        {
            throw new ArgumentException($"needs {SignatureLength} characters, got {signature.Length}", nameof(signature));
        }

        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (body.IsEmpty)
        {
            HMACSHA256.HashData(_key, query, mac);
        }
        else
        {
            using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
            hmac.AppendData(query);
            hmac.AppendData(body);
            hmac.GetHashAndReset(mac);
        }

        Convert.TryToHexStringLower(mac, signature, out _);
    }

    /// <summary>The signature of <paramref name="query"/> + <paramref name="body"/> (both ASCII/UTF-8 text).</summary>
    public string Sign(ReadOnlySpan<char> query, ReadOnlySpan<char> body = default)
    {
        int max = Encoding.UTF8.GetMaxByteCount(query.Length + body.Length);
        byte[]? rented = max > 1024 ? ArrayPool<byte>.Shared.Rent(max) : null;
        Span<byte> utf8 = rented ?? stackalloc byte[1024];
        try
        {
            int q = Encoding.UTF8.GetBytes(query, utf8);
            int b = Encoding.UTF8.GetBytes(body, utf8[q..]);
            Span<char> hex = stackalloc char[SignatureLength];
            Sign(utf8[..q], utf8.Slice(q, b), hex);
            return new string(hex);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
