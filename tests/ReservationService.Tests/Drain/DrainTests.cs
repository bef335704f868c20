using System.Net;
using System.Net.Http.Json;
using IceFarm.Client;
using IceFarm.Contracts.Http;
using IceFarm.Contracts.Workers;
using IceFarm.FarmData.Drain;
using IceFarm.FarmData.Reservations;
using IceFarm.FarmData.Store;
using IceFarm.FarmData.Workers;
using IceFarm.ReservationService.Drain;
using IceFarm.ReservationService.Workers;
using IceFarm.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static IceFarm.ReservationService.Tests.Drain.DrainProbe;

namespace IceFarm.ReservationService.Tests.Drain;

public sealed class When_a_worker_is_drained(ReservationServiceHost service) : IClassFixture<ReservationServiceHost>
{
    [Fact(Timeout = 120_000)]
    public async Task Its_clients_are_told_it_takes_no_new_reservations_and_it_is_drained_when_its_own_lease_ends()
    {
        var draining = await service.AnnounceWorkerAsync("drain-a", 2, expectAvailable: false);
        var staying = await service.AnnounceWorkerAsync("keep-b", 2, expectAvailable: false);
        var (x, _) = await service.NewClientAsync("on-a");
        var (y, _) = await service.NewClientAsync("on-b");
        var (z, _) = await service.NewClientAsync("newcomer");
        await Eventually.WaitForAsync(async ct => (await z.GetFromJsonAsync<AvailabilityResponse>("api/v1/availability?kind=pulsecount", ct))!.Available >= 4 ? "ok" : null,
            Deadline, "4 boards of drain-a and keep-b");
        var drained = new TaskCompletionSource<WorkerDrained>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listener = service.Services.GetRequiredService<IBus>().ConnectReceiveEndpoint(WorkerQueues.For("drain-a"),
            e => e.Handler<WorkerDrained>(c => Task.FromResult(c.Message.Worker == "drain-a" && drained.TrySetResult(c.Message))));
        await listener.Ready.WaitAsync(Deadline);
        using var client = new FarmClient(new FarmClientOptions { BaseAddress = service.BaseAddress, Token = x.DefaultRequestHeaders.Authorization!.Parameter! });
        await using var events = await client.OpenEventsAsync(null).WaitAsync(Deadline);
        using (x)
        using (y)
        using (z)
        {
            var onA = await ClientCalls.ReserveAsync(x, new ReserveRequest("pulsecount", Serials: [draining[0]]));
            var onB = await ClientCalls.ReserveAsync(y, new ReserveRequest("pulsecount", Serials: [staying[0]]));
            using var cts = new CancellationTokenSource(Deadline);
            await using var stream = events.ReadAllAsync(cts.Token).GetAsyncEnumerator(cts.Token);

            var deadline = TimeProvider.System.GetUtcNow().AddHours(1);
            await SendDrainAsync(service.Services, "drain-a", deadline);
            var told = await NextAsync(stream, StreamEventTypes.WorkerDraining);
            Assert.Equal(onA.Id, told.Data.GetProperty("reservationId").GetGuid());
            Assert.Equal("drain-a", told.Data.GetProperty("worker").GetString());
            Assert.Equal(deadline, told.Data.GetProperty("deadline").GetDateTimeOffset());

            // drain-a still has a free board, but only keep-b grants now.
            var granted = await ClientCalls.ReserveAsync(z, new ReserveRequest("pulsecount", Amount: 1));
            Assert.Equal(staying[1], granted.Devices.Single().Serial);
            using (var refused = await z.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Amount: 1)).WaitAsync(Deadline))
            {
                Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            }

            var waiting = await WaitForDrainAsync(service.Services, "drain-a", "draining");
            Assert.Equal([onA.Id], waiting.RemainingReservations);
            Assert.Equal("test-admin", waiting.RequestedBy);

            using (var end = await x.DeleteAsync($"api/v1/reservations/{onA.Id}").WaitAsync(Deadline))
            {
                Assert.Equal(HttpStatusCode.NoContent, end.StatusCode);
            }

            Assert.Equal("drain-a", (await drained.Task.WaitAsync(Deadline)).Worker);
            var done = await WaitForDrainAsync(service.Services, "drain-a", "drained");
            Assert.Empty(done.ForceEndedReservations);
            Assert.Contains(await WorkerEventsAsync(service.Services, "drain-a"), e => e is WorkerFinishedDraining);
            Assert.True((await LoadAsync<WorkerView>(service.Services, StreamIds.Worker("drain-a")))!.Draining);
            Assert.True((await LoadAsync<ReservationView>(service.Services, StreamIds.Reservation(onB.Id)))!.Active);
            await WaitForSagaRemovedAsync(service.Services, "drain-a");
        }

        await listener.StopAsync().WaitAsync(Deadline);
    }

    [Fact(Timeout = 60_000)]
    public async Task Two_messages_racing_on_one_saga_document_conflict_instead_of_overwriting()
    {
        var store = service.Services.GetRequiredService<Marten.IDocumentStore>();
        var id = Guid.NewGuid();
        await using (var create = store.LightweightSession())
        {
            create.Insert(new DrainState { CorrelationId = id, Worker = "race", CurrentState = "Draining" });
            await create.SaveChangesAsync();
        }

        await using var first = store.LightweightSession();
        await using var second = store.LightweightSession();
        var mine = (await first.LoadAsync<DrainState>(id))!;
        var theirs = (await second.LoadAsync<DrainState>(id))!;
        theirs.Remaining = [Guid.NewGuid()];
        second.Update(theirs);
        await second.SaveChangesAsync();

        mine.RequestedBy = "loser";
        first.Update(mine);
        var conflict = await Assert.ThrowsAnyAsync<Exception>(() => first.SaveChangesAsync());
        Assert.True(ReservationService.Hosting.DocumentConflicts.IsConflict(conflict), conflict.ToString());

        await using var finisher = store.LightweightSession();
        var stale = (await finisher.LoadAsync<DrainState>(id))!;
        await using (var winner = store.LightweightSession())
        {
            var current = (await winner.LoadAsync<DrainState>(id))!;
            winner.Update(current);
            await winner.SaveChangesAsync();
        }

        finisher.Update(stale);
        var lateDelete = await Assert.ThrowsAnyAsync<Exception>(() => finisher.SaveChangesAsync());
        Assert.True(ReservationService.Hosting.DocumentConflicts.IsConflict(lateDelete), lateDelete.ToString());

        await using var again = store.LightweightSession();
        again.Insert(new DrainState { CorrelationId = id, Worker = "race" });
        var duplicate = await Assert.ThrowsAnyAsync<Exception>(() => again.SaveChangesAsync());
        Assert.True(ReservationService.Hosting.DocumentConflicts.IsConflict(duplicate), duplicate.ToString());
    }
}
