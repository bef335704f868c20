using Marten;
using Microsoft.Extensions.Options;

namespace IceFarm.ReservationService.ClientEvents;

/// <summary>
/// This replica's one writer of client events: stores a batch in one transaction (group commit), numbered per client by
/// the store's counters so that replicas writing for the same client never reuse or skip a number, then delivers them
/// here in order. A failed write is retried as a whole and numbered again: the failed transaction used no numbers.
/// </summary>
internal sealed class ClientEventWriter(
    ClientEventHub hub, ClientEventDatabase database, IDocumentStore store, TimeProvider time, IOptions<ClientEventOptions> options,
    ILogger<ClientEventWriter> logger) : BackgroundService
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
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var records = await StoreAsync(batch, ct);
                for (var i = 0; i < batch.Count; i++)
                {
                    var item = new StreamEvent(records[i].Seq, records[i].Type, records[i].Data);
                    hub.DeliverStored(records[i].ClientId, item);
                    batch[i].Stored.TrySetResult(item);
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

    private async Task<ClientEventRecord[]> StoreAsync(List<PendingClientEvent> batch, CancellationToken ct)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pending in batch)
        {
            counts[pending.ClientId] = counts.GetValueOrDefault(pending.ClientId) + 1;
        }

        await using var connection = await database.DataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var last = await database.ReserveAsync(transaction, [.. counts.Keys], [.. counts.Values], hub.Origin, ct);

        // The numbers reserved for a client are (last - count, last], given in the order the events were published.
        var next = counts.ToDictionary(c => c.Key, c => last[c.Key] - c.Value + 1, StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var records = new ClientEventRecord[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var pending = batch[i];
            var seq = next[pending.ClientId]++;
            records[i] = new ClientEventRecord
            {
                Id = ClientEventRecord.IdOf(pending.ClientId, seq),
                ClientId = pending.ClientId,
                Seq = seq,
                Type = pending.Type,
                Data = pending.Data,
                At = now,
            };
        }

        await using (var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction, false)))
        {
            // Insert, not upsert: a number is never reused, so an existing id is a bug to surface, not to overwrite.
            session.Insert(records);
            foreach (var closed in batch.Select(p => p.ClosesEvaluation).OfType<Guid>())
            {
                session.Delete<Evaluations.EvaluationTicket>(closed);
            }

            await session.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return records;
    }
}
