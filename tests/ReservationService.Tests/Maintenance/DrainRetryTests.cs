using IceFarm.FarmData.Drain;
using IceFarm.FarmData.Store;
using IceFarm.FarmData.Workers;
using IceFarm.ReservationService.Drain;
using IceFarm.ReservationService.Hosting;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IceFarm.ReservationService.Tests.Maintenance;

/// <summary>
/// The saga's retry of a drain that lost its commit to an operator's return to service: MassTransit retries the saga's
/// message on the same session, whose worker stream still holds the worker as it was before the return. The retry must
/// see the return and be overruled, not write the drain from the stale view (CI: the worker stayed draining for good).
/// </summary>
public sealed class When_a_drain_loses_its_commit_to_a_return_to_service(ReservationServiceHost service) : IClassFixture<ReservationServiceHost>
{
    [Fact(Timeout = 120_000)]
    public async Task Its_retry_on_the_same_session_is_overruled_and_the_worker_stays_in_service()
    {
        const string worker = "retry-drain-worker";
        await service.AnnounceWorkerAsync(worker, 1);
        var store = service.Services.GetRequiredService<IDocumentStore>();
        var asked = TimeProvider.System.GetUtcNow();
        await using (var start = store.LightweightSession())
        {
            start.Events.Append(StreamIds.Worker(worker), new WorkerMaintenanceStarted(worker, "admin", "fan", asked));
            await start.SaveChangesAsync();
        }

        await using var sagaSession = store.LightweightSession();
        // The first attempt reads the worker in maintenance and appends the drain...
        var first = await sagaSession.Events.FetchForWriting<WorkerView>(StreamIds.Worker(worker));
        first.AppendOne(new WorkerBeganDraining(worker, asked.AddMinutes(20), "admin", asked) { RequestedAt = asked });

        // ...the operator's return commits first...
        await using (var back = store.LightweightSession())
        {
            var stream = await back.Events.FetchForWriting<WorkerView>(StreamIds.Worker(worker));
            stream.AppendOne(new WorkerReturnedToService(worker, "admin", asked.AddMilliseconds(300)));
            await back.SaveChangesAsync();
        }

        await using (var check = store.QuerySession())
        {
            var returned = await check.LoadAsync<WorkerView>(StreamIds.Worker(worker));
            Assert.True(returned!.ReturnedAt is not null, $"returned view: maintenance {returned.Maintenance}, draining {returned.Draining}");
        }

        var lost = await Assert.ThrowsAnyAsync<Exception>(() => sagaSession.SaveChangesAsync());
        Assert.True(DocumentConflicts.IsConflict(lost), lost.ToString());

        // ...and the retry runs on the same session.
        using var scope = service.Services.CreateScope();
        var actions = ActivatorUtilities.CreateInstance<MartenDrainActions>(scope.ServiceProvider, (IDocumentSession)sagaSession);
        var drain = new DrainState { Worker = worker, RequestedBy = "admin", RequestedAt = asked, Deadline = asked.AddMinutes(20) };
        Assert.False(await actions.MarkDrainingAsync(drain, CancellationToken.None));

        await using var read = store.QuerySession();
        var view = await read.LoadAsync<WorkerView>(StreamIds.Worker(worker));
        Assert.False(view!.Draining);
        Assert.False(view.Maintenance);
    }
}
