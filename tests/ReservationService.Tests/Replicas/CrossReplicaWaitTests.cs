using System.Net;
using System.Net.Http.Json;
using IceFarm.Contracts.Http;
using IceFarm.ReservationService.Reservations;
using IceFarm.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IceFarm.ReservationService.Tests.Replicas;

/// <summary>
/// Heartbeats are consumed by one replica at a time, so boards become free on one replica; clients waiting on any
/// replica are served at once (PostgreSQL NOTIFY), not at the next safety-net tick (a day apart in this host).
/// </summary>
public sealed class When_boards_become_free_while_clients_wait_on_both_replicas(NoSafetyTickReplicasHost service)
    : IClassFixture<NoSafetyTickReplicasHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 180_000)]
    public async Task Both_are_granted_whichever_replica_applied_the_heartbeat()
    {
        await using var replica = await service.StartReplicaAsync();
        var (viaA, _) = await service.NewClientAsync("waits-on-a");
        var (second, _) = await service.NewClientAsync("waits-on-b");
        using var viaB = new HttpClient { BaseAddress = replica.BaseAddress, Timeout = Deadline };
        viaB.DefaultRequestHeaders.Authorization = second.DefaultRequestHeaders.Authorization;
        second.Dispose();
        using (viaA)
        {
            // No board exists yet: both queue (a wait longer than the test's deadline).
            var waitingOnA = viaA.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Amount: 1, Wait: "PT2M"));
            var waitingOnB = viaB.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Amount: 1, Wait: "PT2M"));
            var queueA = service.Services.GetRequiredService<AllocationQueue>();
            var queueB = replica.Services.GetRequiredService<AllocationQueue>();
            await Eventually.WaitForAsync(_ => Task.FromResult<object?>(queueA.Count == 1 && queueB.Count == 1 ? queueA : null), Deadline,
                "one waiter queued on each replica");

            await service.AnnounceWorkerAsync($"freed-{Guid.NewGuid():N}"[..20], 2, expectAvailable: false);

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
