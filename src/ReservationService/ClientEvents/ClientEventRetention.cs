using IceFarm.FarmData.Clients;
using Marten;
using Microsoft.Extensions.Options;

namespace IceFarm.ReservationService.ClientEvents;

/// <summary>
/// Drops client events (and stored idempotent answers) older than the retention period; a client resuming later starts
/// from the oldest event kept. Each client's stream is compacted with Marten's own stream compaction: the expired events
/// become one <see cref="ClientFeedHistory"/> snapshot at the version of the last of them, so ids never go back.
/// </summary>
internal sealed class ClientEventRetention(IDocumentStore store, TimeProvider time, IOptions<ClientEventOptions> options, ILogger<ClientEventRetention> logger)
    : BackgroundService
{
    /// <summary>Events compacted per transaction: a stream that has not been compacted for long is done in steps.</summary>
    internal const int Step = 10_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RetentionSweepInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Deleting expired client events failed; trying again at the next sweep");
            }
        }
    }

    internal async Task SweepAsync(CancellationToken ct)
    {
        var cutoff = time.GetUtcNow() - options.Value.Retention;
        IReadOnlyList<string> clients;
        await using (var session = store.LightweightSession())
        {
            // Stored answers to idempotent requests are only needed while a client may still retry; they share the events' retention.
            session.DeleteWhere<Idempotency.IdempotentRequest>(r => r.At < cutoff);
            await session.SaveChangesAsync(ct);
            clients = await session.Query<ClientAccount>().Select(c => c.Id).ToListAsync(ct);
        }

        foreach (var client in clients)
        {
            await CompactAsync(ClientEventStore.StreamId(client), cutoff, ct);
        }
    }

    private async Task CompactAsync(string stream, DateTimeOffset cutoff, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var state = await session.Events.FetchStreamStateAsync(stream, ct);
        while (state is not null)
        {
            var upTo = Math.Min(state.Version, state.CompactedVersion + Step);
            if (upTo <= state.CompactedVersion)
            {
                return;
            }

            await session.Events.CompactStreamAsync<ClientFeedHistory>(stream, r =>
            {
                r.Timestamp = cutoff;
                r.Version = upTo;
                r.CancellationToken = ct;
            });
            await session.SaveChangesAsync(ct);
            var before = state.CompactedVersion;
            state = await session.Events.FetchStreamStateAsync(stream, ct);
            if (state is null || state.CompactedVersion <= before || state.CompactedVersion < upTo)
            {
                return; // nothing more has expired, or this step stopped at the cutoff
            }
        }
    }
}
