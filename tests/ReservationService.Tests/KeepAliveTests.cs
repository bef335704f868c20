using System.Net;
using System.Net.Http.Json;
using IceFarm.Client;
using IceFarm.Client.Events;
using IceFarm.Contracts.Http;
using IceFarm.ReservationService.Reservations;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IceFarm.ReservationService.Tests;

/// <summary>
/// Keepalive leases on a fake clock: a reservation with a TTL ends when its renewals stop (not before), renewals keep it,
/// and it never outlives the duration it asked for. The lease monitor's check is run directly after each step of the clock,
/// so "still active" means the monitor looked and decided, not that it had not come round yet.
/// </summary>
public sealed class When_keepalives_stop(KeepAliveClockHost service) : IClassFixture<KeepAliveClockHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 120_000)]
    public async Task Renewals_keep_the_lease_and_silence_longer_than_the_ttl_ends_it_as_keepalive_lapsed()
    {
        var serials = await service.AnnounceWorkerAsync("keepalive-worker", 1, kind: "variance");
        var (http, _) = await service.NewClientAsync("renewing");
        using var client = new FarmClient(new FarmClientOptions { BaseAddress = service.BaseAddress, Token = http.DefaultRequestHeaders.Authorization!.Parameter! });
        await using var events = await client.OpenEventsAsync(null).WaitAsync(Deadline);
        using var cts = new CancellationTokenSource(Deadline);
        await using var stream = events.ReadAllAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        using (http)
        {
            var granted = await ReserveAsync(http, new ReserveRequest("variance", Serials: serials, Duration: "PT10M", KeepAlive: "PT60S"));
            Assert.Equal("PT1M", granted.KeepAlive);
            Assert.Equal(service.Clock.GetUtcNow(), granted.RenewedAt);

            // Renewed every 50 s for over three TTLs: the lease lives on.
            for (var i = 0; i < 4; i++)
            {
                await AdvanceAndCheckAsync(TimeSpan.FromSeconds(50));
                var renewed = await KeepAliveAsync(http, granted.Id, HttpStatusCode.OK);
                Assert.Equal(service.Clock.GetUtcNow(), renewed!.RenewedAt);
            }

            // Silent for just under the TTL: still held, and GET shows the last renewal.
            var lastRenewal = service.Clock.GetUtcNow();
            await AdvanceAndCheckAsync(TimeSpan.FromSeconds(59));
            var view = await http.GetFromJsonAsync<ReservationResponse>($"api/v1/reservations/{granted.Id}").WaitAsync(Deadline);
            Assert.Equal(lastRenewal, view!.RenewedAt);
            Assert.Equal("PT1M", view.KeepAlive);
            Assert.Single(await http.GetFromJsonAsync<ReservationResponse[]>("api/v1/reservations").WaitAsync(Deadline) ?? []);

            // Past it: the reservation ends, says why, and the board is free.
            await AdvanceAndCheckAsync(TimeSpan.FromSeconds(2));
            var ended = await NextAsync(stream, StreamEventTypes.ReservationEnded);
            Assert.Equal(granted.Id, ended.Data.GetProperty("reservationId").GetGuid());
            Assert.Equal("keepalive-lapsed", ended.Data.GetProperty("reason").GetString());
            Assert.Contains("no keepalive for 61 s (TTL 60 s)", ended.Data.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Empty((await http.GetFromJsonAsync<ReservationResponse[]>("api/v1/reservations").WaitAsync(Deadline))!);
            await KeepAliveAsync(http, granted.Id, HttpStatusCode.Conflict);
            var again = await ReserveAsync(http, new ReserveRequest("variance", Serials: serials, Duration: "PT10M"));
            Assert.Null(again.KeepAlive);
            Assert.Null(again.RenewedAt);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task Renewals_never_carry_a_lease_past_the_duration_it_asked_for()
    {
        var serials = await service.AnnounceWorkerAsync("bounded-worker", 1, kind: "variance");
        var (http, _) = await service.NewClientAsync("bounded");
        using (http)
        {
            var granted = await ReserveAsync(http, new ReserveRequest("variance", Serials: serials, Duration: "PT2M", KeepAlive: "PT60S"));
            for (var i = 0; i < 3; i++)
            {
                await AdvanceAndCheckAsync(TimeSpan.FromSeconds(30));
                await KeepAliveAsync(http, granted.Id, HttpStatusCode.OK);
            }

            await AdvanceAndCheckAsync(TimeSpan.FromSeconds(31)); // 121 s after the grant, 31 s after the last renewal
            await KeepAliveAsync(http, granted.Id, HttpStatusCode.Conflict);
            Assert.Empty((await http.GetFromJsonAsync<ReservationResponse[]>("api/v1/reservations").WaitAsync(Deadline))!);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task A_bad_keepalive_is_a_400_and_renewing_someone_elses_or_a_missing_reservation_is_refused()
    {
        var serials = await service.AnnounceWorkerAsync("refusing-worker", 1, kind: "variance");
        var (http, _) = await service.NewClientAsync("careless");
        var (other, _) = await service.NewClientAsync("other");
        using (http)
        using (other)
        {
            foreach (var bad in new[] { "PT1S", "PT2H", "soon", "" })
            {
                using var refused = await http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("variance", Serials: serials, KeepAlive: bad)).WaitAsync(Deadline);
                Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
                Assert.Contains("keepAlive", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            var plain = await ReserveAsync(http, new ReserveRequest("variance", Serials: serials));
            await KeepAliveAsync(http, plain.Id, HttpStatusCode.BadRequest);
            await KeepAliveAsync(other, plain.Id, HttpStatusCode.Forbidden);
            await KeepAliveAsync(http, Guid.NewGuid(), HttpStatusCode.NotFound);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task Silence_while_the_service_was_down_is_not_the_clients_a_restarted_service_counts_a_ttl_from_its_start()
    {
        var serials = await service.AnnounceWorkerAsync("restart-worker", 1, kind: "variance");
        var (http, _) = await service.NewClientAsync("patient-through-restarts");
        var token = http.DefaultRequestHeaders.Authorization!.Parameter!;
        ReservationResponse granted;
        using (http)
        {
            granted = await ReserveAsync(http, new ReserveRequest("variance", Serials: serials, Duration: "PT10M", KeepAlive: "PT60S"));
        }

        // Down for 90 s: the client could not renew. The new process gives it one TTL from its own start.
        await service.RestartAsync(whileDown: () => service.Clock.Advance(TimeSpan.FromSeconds(90)));
        using var restarted = service.Anonymous(token);
        await AdvanceAndCheckAsync(TimeSpan.FromSeconds(59));
        Assert.Single((await restarted.GetFromJsonAsync<ReservationResponse[]>("api/v1/reservations").WaitAsync(Deadline))!);

        await AdvanceAndCheckAsync(TimeSpan.FromSeconds(2));
        Assert.Empty((await restarted.GetFromJsonAsync<ReservationResponse[]>("api/v1/reservations").WaitAsync(Deadline))!);
        await KeepAliveAsync(restarted, granted.Id, HttpStatusCode.Conflict);
    }

    private async Task AdvanceAndCheckAsync(TimeSpan by)
    {
        service.Clock.Advance(by);
        using var cts = new CancellationTokenSource(Deadline);
        await service.Services.GetRequiredService<LeaseMonitor>().CheckAsync(cts.Token);
    }

    private static async Task<ReservationResponse> ReserveAsync(HttpClient http, ReserveRequest request)
    {
        using var response = await http.PostAsJsonAsync("api/v1/reservations", request).WaitAsync(Deadline);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ReservationResponse>())!;
    }

    private static async Task<ReservationResponse?> KeepAliveAsync(HttpClient http, Guid id, HttpStatusCode expected)
    {
        using var response = await http.PostAsync($"api/v1/reservations/{id}/keepalive", null).WaitAsync(Deadline);
        Assert.Equal(expected, response.StatusCode);
        return expected == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<ReservationResponse>() : null;
    }

    private static async Task<FarmEvent> NextAsync(IAsyncEnumerator<FarmEvent> stream, string type)
    {
        while (await stream.MoveNextAsync().AsTask().WaitAsync(Deadline))
        {
            if (stream.Current.Type == type)
            {
                return stream.Current;
            }
        }

        throw new InvalidOperationException($"The event stream ended before a {type} event.");
    }
}
