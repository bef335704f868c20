using System.Net;
using System.Net.Http.Json;
using IceFarm.Contracts.Http;
using IceFarm.FarmData.Queue;
using IceFarm.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static IceFarm.ReservationService.Tests.Queue.QueueCalls;

namespace IceFarm.ReservationService.Tests.Queue;

/// <summary>
/// Two replicas under three times more requests than boards: every board is granted to one reservation at a time, nobody
/// is refused while boards are free, and waiters are served in arrival order whichever replica holds them.
/// </summary>
public sealed class When_two_replicas_take_a_storm_of_requests(StrictQueueHost service) : IClassFixture<StrictQueueHost>
{
    private const int Boards = 10;
    private const int Waiters = 2 * Boards;

    [Fact(Timeout = 240_000)]
    public async Task No_board_is_granted_twice_nobody_is_refused_while_boards_are_free_and_waiters_are_served_in_order()
    {
        await service.AnnounceWorkerAsync("storm-worker", Boards);
        await using var replica = await service.StartReplicaAsync();
        var holders = await Task.WhenAll(Enumerable.Range(0, Boards).Select(i => ClientOnAsync($"holder{i}", i % 2 == 0 ? null : replica.BaseAddress)));
        var waiters = await Task.WhenAll(Enumerable.Range(0, Waiters).Select(i => ClientOnAsync($"waiter{i}", i % 2 == 0 ? null : replica.BaseAddress)));
        try
        {
            // The first third comes at once, half on each replica: each board exactly once.
            var held = await Task.WhenAll(holders.Select(h => GrantedAsync(ReserveAsync(h, 1, null))));
            Assert.Equal(Boards, held.SelectMany(r => r.Devices).Select(d => d.Serial).Distinct().Count());

            // The other two thirds queue, alternating replicas, in a known order.
            var waiting = new List<Task<HttpResponseMessage>>();
            var line = service.Services.GetRequiredService<QueueReader>();
            for (var i = 0; i < Waiters; i++)
            {
                waiting.Add(ReserveAsync(waiters[i], 1, "PT3M"));
                var queued = i + 1;
                // Read from the store, not through the client's GET: only the order of arrival matters here.
                await Eventually.WaitForAsync(async ct => (await line.LineAsync(ct)).Length == queued ? "queued" : null, Deadline, $"{queued} waiting");
            }

            // All boards free at once: the first ten waiters get them, in order, and no one else.
            await Task.WhenAll(holders.Select((h, i) => EndAsync(h, held[i].Id)));
            var firstRound = await Task.WhenAll(waiting.Take(Boards).Select(GrantedAsync));
            Assert.Equal(Boards, firstRound.SelectMany(r => r.Devices).Select(d => d.Serial).Distinct().Count());
            Assert.All(waiting.Skip(Boards), w => Assert.False(w.IsCompleted, "a later waiter was served before an earlier one"));
            await Eventually.WaitForAsync(async ct => (await line.LineAsync(ct)).Length == Boards ? "ten left" : null, Deadline, "ten still waiting");

            // And again for the second ten.
            await Task.WhenAll(firstRound.Select((r, i) => EndAsync(waiters[i], r.Id)));
            var secondRound = await Task.WhenAll(waiting.Skip(Boards).Select(GrantedAsync));
            Assert.Equal(Boards, secondRound.SelectMany(r => r.Devices).Select(d => d.Serial).Distinct().Count());
            foreach (var waiter in waiters)
            {
                Assert.Empty(await MineAsync(waiter));
            }
        }
        finally
        {
            foreach (var client in holders.Concat(waiters))
            {
                client.Dispose();
            }
        }
    }

    private async Task<HttpClient> ClientOnAsync(string name, Uri? replica)
    {
        var (http, _) = await service.NewClientAsync(name);
        if (replica is null)
        {
            return http;
        }

        var onReplica = new HttpClient { BaseAddress = replica, Timeout = http.Timeout };
        onReplica.DefaultRequestHeaders.Authorization = http.DefaultRequestHeaders.Authorization;
        http.Dispose();
        return onReplica;
    }
}
