using System.Net;
using System.Net.Http.Json;
using IceFarm.Contracts.Http;
using IceFarm.Testing;
using Xunit;
using static IceFarm.ReservationService.Tests.Queue.QueueCalls;

namespace IceFarm.ReservationService.Tests.Queue;

/// <summary>One line for the whole farm: requests waiting on two replicas are served in arrival order, whichever replica frees the board.</summary>
public sealed class When_clients_wait_on_two_replicas(StrictQueueHost service) : IClassFixture<StrictQueueHost>
{
    [Fact(Timeout = 180_000)]
    public async Task They_are_served_in_arrival_order_and_a_newcomer_does_not_overtake_them()
    {
        await service.AnnounceWorkerAsync("line-worker", 1);
        await using var replica = await service.StartReplicaAsync();
        var (holder, _) = await service.NewClientAsync("holder");
        var (firstOnA, _) = await service.NewClientAsync("first");
        var (secondOnA, _) = await service.NewClientAsync("second");
        var (newcomer, _) = await service.NewClientAsync("newcomer");
        using var first = OnReplica(firstOnA, replica.BaseAddress);
        using (holder)
        using (secondOnA)
        using (newcomer)
        {
            var held = await GrantedAsync(ReserveAsync(holder, 1, null));
            var firstWaits = ReserveAsync(first, 1, "PT2M");
            await InLineAsync(first, position: 1, waiting: 1);
            var secondWaits = ReserveAsync(secondOnA, 1, "PT2M");
            await InLineAsync(secondOnA, position: 2, waiting: 2);

            // Nobody overtakes a protected waiter, even without waiting: refused, and the line is unchanged.
            using (var refused = await ReserveAsync(newcomer, 1, null))
            {
                Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            }

            await EndAsync(holder, held.Id);
            var firstGrant = await GrantedAsync(firstWaits);
            Assert.Equal(held.Devices.Single().Serial, firstGrant.Devices.Single().Serial);
            Assert.False(secondWaits.IsCompleted);
            await InLineAsync(secondOnA, position: 1, waiting: 1);

            await EndAsync(first, firstGrant.Id);
            var secondGrant = await GrantedAsync(secondWaits);
            Assert.Equal(held.Devices.Single().Serial, secondGrant.Devices.Single().Serial);
            Assert.Empty(await MineAsync(secondOnA));
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task A_request_for_more_boards_than_the_farm_has_is_refused_at_once()
    {
        await service.AnnounceWorkerAsync("small-worker", 2, kind: "variance");
        var (client, _) = await service.NewClientAsync("greedy");
        using (client)
        {
            // Within the call's deadline (a minute), not after the ten-minute wait.
            using var tooMany = await ReserveAsync(client, 50, "PT10M", kind: "variance");
            Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMany.StatusCode);
            var problem = await tooMany.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>();
            Assert.Equal(ProblemTypes.ImpossibleRequest, problem!.Type);
            Assert.Contains("50 variance board(s) requested", problem.Detail, StringComparison.Ordinal);

            using var unknown = await client.PostAsJsonAsync("api/v1/reservations",
                new ReserveRequest("variance", Serials: ["NO-SUCH-BOARD"], Wait: "PT10M")).WaitAsync(Deadline);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
            Assert.Empty(await MineAsync(client));
        }
    }

    private static HttpClient OnReplica(HttpClient client, Uri replica)
    {
        var http = new HttpClient { BaseAddress = replica, Timeout = client.Timeout };
        http.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;
        client.Dispose();
        return http;
    }
}
