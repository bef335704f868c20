using Marten;
using Microsoft.Extensions.Options;

namespace IceFarm.ReservationService.ClientEvents;

/// <summary>
/// The one writer of client events: numbers them per client, stores a batch in one transaction (group commit), then
/// delivers them in order. A failed write is retried with the same ids, so it is idempotent.
/// </summary>
internal sealed class ClientEventWriter(
    ClientEventHub hub, IDocumentStore store, TimeProvider time, IOptions<ClientEventOptions> options, ILogger<ClientEventWriter> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = hub.Pending;
        var batch = new List<PendingClientEvent>();
        while (await reader.WaitToReadAsync(stoppingToken))
        {
            while (batch.Count < options.Value.WriteBatchSize && reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            await WriteWithRetryAsync(batch, stoppingToken);
            batch.Clear();
        }
    }

    private async Task WriteWithRetryAsync(List<PendingClientEvent> batch, CancellationToken ct)
    {
        var numbered = new List<(PendingClientEvent Pending, ClientEventLog Log, ClientEventRecord Record)>(batch.Count);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (numbered.Count == 0)
                {
                    var now = time.GetUtcNow();
                    foreach (var pending in batch)
                    {
                        var log = await hub.LogAsync(pending.ClientId, ct);
                        var seq = log.NextId();
                        numbered.Add((pending, log, new ClientEventRecord
                        {
                            Id = ClientEventRecord.IdOf(pending.ClientId, seq),
                            ClientId = pending.ClientId,
                            Seq = seq,
                            Type = pending.Type,
                            Data = pending.Data,
                            At = now,
                        }));
                    }
                }

                await using (var session = store.LightweightSession())
                {
                    session.Store(numbered.Select(n => n.Record).ToArray());
                    foreach (var closed in numbered.Select(n => n.Pending.ClosesEvaluation).OfType<Guid>())
                    {
                        session.Delete<Evaluations.EvaluationTicket>(closed);
                    }

                    await session.SaveChangesAsync(ct);
                }

                foreach (var (pending, log, record) in numbered)
                {
                    var item = new StreamEvent(record.Seq, record.Type, record.Data);
                    log.Deliver(item);
                    pending.Stored.TrySetResult(item);
                }

                return;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                var delay = TimeSpan.FromMilliseconds(Math.Min(5_000, 100 * attempt));
                logger.LogError(ex, "Storing {Count} client event(s) failed (attempt {Attempt}); retrying in {Delay}", batch.Count, attempt, delay);
                await Task.Delay(delay, time, ct);
            }
        }
    }
}
