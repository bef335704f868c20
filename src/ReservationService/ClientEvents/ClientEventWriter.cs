using IceFarm.FarmData.Store;
using IceFarm.ServiceDefaults;
using Microsoft.Extensions.Options;
using Polly;

namespace IceFarm.ReservationService.ClientEvents;

/// <summary>
/// This replica's one writer of client events: appends a batch to the clients' streams in one transaction (group commit:
/// what was published while the previous batch was being stored; a lone event goes at once), delivers the events here in
/// order before their publishers hear they are stored; the same transaction wakes the other replicas' streams of those
/// clients (<see cref="ClientFeedStore.AppendAsync"/>). A failed write is
/// retried as a whole: the failed transaction appended nothing; if it had in fact committed (its answer was lost), the
/// retry finds the tickets of the evaluations it ended gone and leaves those events out, so a result is never stored twice.
/// </summary>
internal sealed class ClientEventWriter(
    ClientEventHub hub, ClientFeedStore feed, TimeProvider time, IOptions<ClientEventOptions> options,
    ILogger<ClientEventWriter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = hub.Pending;
        var batch = new List<PendingClientEvent>();
        // A failed batch is retried as a whole until it is stored; its results stay unacknowledged meanwhile.
        var retry = new RetryUntilStopped(failure => LogFailure(batch.Count, failure))
        {
            BackoffType = DelayBackoffType.Linear,
            Delay = TimeSpan.FromMilliseconds(100),
            MaxDelay = TimeSpan.FromSeconds(5),
        }.Build(time);
        while (await reader.WaitToReadAsync(stoppingToken))
        {
            while (batch.Count < options.Value.WriteBatchSize && reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            await retry.ExecuteAsync(static async (state, ct) => await state.Writer.WriteAsync(state.Batch, ct), (Writer: this, Batch: batch), stoppingToken);
            batch.Clear();
        }
    }

    private async Task WriteAsync(List<PendingClientEvent> batch, CancellationToken ct)
    {
        var appended = await feed.AppendAsync(batch, hub.Origin, ct);
        for (var i = 0; i < batch.Count; i++)
        {
            if (appended[i] is not { } item)
            {
                // It ended an evaluation that had already ended: nothing was stored, nothing to deliver.
                batch[i].Stored.TrySetResult(null);
                continue;
            }

            hub.DeliverStored(batch[i].ClientId, item);
            batch[i].Stored.TrySetResult(item);
        }
    }

    private void LogFailure(int count, LoopFailure failure)
    {
        if (DatabaseOutages.IsOutage(failure.Error))
        {
            // A restart or failover: the batch waits for the database.
            logger.LogWarning("Storing {Count} client event(s) waits for the database (attempt {Attempt}, {Error}); retrying in {Delay}",
                count, failure.InARow, failure.Error.GetBaseException().Message, failure.NextAttemptIn);
        }
        else
        {
            logger.LogError(failure.Error, "Storing {Count} client event(s) failed (attempt {Attempt}); retrying in {Delay}", count, failure.InARow, failure.NextAttemptIn);
        }
    }
}
