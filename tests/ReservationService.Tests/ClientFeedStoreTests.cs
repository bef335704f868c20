using System.Collections.Concurrent;
using IceFarm.ReservationService.ClientEvents;
using IceFarm.ReservationService.Hosting;
using IceFarm.ReservationService.Evaluations;
using IceFarm.Testing;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace IceFarm.ReservationService.Tests;

/// <summary>
/// A batch of client events is appended to the clients' Marten streams in one SaveChanges, with the deletion of the
/// tickets of the evaluations it ends; an event's version on its client's stream is its id.
/// </summary>
public sealed class When_a_batch_of_client_events_is_stored(ReservationServiceHost service) : IClassFixture<ReservationServiceHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private const string Origin = "store-test";

    [Fact(Timeout = 120_000)]
    public async Task Writers_of_one_client_on_two_replicas_number_its_events_without_gaps_or_repeats_each_in_its_order()
    {
        var feed = service.Services.GetRequiredService<ClientFeedStore>();
        string one = $"one-{Guid.NewGuid():N}", two = $"two-{Guid.NewGuid():N}";
        Assert.Equal([1L], (await feed.AppendAsync([new(one, "a", "\"0\"")], Origin, CancellationToken.None).WaitAsync(Deadline)).Select(e => e!.Id));

        // Two writers (as two replicas' writers would) append to the same client at once, many times: each conflict is
        // read again and decided again, so every event lands once.
        const int Batches = 20;
        var writers = Enumerable.Range(0, 2).Select(w => Task.Run(async () =>
        {
            var ids = new List<long>();
            for (var b = 0; b < Batches; b++)
            {
                var stored = await feed.AppendAsync([new(one, $"w{w}", $"\"{b}a\""), new(two, "x", "\"x\""), new(one, $"w{w}", $"\"{b}b\"")], Origin, CancellationToken.None);
                Assert.Equal(stored[0]!.Id + 1, stored[2]!.Id);
                ids.Add(stored[0]!.Id);
            }

            return ids;
        })).ToArray();
        await Task.WhenAll(writers).WaitAsync(Deadline);

        var (events, last, more) = await feed.ReadAsync(one, 0, long.MaxValue, 1_000, CancellationToken.None).WaitAsync(Deadline);
        Assert.False(more);
        Assert.Equal(1 + 4 * Batches, last);
        Assert.Equal(Enumerable.Range(1, 1 + 4 * Batches).Select(i => (long)i), events.Select(e => e.Id));
        foreach (var w in new[] { "w0", "w1" })
        {
            Assert.Equal(Enumerable.Range(0, Batches).SelectMany(b => new[] { $"\"{b}a\"", $"\"{b}b\"" }), events.Where(e => e.Type == w).Select(e => e.Data));
        }

        Assert.Equal(new Dictionary<string, long> { [one] = 1 + 4 * Batches, [two] = 2 * Batches },
            await feed.LastIdsAsync([one, two, $"none-{Guid.NewGuid():N}"], CancellationToken.None).WaitAsync(Deadline));
    }

    [Fact(Timeout = 120_000)]
    public async Task The_commit_wakes_the_other_replicas_streams_of_each_client_and_a_failed_one_wakes_nobody()
    {
        var feed = service.Services.GetRequiredService<ClientFeedStore>();
        var store = service.Services.GetRequiredService<IDocumentStore>();
        string one = $"one-{Guid.NewGuid():N}", two = $"two.x@y-{Guid.NewGuid():N}";
        var notified = new ConcurrentQueue<string>();
        await using var listener = await service.Services.GetRequiredService<OwnConnections>().DataSource.OpenConnectionAsync().AsTask().WaitAsync(Deadline);
        listener.Notification += (_, e) => notified.Enqueue(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {ClientFeedStore.Channel}", listener))
        {
            await listen.ExecuteNonQueryAsync().WaitAsync(Deadline);
        }

        await feed.AppendAsync([new(one, "a", "1"), new(two, "b", "2"), new(one, "c", "3")], Origin, CancellationToken.None).WaitAsync(Deadline);
        // A batch that fails (cancelled before its commit) notifies nobody: notifications go out only with a commit.
        using (var cancelled = new CancellationTokenSource())
        {
            await cancelled.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => feed.AppendAsync([new(one, "lost", "4")], Origin, cancelled.Token)).WaitAsync(Deadline);
        }

        await feed.AppendAsync([new(one, "d", "5")], Origin, CancellationToken.None).WaitAsync(Deadline);
        await Eventually.WaitForAsync(
            async ct =>
            {
                await listener.WaitAsync(100, ct); // reads what the server sent (the handler queues it)
                return notified.Count >= 3 ? notified : null;
            },
            Deadline, "the notifications of the stored batches");
        Assert.Equal([$"{Origin} {one}", $"{Origin} {one}", $"{Origin} {two}"], notified.Order(StringComparer.Ordinal));
        Assert.Equal(new Dictionary<string, long> { [one] = 3, [two] = 1 }, await feed.LastIdsAsync([one, two], CancellationToken.None).WaitAsync(Deadline));
    }

    [Fact(Timeout = 120_000)]
    public async Task An_event_that_ends_an_evaluation_already_ended_is_left_out_and_uses_no_id()
    {
        var feed = service.Services.GetRequiredService<ClientFeedStore>();
        var store = service.Services.GetRequiredService<IDocumentStore>();
        var client = $"ends-{Guid.NewGuid():N}";
        Guid first = Guid.NewGuid(), raced = Guid.NewGuid();
        await using (var session = store.LightweightSession())
        {
            session.Store(new EvaluationTicket { Id = first, ClientId = client, Serial = "S", Label = "a" },
                new EvaluationTicket { Id = raced, ClientId = client, Serial = "S", Label = "b" });
            await session.SaveChangesAsync().WaitAsync(Deadline);
        }

        // A result and a failure for the same evaluation in one batch: the first ends it, the second is left out.
        var stored = await feed.AppendAsync(
            [new(client, "result", "1", new ClosingClaim(first, "S", null)), new(client, "failed", "2", new ClosingClaim(first, "S", null)), new(client, "plain", "3")],
            Origin, CancellationToken.None).WaitAsync(Deadline);
        Assert.Equal([(1L, "result"), (2L, "plain")], stored.OfType<StreamEvent>().Select(r => (r.Id, r.Type)));
        Assert.Null(stored[1]);

        // The same result again, as a retry after a commit whose answer was lost would store it: nothing, no id.
        Assert.Null(Assert.Single(await feed.AppendAsync([new(client, "result", "1", new ClosingClaim(first, "S", null))], Origin, CancellationToken.None).WaitAsync(Deadline)));
        // Again with the ticket as a publisher read it before the first end committed: the writer trusts that read, so
        // only the store's unique event id stops the second end.
        var stale = new EvaluationTicket { Id = first, ClientId = client, Serial = "S", Label = "a" };
        Assert.Null(Assert.Single(await feed.AppendAsync([new(client, "result", "1", new ClosingClaim(first, "S", null)) { Ticket = stale }], Origin, CancellationToken.None).WaitAsync(Deadline)));

        // Two writers (two replicas) store the end of the same evaluation at once, each also appending a plain event:
        // exactly one ends it, and both plain events land.
        var both = await Task.WhenAll(
            feed.AppendAsync([new(client, "plain", "4"), new(client, "result", "4", new ClosingClaim(raced, "S", null))], Origin, CancellationToken.None),
            feed.AppendAsync([new(client, "plain", "5"), new(client, "result", "4", new ClosingClaim(raced, "S", null))], Origin, CancellationToken.None)).WaitAsync(Deadline);
        Assert.Single(both.SelectMany(b => b).OfType<StreamEvent>(), e => e.Type == "result");
        var (events, _, _) = await feed.ReadAsync(client, 0, long.MaxValue, 100, CancellationToken.None).WaitAsync(Deadline);
        Assert.Equal(["plain", "plain", "plain", "result", "result"], events.Select(e => e.Type).Order(StringComparer.Ordinal));
        Assert.Equal(Enumerable.Range(1, 5).Select(i => (long)i), events.Select(e => e.Id));
        await using (var session = store.QuerySession())
        {
            Assert.Null(await session.LoadAsync<EvaluationTicket>(raced).WaitAsync(Deadline));
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task An_end_claimed_for_another_client_board_or_worker_ends_nothing_and_the_true_one_still_does()
    {
        var feed = service.Services.GetRequiredService<ClientFeedStore>();
        var store = service.Services.GetRequiredService<IDocumentStore>();
        var owner = $"owner-{Guid.NewGuid():N}";
        var victim = $"victim-{Guid.NewGuid():N}";
        var id = Guid.NewGuid();
        await using (var session = store.LightweightSession())
        {
            session.Store(new EvaluationTicket { Id = id, ClientId = owner, Serial = "S1", Worker = "w1", Label = "a" });
            await session.SaveChangesAsync().WaitAsync(Deadline);
        }

        PendingClientEvent[] forged =
        [
            new(victim, "result", "\"injected\"", new ClosingClaim(id, "S1", "w1")),
            new(owner, "result", "\"wrong board\"", new ClosingClaim(id, "S2", "w1")),
            new(owner, "result", "\"wrong worker\"", new ClosingClaim(id, "S1", "w2")),
        ];
        foreach (var claim in forged)
        {
            Assert.Null(Assert.Single(await feed.AppendAsync([claim], Origin, CancellationToken.None).WaitAsync(Deadline)));
        }

        // Forged claims ahead of the true one in the same batch do not take it away either.
        var genuine = await feed.AppendAsync([.. forged, new(owner, "result", "\"42\"", new ClosingClaim(id, "S1", "w1"))], Origin, CancellationToken.None).WaitAsync(Deadline);
        Assert.Equal([null, null, null, 1L], genuine.Select(e => e?.Id));
        Assert.Empty(await feed.LastIdsAsync([victim], CancellationToken.None).WaitAsync(Deadline));
        await using (var session = store.QuerySession())
        {
            Assert.Null(await session.LoadAsync<EvaluationTicket>(id).WaitAsync(Deadline));
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task Through_the_writer_a_forged_end_is_refused_a_duplicate_is_left_out_and_the_order_of_events_is_kept()
    {
        var hub = service.Services.GetRequiredService<ClientEventHub>();
        var store = service.Services.GetRequiredService<IDocumentStore>();
        var owner = $"owner-{Guid.NewGuid():N}";
        var id = Guid.NewGuid();
        await using (var session = store.LightweightSession())
        {
            session.Store(new EvaluationTicket { Id = id, ClientId = owner, Serial = "S1", Worker = "w1", Label = "a" });
            await session.SaveChangesAsync().WaitAsync(Deadline);
        }

        // Published at once, as concurrent consumers would: the writer's first stage checks the claims, the second appends.
        var forged = hub.PublishClosingAsync(owner, "result", "wrong worker", new ClosingClaim(id, "S1", "w2"), CancellationToken.None);
        var before = hub.PublishAsync(owner, "plain", "before", CancellationToken.None);
        var genuine = hub.PublishClosingAsync(owner, "result", "42", new ClosingClaim(id, "S1", "w1"), CancellationToken.None);
        var duplicate = hub.PublishClosingAsync(owner, "result", "42", new ClosingClaim(id, "S1", "w1"), CancellationToken.None);
        var after = hub.PublishAsync(owner, "plain", "after", CancellationToken.None);
        await Task.WhenAll(new Task[] { forged, before, genuine, duplicate, after }).WaitAsync(Deadline);

        Assert.Null(await forged);
        Assert.Null(await duplicate);
        long[] ids = [(await before).Id, (await genuine)!.Id, (await after).Id];
        Assert.Equal([1L, 2L, 3L], ids);
        var (events, _, _) = await service.Services.GetRequiredService<ClientFeedStore>().ReadAsync(owner, 0, long.MaxValue, 100, CancellationToken.None).WaitAsync(Deadline);
        Assert.Equal(["\"before\"", "\"42\"", "\"after\""], events.Select(e => e.Data));
        await using (var session = store.QuerySession())
        {
            Assert.Null(await session.LoadAsync<EvaluationTicket>(id).WaitAsync(Deadline));
        }
    }
}
