using System.Net;
using System.Net.Http.Json;
using IceFarm.Contracts.Http;
using IceFarm.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IceFarm.ReservationService.Tests.Replicas;

/// <summary>
/// Boards become free on one replica; clients waiting on any replica are served at once (PostgreSQL NOTIFY wakes the
/// queue server and the waiting lines), not at the next look (a day apart in this host).
/// </summary>
public sealed class When_boards_become_free_while_clients_wait_on_both_replicas(NoSafetyTickReplicasHost service)
    : IClassFixture<NoSafetyTickReplicasHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 180_000)]
    public async Task Both_are_granted_whichever_replica_freed_the_boards()
    {
        await using var replica = await service.StartReplicaAsync();
        await service.AnnounceWorkerAsync($"freed-{Guid.NewGuid():N}"[..20], 2);
        var (holder, _) = await service.NewClientAsync("holder");
        var (viaA, _) = await service.NewClientAsync("waits-on-a");
        var (second, _) = await service.NewClientAsync("waits-on-b");
        using var viaB = new HttpClient { BaseAddress = replica.BaseAddress, Timeout = Deadline };
        viaB.DefaultRequestHeaders.Authorization = second.DefaultRequestHeaders.Authorization;
        second.Dispose();
        using (holder)
        using (viaA)
        {
            var held = await Queue.QueueCalls.GrantedAsync(Queue.QueueCalls.ReserveAsync(holder, 2, null));
            // Both boards are held: both queue (a wait longer than the test's deadline).
            var waitingOnA = viaA.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Amount: 1, Wait: "PT2M"));
            await Queue.QueueCalls.InLineAsync(viaA, position: 1, waiting: 1);
            var waitingOnB = viaB.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Amount: 1, Wait: "PT2M"));
            await Queue.QueueCalls.InLineAsync(viaB, position: 2, waiting: 2);

            // Ended through replica B: the boards are freed there, and the line is served at once on either replica.
            using (var end = new HttpClient { BaseAddress = replica.BaseAddress, Timeout = Deadline })
            {
                end.DefaultRequestHeaders.Authorization = holder.DefaultRequestHeaders.Authorization;
                await Queue.QueueCalls.EndAsync(end, held.Id);
            }

            using var grantedOnA = await waitingOnA.WaitAsync(Deadline);
            using var grantedOnB = await waitingOnB.WaitAsync(Deadline);
            Assert.Equal(HttpStatusCode.Created, grantedOnA.StatusCode);
            Assert.Equal(HttpStatusCode.Created, grantedOnB.StatusCode);
            var onA = (await grantedOnA.Content.ReadFromJsonAsync<ReservationResponse>())!.Devices.Single().Serial;
            var onB = (await grantedOnB.Content.ReadFromJsonAsync<ReservationResponse>())!.Devices.Single().Serial;
            Assert.NotEqual(onA, onB);
        }
    }
}
