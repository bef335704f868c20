using IceFarm.FarmData.Clients;
using IceFarm.ReservationService.ClientEvents;
using IceFarm.Testing;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace IceFarm.ReservationService.Tests;

/// <summary>Retention compacts a client's stream: expired events are gone, later ones stay, and ids never go back.</summary>
public sealed class When_client_events_expire(ReservationServiceHost service) : IClassFixture<ReservationServiceHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private const string Origin = "store-test";
    private static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    [Fact(Timeout = 120_000)]
    public async Task They_are_compacted_away_in_steps_and_the_feed_goes_on_from_the_next_id()
    {
        var feed = service.Services.GetRequiredService<ClientFeedStore>();
        var hub = service.Services.GetRequiredService<ClientEventHub>();
        var store = service.Services.GetRequiredService<IDocumentStore>();
        var client = $"expiring-{Guid.NewGuid():N}";
        await using (var session = store.LightweightSession())
        {
            session.Store(new ClientAccount { Id = client, Name = client });
            await session.SaveChangesAsync().WaitAsync(Deadline);
        }

        // More old events than one compaction step takes, so the sweep needs several steps.
        const int Old = ClientEventRetention.Step * 2 + 5;
        for (var written = 0; written < Old; written += 1_000)
        {
            await feed.AppendAsync([.. Enumerable.Range(written, Math.Min(1_000, Old - written)).Select(i => new PendingClientEvent(client, "old", $"{i}"))], Origin, CancellationToken.None).WaitAsync(Deadline);
        }

        await feed.AppendAsync([new(client, "new", "a"), new(client, "new", "b")], Origin, CancellationToken.None).WaitAsync(Deadline);
        DateTimeOffset lastOld, firstNew;
        await using (var session = store.QuerySession())
        {
            var stream = ClientEventStore.StreamId(client);
            var edge = await session.Events.QueryAllRawEvents().Where(e => e.StreamKey == stream && e.Version >= Old && e.Version <= Old + 1)
                .OrderBy(e => e.Version).ToListAsync().WaitAsync(Deadline);
            (lastOld, firstNew) = (edge[0].Timestamp, edge[1].Timestamp);
        }

        Assert.True(firstNew > lastOld, $"the new events are stamped after the old ones ({lastOld:O}, {firstNew:O})");
        var cut = lastOld + (firstNew - lastOld) / 2;
        await Sweep(cut + Retention);

        var (events, last, more) = await feed.ReadAsync(client, 0, long.MaxValue, 100, CancellationToken.None).WaitAsync(Deadline);
        Assert.False(more);
        Assert.Equal(Old + 2, last);
        Assert.Equal([(Old + 1L, "a"), (Old + 2L, "b")], events.Select(e => (e.Id, e.Data)));
        Assert.Equal(Old + 2, (await feed.LastIdsAsync([client], CancellationToken.None).WaitAsync(Deadline))[client]);

        // A client resuming from an expired id gets what is left; new events go on from the last id.
        var (replay, subscription, from) = await hub.SubscribeAsync(client, 3, CancellationToken.None).WaitAsync(Deadline);
        using (subscription)
        {
            Assert.Equal(3, from);
            Assert.Equal([Old + 1L, Old + 2L], await replay.Select(e => e.Id).ToListAsync().AsTask().WaitAsync(Deadline));
        }

        Assert.Equal(Old + 3, (await feed.AppendAsync([new(client, "new", "c")], Origin, CancellationToken.None).WaitAsync(Deadline)).Single()!.Id);

        // A later sweep takes the rest once it has expired, and a sweep with nothing expired changes nothing.
        await Sweep(TimeProvider.System.GetUtcNow() + Retention + TimeSpan.FromMinutes(1));
        Assert.Empty((await feed.ReadAsync(client, 0, long.MaxValue, 100, CancellationToken.None).WaitAsync(Deadline)).Events);
        await Sweep(TimeProvider.System.GetUtcNow() + Retention + TimeSpan.FromMinutes(1));
        Assert.Equal(Old + 4, (await feed.AppendAsync([new(client, "new", "d")], Origin, CancellationToken.None).WaitAsync(Deadline)).Single()!.Id);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_client_resuming_from_an_id_its_stream_never_gave_gets_the_stream_from_its_start()
    {
        var feed = service.Services.GetRequiredService<ClientFeedStore>();
        var hub = service.Services.GetRequiredService<ClientEventHub>();
        var client = $"upgraded-{Guid.NewGuid():N}";
        await feed.AppendAsync([new(client, "new", "a"), new(client, "new", "b")], Origin, CancellationToken.None).WaitAsync(Deadline);

        // An id from the feed before it moved to streams (or from a database restored from a backup).
        var (replay, subscription, from) = await hub.SubscribeAsync(client, 500, CancellationToken.None).WaitAsync(Deadline);
        using (subscription)
        {
            Assert.Equal(0, from);
            Assert.Equal(["a", "b"], await replay.Select(e => e.Data).ToListAsync().AsTask().WaitAsync(Deadline));
        }

        // An id it did give resumes after it.
        (replay, subscription, from) = await hub.SubscribeAsync(client, 1, CancellationToken.None).WaitAsync(Deadline);
        using (subscription)
        {
            Assert.Equal(1, from);
            Assert.Equal(["b"], await replay.Select(e => e.Data).ToListAsync().AsTask().WaitAsync(Deadline));
        }
    }

    private async Task Sweep(DateTimeOffset now)
    {
        var retention = new ClientEventRetention(service.Services.GetRequiredService<IDocumentStore>(), new FakeTimeProvider(now),
            Options.Create(new ClientEventOptions { Retention = Retention }), NullLogger<ClientEventRetention>.Instance);
        await retention.SweepAsync(CancellationToken.None).WaitAsync(Deadline);
    }
}
