using System.Net.Http.Json;
using IceFarm.Contracts.Http;
using IceFarm.Testing;
using System.Text.RegularExpressions;
using Xunit;

namespace IceFarm.ReservationService.Tests;

/// <summary>
/// Runs alone: OpenTelemetry listens to meters by name process-wide, so another test class's service would add its own
/// farm's gauges to this scrape.
/// </summary>
[CollectionDefinition(nameof(When_prometheus_scrapes_the_service), DisableParallelization = true)]
public sealed class MetricsCollection;

[Collection(nameof(When_prometheus_scrapes_the_service))]
public sealed partial class When_prometheus_scrapes_the_service(MetricsHost service) : IClassFixture<MetricsHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 120_000)]
    public async Task It_sees_boards_per_state_active_reservations_heartbeat_ages_and_reserve_latency()
    {
        await service.AnnounceWorkerAsync("metered-worker", 3);
        var (http, _) = await service.NewClientAsync("metered");
        using (http)
        {
            using var reserve = await http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Amount: 1)).WaitAsync(Deadline);
            reserve.EnsureSuccessStatusCode();
            using var scraper = service.Anonymous();

            // Gauges are sampled every few seconds: wait for a sample that includes the reservation.
            var last = "";
            var text = await Eventually.WaitForAsync(async ct =>
            {
                last = await scraper.GetStringAsync("metrics", ct);
                // Gauges and histograms may reach the exporter's cached scrape at different moments: wait for both.
                return ActiveReservations().IsMatch(last)
                    && last.Contains("worker=\"metered-worker\"", StringComparison.Ordinal)
                    && last.Contains("icefarm_reserve_duration_seconds_bucket", StringComparison.Ordinal) ? last : null;
            }, Deadline, "a metrics sample with the reservation").ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : throw new Xunit.Sdk.XunitException(
                $"No sample with the reservation; the last scrape was:{Environment.NewLine}{last}"), TaskScheduler.Default);

            Assert.Contains("icefarm_boards{", text, StringComparison.Ordinal);
            Assert.Contains("state=\"Available\"", text, StringComparison.Ordinal);
            Assert.Contains("icefarm_worker_heartbeat_age_seconds{", text, StringComparison.Ordinal);
            Assert.Contains("worker=\"metered-worker\"", text, StringComparison.Ordinal);
            Assert.Contains("icefarm_reserve_duration_seconds_count{", text, StringComparison.Ordinal);
            Assert.Contains("icefarm_evaluations_open", text, StringComparison.Ordinal);
            Assert.Matches(@"icefarm_drains_in_progress\{[^}]*\} 0", text);
            // Seconds-scale buckets (not the exporter's millisecond defaults), and the one grant counted.
            Assert.Matches(@"icefarm_reserve_duration_seconds_bucket\{[^}]*le=""0.05""\} \d", text);
            Assert.Matches(@"icefarm_reserve_duration_seconds_bucket\{[^}]*le=""\+Inf""\} 1", text);
        }
    }

    [GeneratedRegex(@"icefarm_reservations_active\{[^}]*\} 1\b")]
    private static partial Regex ActiveReservations();
}

/// <summary>Samples gauges often and keeps the announced worker online while the test scrapes.</summary>
public sealed class MetricsHost : ReservationServiceHost
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>
    {
        ["Metrics:SampleInterval"] = "00:00:00.200",
        ["Liveness:OfflineAfter"] = "1.00:00:00",
    };
}
