using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace FlashTrader.Dashboard;

/// <summary>
/// With Dashboard:AccessToken set, every request must present it: "Authorization: Bearer &lt;token&gt;", "?token=&lt;token&gt;"
/// (EventSource cannot send headers), or the HttpOnly cookie a valid ?token= sets so the page's own scripts load.
/// Anything else gets 401. Compared in constant time.
/// </summary>
public sealed class AccessToken(string token)
{
    public const string CookieName = "flashtrader_token";

    private readonly byte[] _expected = Encoding.UTF8.GetBytes(token);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        string? presented = Presented(context.Request, out bool fromQuery);
        if (presented is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _expected))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"FlashTrader dashboard\"";
            await context.Response.WriteAsJsonAsync(new { error = "missing or wrong access token: send 'Authorization: Bearer <Dashboard:AccessToken>' or ?token=" }).ConfigureAwait(false);
            return;
        }

        if (fromQuery)
        {
            context.Response.Cookies.Append(CookieName, presented, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps });
        }

        await next(context).ConfigureAwait(false);
    }

    private static string? Presented(HttpRequest request, out bool fromQuery)
    {
        fromQuery = false;
        string authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        if (request.Query.TryGetValue("token", out var query) && query.Count > 0)
        {
            fromQuery = true;
            return query[0];
        }

        return request.Cookies.TryGetValue(CookieName, out string? cookie) ? cookie : null;
    }
}
