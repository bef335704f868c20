using System.Net;
using System.Net.Http.Json;
using IceFarm.Contracts.Http;
using IceFarm.Contracts.Workers;
using IceFarm.ReservationService.Drain;
using IceFarm.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static IceFarm.ReservationService.Tests.Drain.DrainProbe;

namespace IceFarm.ReservationService.Tests.Drain;

/// <summary>
/// The end of a reservation reaches the drain waiting for it through <see cref="DrainLeaseRouter"/> alone: the drain
/// monitor's recount, which would also notice, looks only once an hour here.
/// </summary>
public sealed class When_a_drain_waits_for_leases_to_end(QuietDrainMonitorHost service) : IClassFixture<QuietDrainMonitorHost>
{
    [Fact(Timeout = 120_000)]
    public async Task Each_ended_lease_is_routed_to_its_drain_and_the_last_one_finishes_it()
    {
        var boards = await service.AnnounceWorkerAsync("route-a", 2);
        await service.AnnounceWorkerAsync("route-b", 1);
        var (http, _) = await service.NewClientAsync("router");
        var drained = new TaskCompletionSource<WorkerDrained>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listener = service.Services.GetRequiredService<IBus>().ConnectReceiveEndpoint(WorkerQueues.For("route-a"),
            e => e.Handler<WorkerDrained>(c => Task.FromResult(c.Message.Worker == "route-a" && drained.TrySetResult(c.Message))));
        await listener.Ready.WaitAsync(Deadline);
        using (http)
        {
            var first = await ClientCalls.ReserveAsync(http, new ReserveRequest("pulsecount", Serials: [boards[0]]));
            var second = await ClientCalls.ReserveAsync(http, new ReserveRequest("pulsecount", Serials: [boards[1]]));
            var elsewhere = await ClientCalls.ReserveAsync(http, new ReserveRequest("pulsecount", Amount: 1));
            await SendDrainAsync(service.Services, "route-a", TimeProvider.System.GetUtcNow().AddHours(1));
            Assert.Equal(new[] { first.Id, second.Id }.Order(), (await WaitForDrainAsync(service.Services, "route-a", "draining")).RemainingReservations.Order());

            // A lease on another worker is not the drain's business; the first of its own is counted off.
            await EndAsync(http, elsewhere.Id);
            await EndAsync(http, first.Id);
            await Eventually.WaitForAsync(async ct => await LoadSagaAsync(service.Services, "route-a") is { Remaining: [var left] } && left == second.Id ? "one left" : null,
                Deadline, "the drain to count off the first lease");
            Assert.False(drained.Task.IsCompleted);

            await EndAsync(http, second.Id);
            Assert.Equal("route-a", (await drained.Task.WaitAsync(Deadline)).Worker);
            Assert.Empty((await WaitForDrainAsync(service.Services, "route-a", "drained")).ForceEndedReservations);
        }

        await listener.StopAsync().WaitAsync(Deadline);
    }

    private static async Task EndAsync(HttpClient http, Guid id)
    {
        using var end = await http.DeleteAsync($"api/v1/reservations/{id}").WaitAsync(Deadline);
        Assert.Equal(HttpStatusCode.NoContent, end.StatusCode);
    }
}
