using System.Net;
using System.Net.Http.Json;
using IceFarm.Contracts.Admin;
using IceFarm.Contracts.Http;
using IceFarm.FarmData.Reservations;
using IceFarm.FarmData.Store;
using IceFarm.FarmData.Workers;
using Xunit;
using static IceFarm.ReservationService.Tests.Drain.DrainProbe;
using static IceFarm.ReservationService.Tests.Maintenance.MaintenanceProbe;

namespace IceFarm.ReservationService.Tests.Maintenance;

public sealed class When_a_worker_with_a_lease_goes_into_maintenance(ReservationServiceHost service) : IClassFixture<ReservationServiceHost>
{
    [Fact(Timeout = 120_000)]
    public async Task Its_lease_drains_a_waiting_client_gets_its_free_board_only_after_the_return_and_the_drain_is_cancelled()
    {
        var serials = await service.AnnounceWorkerAsync("repair", 2);
        await HeartbeatAsync(service.Services, "repair", serials, Guid.NewGuid());
        var (holder, _) = await service.NewClientAsync("holder");
        var (waiter, _) = await service.NewClientAsync("waiter");
        using (holder)
        using (waiter)
        {
            using var held = await holder.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Serials: [serials[0]])).WaitAsync(Deadline);
            Assert.Equal(HttpStatusCode.Created, held.StatusCode);
            var lease = (await held.Content.ReadFromJsonAsync<ReservationResponse>())!;

            await SendAsync(service.Services, new StartWorkerMaintenance("repair", TimeProvider.System.GetUtcNow().AddHours(1), "test-admin", null));
            var draining = await WaitForDrainAsync(service.Services, "repair", "draining");
            Assert.Equal([lease.Id], draining.RemainingReservations);
            await WaitForWorkerAsync(service.Services, "repair", w => w.Maintenance, "in maintenance");

            // Its free board is refused, to a client that asks now and to one that waits, also after the worker restarts.
            Assert.Equal(HttpStatusCode.Conflict, await TryReserveAsync(waiter, serials[1]));
            var waiting = waiter.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Amount: 1, Wait: "PT90S"));
            await HeartbeatAsync(service.Services, "repair", serials, Guid.NewGuid());
            await WaitForWorkerAsync(service.Services, "repair", w => w.Online && w.Maintenance, "online again, still in maintenance");
            Assert.Equal(HttpStatusCode.Conflict, await TryReserveAsync(waiter, serials[1]));
            Assert.False(waiting.IsCompleted, "a waiting client was answered while the only worker was in maintenance");

            await SendAsync(service.Services, new ReturnWorkerToService("repair", "test-admin"));
            using var granted = await waiting.WaitAsync(Deadline);
            Assert.Equal(HttpStatusCode.Created, granted.StatusCode);
            Assert.Equal(serials[1], (await granted.Content.ReadFromJsonAsync<ReservationResponse>())!.Devices.Single().Serial);

            // The drain was cancelled, not run to its end: the lease that held a board stays.
            var cancelled = await WaitForDrainAsync(service.Services, "repair", "cancelled");
            Assert.Empty(cancelled.ForceEndedReservations);
            await WaitForSagaRemovedAsync(service.Services, "repair");
            Assert.True((await LoadAsync<ReservationView>(service.Services, StreamIds.Reservation(lease.Id)))!.Active);
            Assert.False((await LoadAsync<WorkerView>(service.Services, StreamIds.Worker("repair")))!.Draining);
        }
    }
}
