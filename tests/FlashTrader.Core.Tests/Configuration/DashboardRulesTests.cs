using FlashTrader.Core.Configuration;
using FlashTrader.Core.Tests.Builders;

namespace FlashTrader.Core.Tests.Configuration;

/// <summary>The Dashboard section: loopback needs nothing more; anything beyond loopback needs an access token.</summary>
public sealed class DashboardRulesTests
{
    private static IReadOnlyList<string> Errors(Action<DashboardOptions> change)
    {
        FlashTraderOptions options = TestOptions.Default();
        change(options.Dashboard);
        return [.. ConfigurationRules.Validate(options).Select(e => e.ToString())];
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("http://127.0.0.1:0")]
    [InlineData("http://localhost:5000")]
    [InlineData("http://[::1]:8080")]
    [InlineData("http://127.0.0.1:8080; http://[::1]:8080")]
    public void Loopback_addresses_need_no_token(string urls)
    {
        Errors(d => d.Urls = urls).Should().BeEmpty();
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080")]
    [InlineData("http://*:8080")]
    [InlineData("http://+:8080")]
    [InlineData("http://192.168.1.20:8080")]
    public void Binding_beyond_loopback_without_a_token_is_refused_naming_the_key(string urls)
    {
        Errors(d => d.Urls = urls).Should().Equal(
            $"Dashboard:AccessToken: must be set: Dashboard:Urls binds '{urls}' beyond loopback (set FLASHTRADER__Dashboard__AccessToken, or listen on 127.0.0.1)");
    }

    [Fact]
    public void Binding_beyond_loopback_with_a_token_is_accepted()
    {
        Errors(d => (d.Urls, d.AccessToken) = ("http://0.0.0.0:8080", "s3cret")).Should().BeEmpty();
    }

    [Fact]
    public void A_disabled_dashboard_is_not_checked_for_a_token()
    {
        Errors(d => (d.Urls, d.Enabled) = ("http://0.0.0.0:8080", false)).Should().BeEmpty();
    }

    [Theory]
    [InlineData("127.0.0.1:8080")]
    [InlineData("ftp://127.0.0.1:21")]
    [InlineData("http://127.0.0.1")]
    [InlineData("http://127.0.0.1:99999")]
    public void A_malformed_url_is_named(string url)
    {
        Errors(d => d.Urls = url).Should().Equal($"Dashboard:Urls: '{url}' is not an absolute http(s) URL with a port, e.g. http://127.0.0.1:8080");
    }

    [Fact]
    public void No_url_at_all_is_an_error()
    {
        Errors(d => d.Urls = " ; ").Should().Equal("Dashboard:Urls: must name at least one http(s) URL, e.g. http://127.0.0.1:8080");
    }

    [Fact]
    public void Publish_rate_depth_and_history_sizes_are_bounded()
    {
        Errors(d => (d.PublishIntervalMs, d.DepthLevels, d.RecentItems) = (10, 0, 20_000)).Should().Equal(
            "Dashboard:PublishIntervalMs: must be between 20 and 60000",
            "Dashboard:DepthLevels: must be between 1 and 500",
            "Dashboard:RecentItems: must be between 1 and 10000");
    }

    [Fact]
    public void The_risk_rules_alone_are_the_ones_a_runtime_change_is_held_to()
    {
        ConfigurationRules.ValidateRisk(new RiskOptions { MaxDrawdownPercent = 0, DailyLossLimit = 0 }).Select(e => e.ToString()).Should().Equal(
            "Risk:MaxDrawdownPercent: must be in (0, 100]",
            "Risk:DailyLossLimit: must be greater than 0");
        ConfigurationRules.ValidateRisk(new RiskOptions { MaxDrawdownPercent = 100, DailyLossLimit = 0.01m }).Should().BeEmpty();
    }
}
