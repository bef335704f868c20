using System.Threading.Channels;
using IceFarm.FarmData.Store;
using IceFarm.ServiceDefaults;
using Microsoft.Extensions.Options;
using Polly;

namespace IceFarm.ReservationService.ClientEvents;

/// <summary>
/// This replica's one writer of client events, two stages in a row, each a loop that takes what was published while its
/// previous batch was in flight (group commit; a lone event goes at once):
/// <list type="number">
/// <item>checks the batch's ending events against their evaluations' tickets, at most one query, none for the tickets this replica stored (<see cref="EvaluationClaims.CheckAsync"/>);</item>
/// <item>appends the batch to the clients' streams in one transaction, one round trip (<see cref="ClientFeedStore.AppendAsync"/>),
/// then delivers the events here in order before their publishers hear they are stored; the same transaction wakes the
/// other replicas' streams of those clients.</item>
/// </list>
/// The stages overlap: the next batch's tickets are read while this one commits. Events keep their order through both.
/// A failed step is retried as a whole: a failed transaction appended nothing; if it had in fact committed (its answer
/// was lost), the retry finds the evaluations it ended ended and leaves those events out, so a result is never stored twice.
/// </summary>
internal sealed class ClientEventWriter(
    ClientEventHub hub, ClientFeedStore feed, EvaluationClaims claims, TimeProvider time, IOptions<ClientEventOptions> options,
    ILogger<ClientEventWriter> logger) : BackgroundService
{
    private readonly Channel<List<PendingClientEvent>> _checked = Channel.CreateBounded<List<PendingClientEvent>>(
        new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(CheckAsync(stoppingToken), AppendAsync(stoppingToken));

    private async Task CheckAsync(CancellationToken stoppingToken)
    {
        var reader = hub.Pending;
        var retry = Retry("Checking");
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                var batch = new List<PendingClientEvent>();
                while (batch.Count < options.Value.WriteBatchSize && reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                var (kept, refused) = await retry.ExecuteAsync(static async (state, ct) => await state.Claims.CheckAsync(state.Batch, ct),
                    (Claims: claims, Batch: batch), stoppingToken);
                foreach (var pending in refused)
                {
                    // It ends an evaluation that had already ended, or claims one that is not the sender's: nothing stored.
                    pending.Stored.TrySetResult(null);
                }

                if (kept.Count > 0)
                {
                    await _checked.Writer.WriteAsync(kept, stoppingToken);
                }
            }
        }
        finally
        {
            _checked.Writer.TryComplete();
        }
    }

    private async Task AppendAsync(CancellationToken stoppingToken)
    {
        var retry = Retry("Storing");
        var reader = _checked.Reader;
        var batch = new List<PendingClientEvent>();
        while (await reader.WaitToReadAsync(stoppingToken))
        {
            // Checked batches that queued while the last one was stored go together, up to the batch size.
            while (reader.TryPeek(out var next) && (batch.Count == 0 || batch.Count + next.Count <= options.Value.WriteBatchSize))
            {
                reader.TryRead(out _);
                batch.AddRange(next);
            }

            await retry.ExecuteAsync(static async (state, ct) => await state.Writer.WriteAsync(state.Batch, ct), (Writer: this, Batch: batch), stoppingToken);
            batch.Clear();
        }
    }

    /// <summary>Retries a failed step until it succeeds; its results stay unacknowledged meanwhile.</summary>
    private ResiliencePipeline Retry(string step) =>
        new RetryUntilStopped(failure => LogFailure(step, failure))
        {
            BackoffType = DelayBackoffType.Linear,
            Delay = TimeSpan.FromMilliseconds(100),
            MaxDelay = TimeSpan.FromSeconds(5),
        }.Build(time);

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

    private void LogFailure(string step, LoopFailure failure)
    {
        if (DatabaseOutages.IsOutage(failure.Error))
        {
            // A restart or failover: the batch waits for the database.
            logger.LogWarning("{Step} client events waits for the database (attempt {Attempt}, {Error}); retrying in {Delay}",
                step, failure.InARow, failure.Error.GetBaseException().Message, failure.NextAttemptIn);
        }
        else
        {
            logger.LogError(failure.Error, "{Step} client events failed (attempt {Attempt}); retrying in {Delay}", step, failure.InARow, failure.NextAttemptIn);
        }
    }
}
