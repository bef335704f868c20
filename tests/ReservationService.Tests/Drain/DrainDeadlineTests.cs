using System.Net.Http.Json;
using IceFarm.Client;
using IceFarm.Contracts.Http;
using IceFarm.FarmData.Drain;
using IceFarm.FarmData.Reservations;
using IceFarm.FarmData.Store;
using IceFarm.FarmData.Workers;
using IceFarm.ReservationService.Reservations;
using IceFarm.ReservationService.Workers;
using IceFarm.Testing;
using Xunit;
using static IceFarm.ReservationService.Tests.Drain.DrainProbe;

namespace IceFarm.ReservationService.Tests.Drain;

public sealed class When_a_drain_reaches_its_deadline(DrainClockHost service) : IClassFixture<DrainClockHost>
{
    [Fact(Timeout = 120_000)]
    public async Task The_remaining_lease_is_ended_with_reason_drained_and_the_worker_is_drained()
    {
        await service.AnnounceWorkerAsync("doomed", 1);
        var (http, _) = await service.NewClientAsync("stubborn");
        using var client = new FarmClient(new FarmClientOptions { BaseAddress = service.BaseAddress, Token = http.DefaultRequestHeaders.Authorization!.Parameter! });
        await using var events = await client.OpenEventsAsync(null).WaitAsync(Deadline);
        using (http)
        {
            using var reserve = await http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Amount: 1)).WaitAsync(Deadline);
            var reservation = (await reserve.Content.ReadFromJsonAsync<ReservationResponse>())!;
            using var cts = new CancellationTokenSource(Deadline);
            await using var stream = events.ReadAllAsync(cts.Token).GetAsyncEnumerator(cts.Token);

            await SendDrainAsync(service.Services, "doomed", service.Clock.GetUtcNow().AddMinutes(10));
            await NextAsync(stream, StreamEventTypes.WorkerDraining);
            await WaitForDrainAsync(service.Services, "doomed", "draining");

            service.Clock.Advance(TimeSpan.FromMinutes(11));
            var ended = await NextAsync(stream, StreamEventTypes.ReservationEnded);
            Assert.Equal(reservation.Id, ended.Data.GetProperty("reservationId").GetGuid());
            Assert.Equal("drained", ended.Data.GetProperty("reason").GetString());

            var done = await WaitForDrainAsync(service.Services, "doomed", "drained");
            Assert.Equal([reservation.Id], done.ForceEndedReservations);
            Assert.Equal(ReservationEndReason.Drained, (await LoadAsync<ReservationView>(service.Services, StreamIds.Reservation(reservation.Id)))!.EndReason);
            Assert.Contains(await WorkerEventsAsync(service.Services, "doomed"), e => e is WorkerFinishedDraining { ForceEnded: 1 });
        }
    }
}

public sealed class When_the_service_restarts_during_a_drain(RestartableServiceHost service) : IClassFixture<RestartableServiceHost>
{
    [Fact(Timeout = 180_000)]
    public async Task The_stored_deadline_still_fires_on_the_new_instance()
    {
        Guid reservationId;
        using (var http = await service.NewClientAsync("survivor"))
        {
            await service.AnnounceWorkerAsync("phoenix", http);
            using var reserve = await http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Amount: 1)).WaitAsync(Deadline);
            reservationId = (await reserve.Content.ReadFromJsonAsync<ReservationResponse>())!.Id;
        }

        await SendDrainAsync(service.Services, "phoenix", service.Clock.GetUtcNow().AddMinutes(10), "phoenix (SIGTERM)");
        await WaitForDrainAsync(service.Services, "phoenix", "draining");

        await service.RestartAsync();
        Assert.True((await LoadAsync<WorkerView>(service.Services, StreamIds.Worker("phoenix")))!.Draining);
        service.Clock.Advance(TimeSpan.FromMinutes(11));

        var done = await WaitForDrainAsync(service.Services, "phoenix", "drained");
        Assert.Equal([reservationId], done.ForceEndedReservations);
        Assert.Equal("phoenix (SIGTERM)", done.RequestedBy);
        var ended = await Eventually.WaitForAsync(async ct => await LoadAsync<ReservationView>(service.Services, StreamIds.Reservation(reservationId), ct) is { Active: false } r ? r : null,
            Deadline, "the reservation ended");
        Assert.Equal(ReservationEndReason.Drained, ended.EndReason);
        await WaitForSagaRemovedAsync(service.Services, "phoenix");
    }
}
