using System.Net;
using FlashTrader.Cli;
using FlashTrader.Control;
using FlashTrader.Core.Configuration;
using FlashTrader.Pipeline;
using FlashTrader.Strategies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlashTrader.Dashboard;

/// <summary>
/// The dashboard's web server (Kestrel, ASP.NET Core shared framework) inside the bot's process, started and stopped
/// with the bot's host. It serves the page from wwwroot beside the executable and the JSON API; it never touches the
/// pipeline except through the board's snapshots and the control inbox. The bound address is printed to stderr as
/// "Dashboard http://127.0.0.1:PORT" (port 0 in the configuration picks a free one).
/// </summary>
public sealed class DashboardServer(
    FlashTraderOptions options,
    DashboardBoard board,
    ControlInbox inbox,
    PipelineChannels channels,
    RunStatus status,
    RunSettings settings,
    StrategyDesk desk,
    ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("FlashTrader.Dashboard");
    private WebApplication? _app;

    /// <summary>Where the page's files are: copied beside the executable by the build.</summary>
    public static string WebRoot => Path.Combine(AppContext.BaseDirectory, "Dashboard", "wwwroot");

    public IReadOnlyList<string> Addresses { get; private set; } = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        DashboardOptions dashboard = options.Dashboard;
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(new EmbeddedLoggerFactory(loggerFactory)));
        builder.Services.Replace(ServiceDescriptor.Singleton<IHostLifetime, EmbeddedLifetime>());
        builder.Services.ConfigureHttpJsonOptions(o => DashboardJson.Configure(o.SerializerOptions));
        builder.WebHost.UseUrls(dashboard.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        WebApplication app = builder.Build();
        if (!string.IsNullOrWhiteSpace(dashboard.AccessToken))
        {
            var token = new AccessToken(dashboard.AccessToken);
            app.Use(token.InvokeAsync);
        }

        if (Directory.Exists(WebRoot))
        {
            var files = new PhysicalFileProvider(WebRoot);
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        }
        else
        {
            _logger.LogWarning("Dashboard: page files not found in {WebRoot}; only the JSON API is served", WebRoot);
        }

        new DashboardApi(board, inbox, channels, status, settings, options, _logger, desk).Map(app, app.Lifetime);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new UsageException($"Dashboard:Urls: cannot listen on {dashboard.Urls}: {ex.Message} (choose another port, or set Dashboard:Enabled=false)", ex);
        }

        _app = app;
        Addresses = [.. app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []];
        foreach (string address in Addresses)
        {
            // A plain line on stderr, so scripts and tests find the port that was bound.
            await Console.Error.WriteLineAsync("Dashboard " + address).ConfigureAwait(false);
            _logger.LogInformation("Dashboard listening on {Address}{Token}", address, string.IsNullOrWhiteSpace(dashboard.AccessToken) ? "" : " (access token required)");
        }

        if (Addresses.Any(a => !IsLoopback(a)))
        {
            _logger.LogWarning("Dashboard: reachable beyond this machine; every request must carry Dashboard:AccessToken");
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _app = null;
        }
    }

    private static bool IsLoopback(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out Uri? uri) && (uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out IPAddress? ip) && IPAddress.IsLoopback(ip)));

    /// <summary>
    /// The bot's log, minus the embedded host's own start/stop messages: a bind failure is reported once, by the bot, as
    /// a usage error naming Dashboard:Urls, not also as the web host's stack trace.
    /// </summary>
    private sealed class EmbeddedLoggerFactory(ILoggerFactory inner) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) =>
            categoryName.StartsWith("Microsoft.Extensions.Hosting", StringComparison.Ordinal) || categoryName.StartsWith("Microsoft.Hosting.Lifetime", StringComparison.Ordinal)
                ? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance
                : inner.CreateLogger(categoryName);

        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        public void Dispose()
        {
            // The bot owns the inner factory.
        }
    }

    /// <summary>The bot's host owns signals and shutdown: the embedded web host must not install its own console lifetime.</summary>
    private sealed class EmbeddedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
