using System.Collections.Concurrent;
using IceFarm.ReservationService.ClientEvents;
using IceFarm.ReservationService.Evaluations;
using IceFarm.Testing;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace IceFarm.ReservationService.Tests;

/// <summary>
/// The store of a batch of client events is one batch of statements without an explicit transaction: PostgreSQL runs
/// it as one implicit transaction, so numbering, events, ticket deletes and the notification stand or fall together.
/// </summary>
public sealed class When_a_batch_of_client_events_is_stored(ReservationServiceHost service) : IClassFixture<ReservationServiceHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private const string Origin = "store-test";

    [Fact(Timeout = 120_000)]
    public async Task A_failed_batch_uses_no_number_deletes_no_ticket_and_notifies_nobody_and_its_retry_numbers_on_without_gaps()
    {
        var database = service.Services.GetRequiredService<ClientEventDatabase>();
        var store = service.Services.GetRequiredService<IDocumentStore>();
        string one = $"one-{Guid.NewGuid():N}", two = $"two-{Guid.NewGuid():N}";
        var ticket = Guid.NewGuid();
        await using (var session = store.LightweightSession())
        {
            session.Store(new EvaluationTicket { Id = ticket, ClientId = one, Serial = "S", Label = "l" });
            await session.SaveChangesAsync().WaitAsync(Deadline);
        }

        var notified = new ConcurrentQueue<string>();
        await using var listener = await database.DataSource.OpenConnectionAsync().AsTask().WaitAsync(Deadline);
        listener.Notification += (_, e) => notified.Enqueue(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {ClientEventDatabase.Channel}", listener))
        {
            await listen.ExecuteNonQueryAsync().WaitAsync(Deadline);
        }

        Assert.Equal([1L], (await database.StoreAsync([new(one, "a", "\"1\"")], Origin, Now, CancellationToken.None).WaitAsync(Deadline)).Select(r => r!.Seq));

        // Event 3 of client one exists already (as a bug would leave it): the batch that numbers a 3 fails as a whole.
        await InsertAsync(store, one, 3);
        PendingClientEvent[] batch = [new(one, "b", "\"2\""), new(two, "x", "\"x\""), new(one, "c", "\"3\"", new ClosingClaim(ticket, "S", null))];
        var conflict = await Assert.ThrowsAsync<PostgresException>(() => database.StoreAsync(batch, Origin, Now, CancellationToken.None).WaitAsync(Deadline));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, conflict.SqlState);
        Assert.Equal(new Dictionary<string, long> { [one] = 1 }, await database.LastNumbersAsync([one, two], CancellationToken.None).WaitAsync(Deadline));
        await using (var session = store.QuerySession())
        {
            Assert.NotNull(await session.LoadAsync<EvaluationTicket>(ticket).WaitAsync(Deadline));
            Assert.Null(await session.LoadAsync<ClientEventRecord>(ClientEventRecord.IdOf(one, 2)).WaitAsync(Deadline));
        }

        // The retry (as the writer makes it) gets the same numbers: the failed attempt used none.
        await using (var session = store.LightweightSession())
        {
            session.Delete<ClientEventRecord>(ClientEventRecord.IdOf(one, 3));
            await session.SaveChangesAsync().WaitAsync(Deadline);
        }

        var stored = await database.StoreAsync(batch, Origin, Now, CancellationToken.None).WaitAsync(Deadline);
        Assert.Equal([(one, 2L), (two, 1L), (one, 3L)], stored.Select(r => (r!.ClientId, r.Seq)));
        await using (var session = store.QuerySession())
        {
            Assert.Null(await session.LoadAsync<EvaluationTicket>(ticket).WaitAsync(Deadline));
            // Marten reads the rows written by SQL as its own documents, by id and by query.
            var read = await session.Query<ClientEventRecord>().Where(r => r.ClientId == one && r.Seq > 1).OrderBy(r => r.Seq).ToListAsync().WaitAsync(Deadline);
            Assert.Equal([(ClientEventRecord.IdOf(one, 2), 2L, "b", "\"2\""), (ClientEventRecord.IdOf(one, 3), 3L, "c", "\"3\"")],
                read.Select(r => (r.Id, r.Seq, r.Type, r.Data)));
        }

        // Notifications arrive in commit order, so one from the failed batch would be among the first three.
        await Eventually.WaitForAsync(
            async ct =>
            {
                await listener.WaitAsync(100, ct); // reads what the server sent (the handler queues it)
                return notified.Count >= 3 ? notified : null;
            },
            Deadline, "the notifications of the stored batches");
        string[] expected = [$"{Origin} 1 {one}", $"{Origin} 3 {one}", $"{Origin} 1 {two}"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), notified.Order(StringComparer.Ordinal));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_client_with_events_from_before_the_counters_continues_after_them()
    {
        var database = service.Services.GetRequiredService<ClientEventDatabase>();
        var store = service.Services.GetRequiredService<IDocumentStore>();
        var old = $"old-{Guid.NewGuid():N}";
        await InsertAsync(store, old, 7);

        var stored = await database.StoreAsync([new(old, "a", "1"), new(old, "b", "2")], Origin, Now, CancellationToken.None).WaitAsync(Deadline);
        Assert.Equal([8L, 9L], stored.Select(r => r!.Seq));
        Assert.Equal(9L, (await database.LastNumbersAsync([old], CancellationToken.None).WaitAsync(Deadline))[old]);
    }

    [Fact(Timeout = 120_000)]
    public async Task An_event_that_ends_an_evaluation_already_ended_is_left_out_and_uses_no_number()
    {
        var database = service.Services.GetRequiredService<ClientEventDatabase>();
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
        var stored = await database.StoreAsync(
            [new(client, "result", "1", new ClosingClaim(first, "S", null)), new(client, "failed", "2", new ClosingClaim(first, "S", null)), new(client, "plain", "3")], Origin, Now, CancellationToken.None).WaitAsync(Deadline);
        Assert.Equal([(1L, "result"), (2L, "plain")], stored.OfType<ClientEventRecord>().Select(r => (r.Seq, r.Type)));
        Assert.Null(stored[1]);

        // The same result again, as a retry after a commit whose answer was lost would store it: nothing, no number.
        Assert.Equal([null], await database.StoreAsync([new(client, "result", "1", new ClosingClaim(first, "S", null))], Origin, Now, CancellationToken.None).WaitAsync(Deadline));
        Assert.Equal(2L, (await database.LastNumbersAsync([client], CancellationToken.None).WaitAsync(Deadline))[client]);

        // Two writers (two replicas) store the end of the same evaluation at once: exactly one of them stores it.
        var both = await Task.WhenAll(
            database.StoreAsync([new(client, "result", "4", new ClosingClaim(raced, "S", null))], Origin, Now, CancellationToken.None),
            database.StoreAsync([new(client, "result", "4", new ClosingClaim(raced, "S", null))], Origin, Now, CancellationToken.None)).WaitAsync(Deadline);
        Assert.Single(both.SelectMany(b => b).OfType<ClientEventRecord>());
        Assert.Equal(3L, (await database.LastNumbersAsync([client], CancellationToken.None).WaitAsync(Deadline))[client]);
        await using (var session = store.QuerySession())
        {
            Assert.Equal(3, await session.Query<ClientEventRecord>().CountAsync(r => r.ClientId == client).WaitAsync(Deadline));
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task An_end_claimed_for_another_client_board_or_worker_ends_nothing_and_the_true_one_still_does()
    {
        var database = service.Services.GetRequiredService<ClientEventDatabase>();
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
            Assert.Equal([null], await database.StoreAsync([claim], Origin, Now, CancellationToken.None).WaitAsync(Deadline));
        }

        await using (var session = store.QuerySession())
        {
            Assert.NotNull(await session.LoadAsync<EvaluationTicket>(id).WaitAsync(Deadline));
            Assert.Equal(0, await session.Query<ClientEventRecord>().CountAsync(r => r.ClientId == victim || r.ClientId == owner).WaitAsync(Deadline));
        }

        var genuine = await database.StoreAsync([new(owner, "result", "\"42\"", new ClosingClaim(id, "S1", "w1"))], Origin, Now, CancellationToken.None).WaitAsync(Deadline);
        Assert.Equal(1L, genuine.Single()!.Seq);
    }

    private static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    private static async Task InsertAsync(IDocumentStore store, string clientId, long seq)
    {
        await using var session = store.LightweightSession();
        session.Insert(new ClientEventRecord { Id = ClientEventRecord.IdOf(clientId, seq), ClientId = clientId, Seq = seq, Type = "old", Data = "{}", At = Now });
        await session.SaveChangesAsync().WaitAsync(Deadline);
    }
}
