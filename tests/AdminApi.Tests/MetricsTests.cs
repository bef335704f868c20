using Xunit;

namespace IceFarm.AdminApi.Tests;

public sealed class When_prometheus_scrapes_the_admin_api(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    [Fact(Timeout = 60_000)]
    public async Task It_gets_http_and_runtime_metrics_without_a_token()
    {
        using (var admin = await host.Admin.GetAsync("api/admin/workers").WaitAsync(AdminApiHost.Deadline))
        {
            admin.EnsureSuccessStatusCode();
        }

        using var http = host.Anonymous();
        var text = await http.GetStringAsync("metrics").WaitAsync(AdminApiHost.Deadline);
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
        Assert.Contains("/api/admin/workers", text, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_", text, StringComparison.Ordinal);
    }
}
