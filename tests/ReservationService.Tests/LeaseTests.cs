using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IceFarm.Client;
using IceFarm.Client.Events;
using IceFarm.Contracts.Http;
using Xunit;

namespace IceFarm.ReservationService.Tests;

public sealed class When_leases_run_out(FakeClockHost service) : IClassFixture<FakeClockHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 120_000)]
    public async Task The_client_is_warned_before_expiry_then_the_reservation_ends_and_frees_its_boards()
    {
        await service.AnnounceWorkerAsync("lease-worker", 1, kind: "variance");
        var (http, _) = await service.NewClientAsync("sleepy");
        var token = http.DefaultRequestHeaders.Authorization!.Parameter!;
        using var client = new FarmClient(new FarmClientOptions { BaseAddress = service.BaseAddress, Token = token });
        await using var events = await client.OpenEventsAsync(null).WaitAsync(Deadline);
        using (http)
        {
            using var reserve = await http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("variance", Amount: 1, Duration: "PT10M")).WaitAsync(Deadline);
            var reservation = (await reserve.Content.ReadFromJsonAsync<ReservationResponse>())!;
            using var cts = new CancellationTokenSource(Deadline);
            await using var stream = events.ReadAllAsync(cts.Token).GetAsyncEnumerator(cts.Token);

            service.Clock.Advance(TimeSpan.FromMinutes(6));
            var warning = await NextAsync(stream, StreamEventTypes.ReservationEndingSoon);
            Assert.Equal(reservation.Id, warning.Data.GetProperty("reservationId").GetGuid());
            Assert.Equal(reservation.ExpiresAt, warning.Data.GetProperty("expiresAt").GetDateTimeOffset());

            service.Clock.Advance(TimeSpan.FromMinutes(5));
            var ended = await NextAsync(stream, StreamEventTypes.ReservationEnded);
            Assert.Equal("expired", ended.Data.GetProperty("reason").GetString());

            var mine = await http.GetFromJsonAsync<ReservationResponse[]>("api/v1/reservations").WaitAsync(Deadline);
            Assert.Empty(mine!);
            var availability = await http.GetFromJsonAsync<AvailabilityResponse>("api/v1/availability?kind=variance").WaitAsync(Deadline);
            Assert.Equal(1, availability!.Available);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task Extending_adds_time_never_shortens_and_stops_at_the_cap()
    {
        await service.AnnounceWorkerAsync("extend-worker", 1, kind: "pulsecount");
        var (http, _) = await service.NewClientAsync("patient");
        using (http)
        {
            using var reserve = await http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Amount: 1, Duration: "PT10M")).WaitAsync(Deadline);
            var reservation = (await reserve.Content.ReadFromJsonAsync<ReservationResponse>())!;
            var granted = reservation.ExpiresAt - TimeSpan.FromMinutes(10);

            var longer = await ExtendAsync(http, reservation.Id, "PT30M");
            Assert.Equal(service.Clock.GetUtcNow() + TimeSpan.FromMinutes(30), longer);

            var shorter = await ExtendAsync(http, reservation.Id, "PT5M");
            Assert.Equal(longer, shorter);

            var capped = await ExtendAsync(http, reservation.Id, "PT20H");
            Assert.Equal(granted + TimeSpan.FromHours(2), capped);

            using var bad = await http.PostAsJsonAsync($"api/v1/reservations/{reservation.Id}/extend", new ExtendRequest("soon")).WaitAsync(Deadline);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            var after = await http.GetFromJsonAsync<ReservationResponse>($"api/v1/reservations/{reservation.Id}").WaitAsync(Deadline);
            Assert.Equal(capped, after!.ExpiresAt);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task Releasing_one_board_frees_it_and_releasing_the_last_ends_the_reservation()
    {
        await service.AnnounceWorkerAsync("release-worker", 2, kind: "pulsecount");
        var (http, _) = await service.NewClientAsync("frugal");
        using (http)
        {
            var before = (await http.GetFromJsonAsync<AvailabilityResponse>("api/v1/availability?kind=pulsecount").WaitAsync(Deadline))!.Available;
            using var reserve = await http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Amount: 2)).WaitAsync(Deadline);
            var reservation = (await reserve.Content.ReadFromJsonAsync<ReservationResponse>())!;
            var (first, second) = (reservation.Devices[0].Serial, reservation.Devices[1].Serial);

            using (var released = await http.DeleteAsync($"api/v1/reservations/{reservation.Id}/devices/{first}").WaitAsync(Deadline))
            {
                Assert.Equal(HttpStatusCode.NoContent, released.StatusCode);
            }

            var view = await http.GetFromJsonAsync<ReservationResponse>($"api/v1/reservations/{reservation.Id}").WaitAsync(Deadline);
            Assert.Equal("released", view!.Devices.Single(d => d.Serial == first).State);
            Assert.Equal(before - 1, (await http.GetFromJsonAsync<AvailabilityResponse>("api/v1/availability?kind=pulsecount"))!.Available);

            using (var again = await http.DeleteAsync($"api/v1/reservations/{reservation.Id}/devices/{first}").WaitAsync(Deadline))
            {
                Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
            }

            using (var last = await http.DeleteAsync($"api/v1/reservations/{reservation.Id}/devices/{second}").WaitAsync(Deadline))
            {
                Assert.Equal(HttpStatusCode.NoContent, last.StatusCode);
            }

            Assert.Empty((await http.GetFromJsonAsync<ReservationResponse[]>("api/v1/reservations"))!);
            Assert.Equal(before, (await http.GetFromJsonAsync<AvailabilityResponse>("api/v1/availability?kind=pulsecount"))!.Available);
        }
    }

    private static async Task<DateTimeOffset> ExtendAsync(HttpClient http, Guid id, string duration)
    {
        using var response = await http.PostAsJsonAsync($"api/v1/reservations/{id}/extend", new ExtendRequest(duration)).WaitAsync(Deadline);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ReservationResponse>())!.ExpiresAt;
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
