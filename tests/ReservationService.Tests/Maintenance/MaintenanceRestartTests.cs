using System.Net;
using IceFarm.Contracts.Admin;
using IceFarm.FarmData.Workers;
using Xunit;
using static IceFarm.ReservationService.Tests.Drain.DrainProbe;
using static IceFarm.ReservationService.Tests.Maintenance.MaintenanceProbe;

namespace IceFarm.ReservationService.Tests.Maintenance;

public sealed class When_a_worker_in_maintenance_starts_again(ReservationServiceHost service) : IClassFixture<ReservationServiceHost>
{
    [Fact(Timeout = 120_000)]
    public async Task It_stays_out_of_service_until_returned_while_a_plainly_drained_worker_is_reservable_at_once()
    {
        var plain = await service.AnnounceWorkerAsync("plain", 1);
        var kept = await service.AnnounceWorkerAsync("kept", 1);
        await HeartbeatAsync(service.Services, "plain", plain, Guid.NewGuid());
        await HeartbeatAsync(service.Services, "kept", kept, Guid.NewGuid());
        var (http, _) = await service.NewClientAsync("after-restart");
        using (http)
        {
            var deadline = TimeProvider.System.GetUtcNow().AddHours(1);
            await SendDrainAsync(service.Services, "plain", deadline);
            await SendAsync(service.Services, new StartWorkerMaintenance("kept", deadline, "test-admin", "replace the USB hub"));

            // Neither holds a lease, so both drains finish at once.
            await WaitForDrainAsync(service.Services, "plain", "drained");
            var drained = await WaitForDrainAsync(service.Services, "kept", "drained");
            Assert.Equal("test-admin", drained.RequestedBy);
            await WaitForSagaRemovedAsync(service.Services, "plain");
            await WaitForSagaRemovedAsync(service.Services, "kept");
            Assert.Equal(HttpStatusCode.Conflict, await TryReserveAsync(http, plain[0]));
            Assert.Equal(HttpStatusCode.Conflict, await TryReserveAsync(http, kept[0]));

            // Both processes start again (new instances): the drain ends, the maintenance does not.
            await HeartbeatAsync(service.Services, "plain", plain, Guid.NewGuid());
            await HeartbeatAsync(service.Services, "kept", kept, Guid.NewGuid());
            await WaitForWorkerAsync(service.Services, "plain", w => w.TakesReservations, "reservable again");
            var inMaintenance = await WaitForWorkerAsync(service.Services, "kept", w => w.Online && !w.Draining, "online again, its drain over");
            Assert.True(inMaintenance.Maintenance);
            Assert.Equal("test-admin", inMaintenance.MaintenanceBy);
            Assert.Equal("replace the USB hub", inMaintenance.MaintenanceReason);
            Assert.NotNull(inMaintenance.MaintenanceSince);
            Assert.Equal(HttpStatusCode.Created, await TryReserveAsync(http, plain[0]));
            Assert.Equal(HttpStatusCode.Conflict, await TryReserveAsync(http, kept[0]));

            await SendAsync(service.Services, new ReturnWorkerToService("kept", "other-admin"));
            var back = await WaitForWorkerAsync(service.Services, "kept", w => w.TakesReservations, "back in service");
            Assert.Null(back.MaintenanceBy);
            Assert.Contains(await WorkerEventsAsync(service.Services, "kept"), e => e is WorkerReturnedToService { By: "other-admin" });
            Assert.Equal(HttpStatusCode.Created, await TryReserveAsync(http, kept[0]));
        }
    }
}
