using System.Net.Http.Json;
using IceFarm.Contracts.Http;
using IceFarm.FarmData.Queue;
using IceFarm.ReservationService.Queue;
using IceFarm.Testing;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static IceFarm.ReservationService.Tests.Queue.QueueCalls;

namespace IceFarm.ReservationService.Tests.Queue;

/// <summary>A request whose client or replica went away leaves the line: boards freed later are granted to nobody for it.</summary>
public sealed class When_a_waiting_client_goes_away(ShortPresenceQueueHost service) : IClassFixture<ShortPresenceQueueHost>
{
    [Fact(Timeout = 120_000)]
    public async Task Its_request_leaves_the_line_and_the_freed_board_stays_free()
    {
        await service.AnnounceWorkerAsync("leave-worker", 1, kind: "variance");
        var (holder, _) = await service.NewClientAsync("holder");
        var (leaver, _) = await service.NewClientAsync("leaver");
        using (holder)
        using (leaver)
        {
            var held = await GrantedAsync(ReserveAsync(holder, 1, null, kind: "variance"));
            using (var gone = new CancellationTokenSource())
            {
                var waits = ReserveAsync(leaver, 1, "PT2M", kind: "variance", gone.Token);
                await InLineAsync(leaver, position: 1, waiting: 1);
                await gone.CancelAsync(); // the client disconnects
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waits);
            }

            await Eventually.WaitForAsync(async ct => await StoredAsync(ct) == 0 ? "empty" : null, Deadline, "the line to be empty");
            await EndAsync(holder, held.Id);
            await Eventually.WaitForAsync(async ct =>
                (await leaver.GetFromJsonAsync<AvailabilityResponse>("api/v1/availability?kind=variance", ct))!.Available == 1 ? "free" : null,
                Deadline, "the board free again");
            Assert.Empty((await leaver.GetFromJsonAsync<ReservationResponse[]>("api/v1/reservations"))!);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task A_request_held_by_a_replica_that_is_gone_leaves_the_line()
    {
        // What a replica killed mid-wait leaves behind: its request, and a presence that is no longer renewed.
        var store = service.Services.GetRequiredService<IDocumentStore>();
        var now = TimeProvider.System.GetUtcNow();
        var orphan = new QueuedRequest
        {
            Id = Guid.CreateVersion7(), ClientId = "ghost", Kind = "pulsecount", Amount = 1, Duration = TimeSpan.FromMinutes(5),
            EnqueuedAt = now, WaitUntil = now.AddMinutes(10), HeldBy = "killed-replica", State = QueueState.Waiting,
        };
        await using (var session = store.LightweightSession())
        {
            session.Store(new ReplicaPresence { Id = "killed-replica", SeenAt = now });
            session.Insert(orphan);
            await session.SaveChangesAsync();
        }

        await Eventually.WaitForAsync(async ct =>
        {
            await using var read = store.QuerySession();
            return await read.LoadAsync<QueuedRequest>(orphan.Id, ct) is null ? "gone" : null;
        }, Deadline, "the orphaned request to leave the line");
    }

    private async Task<int> StoredAsync(CancellationToken ct)
    {
        await using var session = service.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.Query<QueuedRequest>().CountAsync(ct);
    }
}
